package io.dealstream.customer.domain;

import static io.dealstream.customer.domain.Fixtures.*;
import static io.dealstream.support.domain.Rejection.Kind.CONFLICT;
import static io.dealstream.support.domain.Rejection.Kind.INVALID;
import static io.dealstream.support.domain.Rejection.Kind.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealstream.customer.domain.CustomerCommand.ChangeCustomerDetails;
import io.dealstream.customer.domain.CustomerCommand.ChangeCustomerStatus;
import io.dealstream.customer.domain.CustomerCommand.RegisterCustomer;
import io.dealstream.customer.domain.CustomerEvent.CustomerDetailsChanged;
import io.dealstream.customer.domain.CustomerEvent.CustomerRegistered;
import io.dealstream.customer.domain.CustomerEvent.CustomerStatusChanged;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.domain.Rejection.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registering a customer in the archive, editing its details, and its business status. */
class RegisterAndEditCustomerTest {

    private static RegisterCustomer register(String name, CustomerStatus status) {
        return new RegisterCustomer(CUSTOMER, name, "Machinery", "North", ADDRESS, "+49 40 123456",
                "https://nordwerk.example", status, "~800 staff", List.of("Line 3 retrofit"), List.of("key-account"),
                OWNER, false);
    }

    private static ChangeCustomerDetails details() {
        return new ChangeCustomerDetails(null, null, null, null, null, null, null, null, null);
    }

    private static void assertInvalid(CustomerCommand command, String field) {
        Rejection r = CUSTOMERS.given().when(command).thenRejected(INVALID, "invalid-input");
        assertThat(r.violations()).extracting(Violation::field).containsExactly(field);
    }

    @Test
    void registersWithEveryField() {
        CUSTOMERS.given().when(register("Nordwerk Maschinenbau GmbH", CustomerStatus.PROSPECT)).then(registered());
    }

    @Test
    void statusDefaultsToProspect() {
        CUSTOMERS.given().when(register("Nordwerk Maschinenbau GmbH", null)).then(registered());
    }

    @Test
    void aCustomerMayBeRegisteredActive() {
        CUSTOMERS.given().when(register("Nordwerk", CustomerStatus.ACTIVE)).then(new CustomerRegistered(CUSTOMER,
                "Nordwerk", "Machinery", "North", ADDRESS, "+49 40 123456", "https://nordwerk.example",
                CustomerStatus.ACTIVE, "~800 staff", List.of("Line 3 retrofit"), List.of("key-account"), OWNER));
    }

    @Test
    void stripsTextDropsBlanksAndDuplicatesAndLeavesOutABlankAddress() {
        CUSTOMERS.given().when(new RegisterCustomer(CUSTOMER, "  Nordwerk ", " ", null,
                        new Address(" ", "", null, "  "), null, " ", null, null,
                        List.of(" Line 3 ", "", "Line 3"), List.of("a", " a ", "b"), OWNER, false))
                .then(new CustomerRegistered(CUSTOMER, "Nordwerk", null, null, null, null, null,
                        CustomerStatus.PROSPECT, null, List.of("Line 3"), List.of("a", "b"), OWNER));
    }

    @Test
    void requiresIdNameAndOwner() {
        assertInvalid(new RegisterCustomer(null, "N", null, null, null, null, null, null, null, null, null, OWNER,
                false), "customerId");
        assertInvalid(register(null, null), "name");
        assertInvalid(register(" \t", null), "name");
        assertInvalid(new RegisterCustomer(CUSTOMER, "N", null, null, null, null, null, null, null, null, null,
                null, false), "ownerId");
    }

    @Test
    void nameMayHave200Characters() {
        String name = "x".repeat(200);
        CUSTOMERS.given().when(register(name, null)).then(new CustomerRegistered(CUSTOMER, name, "Machinery",
                "North", ADDRESS, "+49 40 123456", "https://nordwerk.example", CustomerStatus.PROSPECT,
                "~800 staff", List.of("Line 3 retrofit"), List.of("key-account"), OWNER));
        assertInvalid(register("x".repeat(201), null), "name");
    }

    @Test
    void refusesOverlongFields() {
        assertInvalid(new RegisterCustomer(CUSTOMER, "N", null, null, new Address("s".repeat(201), null, null,
                null), null, null, null, null, null, null, OWNER, false), "address.street");
        assertInvalid(new RegisterCustomer(CUSTOMER, "N", null, null, null, null, null, null, null, null,
                List.of("t".repeat(51)), OWNER, false), "tags");
    }

    @Test
    void aDepartedOwnerIsRefused() {
        Rejection r = CUSTOMERS.given().when(new RegisterCustomer(CUSTOMER, "N", null, null, null, null, null, null,
                null, null, null, OWNER, true)).thenRejected(INVALID, "staff-departed");
        assertThat(r.violations()).extracting(Violation::field).containsExactly("ownerId");
    }

    @Test
    void refusesAnExistingCustomer() {
        CUSTOMERS.given(registered()).when(register("Again", null)).thenRejected(CONFLICT, "customer-exists");
    }

    @Test
    void everyOtherCommandNeedsAnExistingCustomer() {
        CUSTOMERS.given().when(details()).thenRejected(NOT_FOUND, "not-found");
        CUSTOMERS.given().when(new ChangeCustomerStatus(CustomerStatus.ACTIVE, null))
                .thenRejected(NOT_FOUND, "not-found");
    }

    @Test
    void carriesOnlyTheChangedFields() {
        CUSTOMERS.given(registered()).when(new ChangeCustomerDetails("Nordwerk AG", "Machinery", " Baltic ", null,
                        null, null, null, null, List.of("key-account", "tender-2025")))
                .then(new CustomerDetailsChanged("Nordwerk AG", null, "Baltic", null, null, null, null, null,
                        List.of("key-account", "tender-2025")));
    }

    @Test
    void blankTextAndABlankAddressClearAndAnEmptyListEmpties() {
        CUSTOMERS.given(registered()).when(new ChangeCustomerDetails(null, " ", null, new Address(null, " ", null,
                        null), "", null, null, List.of(), null))
                .then(new CustomerDetailsChanged(null, "", null, new Address(null, null, null, null), "", null,
                        null, List.of(), null));
    }

    @Test
    void aNewAddressReplacesTheOldOne() {
        Address moved = new Address("Kaistraße 1", "24103", "Kiel", "DE");
        CUSTOMERS.given(registered()).when(new ChangeCustomerDetails(null, null, null, moved, null, null, null,
                null, null)).then(new CustomerDetailsChanged(null, null, null, moved, null, null, null, null, null));
    }

    @Test
    void nothingChangedEmitsNothing() {
        CUSTOMERS.given(registered()).when(details()).then();
        CUSTOMERS.given(registered()).when(new ChangeCustomerDetails(" Nordwerk Maschinenbau GmbH", "Machinery",
                null, ADDRESS, null, null, null, List.of("Line 3 retrofit"), List.of("key-account"))).then();
    }

    @Test
    void clearingAnEmptyFieldIsNoChange() {
        CUSTOMERS.given(registered(), new CustomerDetailsChanged(null, "", null, null, null, null, null, null,
                null)).when(new ChangeCustomerDetails(null, " ", null, null, null, null, null, null, null)).then();
    }

    @Test
    void theNameCannotBeCleared() {
        Rejection r = CUSTOMERS.given(registered()).when(new ChangeCustomerDetails(" ", null, null, null, null,
                null, null, null, null)).thenRejected(INVALID, "invalid-input");
        assertThat(r.violations()).extracting(Violation::field).containsExactly("name");
    }

    @Test
    void changesWithThePreviousStatusAndReason() {
        CUSTOMERS.given(registered()).when(new ChangeCustomerStatus(CustomerStatus.ACTIVE, " deal won "))
                .then(new CustomerStatusChanged(CustomerStatus.ACTIVE, CustomerStatus.PROSPECT, "deal won"));
    }

    @Test
    void theReasonIsOptional() {
        CUSTOMERS.given(registered()).when(new ChangeCustomerStatus(CustomerStatus.DORMANT, null))
                .then(new CustomerStatusChanged(CustomerStatus.DORMANT, CustomerStatus.PROSPECT, null));
    }

    @Test
    void theSameStatusEmitsNothingSoARedeliveredDealWonIsHarmless() {
        CUSTOMERS.given(registered(), new CustomerStatusChanged(CustomerStatus.ACTIVE, CustomerStatus.PROSPECT, null))
                .when(new ChangeCustomerStatus(CustomerStatus.ACTIVE, "deal won")).then();
    }

    @Test
    void aLostCustomerCanBecomeActiveAgain() {
        CUSTOMERS.given(registered(), new CustomerStatusChanged(CustomerStatus.LOST, CustomerStatus.PROSPECT, null))
                .when(new ChangeCustomerStatus(CustomerStatus.ACTIVE, "win-back"))
                .then(new CustomerStatusChanged(CustomerStatus.ACTIVE, CustomerStatus.LOST, "win-back"));
    }

    @Test
    void statusIsRequired() {
        Rejection r = CUSTOMERS.given(registered()).when(new ChangeCustomerStatus(null, "x"))
                .thenRejected(INVALID, "invalid-input");
        assertThat(r.violations()).extracting(Violation::field).containsExactly("status");
    }
}
