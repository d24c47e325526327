package io.dealstream.customer.domain;

/** A customer's postal address; every part is optional free text. */
public record Address(String street, String postalCode, String city, String country) {

    /** No part given. In a details change, a blank address clears the stored one. */
    public boolean blank() {
        return street == null && postalCode == null && city == null && country == null;
    }
}
