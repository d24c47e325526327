package io.dealstream.customer.domain;

import static io.dealstream.customer.domain.Inputs.personal;
import static io.dealstream.customer.domain.Inputs.required;

import io.dealstream.customer.domain.CustomerCommand.AddContact;
import io.dealstream.customer.domain.CustomerCommand.ChangeContact;
import io.dealstream.customer.domain.CustomerCommand.EraseContactPersonalData;
import io.dealstream.customer.domain.CustomerEvent.ContactAdded;
import io.dealstream.customer.domain.CustomerEvent.ContactChanged;
import io.dealstream.customer.domain.CustomerEvent.ContactPersonalDataErased;
import io.dealstream.support.domain.Rejection;
import java.util.List;
import java.util.UUID;

/**
 * The rules for a customer's contacts, part of {@link CustomerDecider}. Contact ids are unique per customer and kept
 * after erasure; an unknown contact is NOT_FOUND. Once erased, a contact's personal data cannot be recorded again
 * ({@code personal-data-erased}): erasure was requested for the person, so the contact stays an anonymous seat in
 * the buying committee whose role may still change. Erasing twice changes nothing.
 */
final class ContactRules {

    private ContactRules() {
    }

    static List<CustomerEvent> add(CustomerState s, AddContact c) {
        UUID contactId = required(c.contactId(), "contactId");
        required(c.buyingRole(), "buyingRole");
        personal(c.personal(), "personal");
        if (s.contacts().containsKey(contactId)) {
            throw Rejection.conflict("contact-exists", "contact " + contactId + " already exists at this customer");
        }
        return List.of(new ContactAdded(contactId, c.buyingRole(), c.personal()));
    }

    static List<CustomerEvent> change(CustomerState s, ChangeContact c) {
        Contact contact = existing(s, c.contactId());
        if (c.personal() != null) {
            personal(c.personal(), "personal");
            if (contact.erased()) {
                throw Rejection.conflict("personal-data-erased", "the personal data of contact " + contact.contactId()
                        + " was erased on request and cannot be recorded again");
            }
        }
        var role = c.buyingRole() == contact.buyingRole() ? null : c.buyingRole();
        var personal = c.personal() == null || c.personal().equals(contact.personal()) ? null : c.personal();
        if (role == null && personal == null) {
            return List.of();
        }
        return List.of(new ContactChanged(contact.contactId(), role, personal));
    }

    static List<CustomerEvent> erase(CustomerState s, EraseContactPersonalData c) {
        Contact contact = existing(s, c.contactId());
        return contact.erased() ? List.of() : List.of(new ContactPersonalDataErased(contact.contactId()));
    }

    private static Contact existing(CustomerState s, UUID contactId) {
        Contact contact = s.contacts().get(required(contactId, "contactId"));
        if (contact == null) {
            throw Rejection.notFound("no contact " + contactId + " at this customer");
        }
        return contact;
    }
}
