package io.dealstream.customer.domain;

import static io.dealstream.customer.domain.Fixtures.*;
import static io.dealstream.support.domain.Rejection.Kind.CONFLICT;
import static io.dealstream.support.domain.Rejection.Kind.INVALID;
import static io.dealstream.support.domain.Rejection.Kind.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealstream.customer.domain.CustomerCommand.AddContact;
import io.dealstream.customer.domain.CustomerCommand.ChangeContact;
import io.dealstream.customer.domain.CustomerCommand.EraseContactPersonalData;
import io.dealstream.customer.domain.CustomerEvent.ContactAdded;
import io.dealstream.customer.domain.CustomerEvent.ContactChanged;
import io.dealstream.customer.domain.CustomerEvent.ContactPersonalDataErased;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.domain.Rejection.Violation;
import org.junit.jupiter.api.Test;

/** Contacts: buying-committee role and encrypted personal data, and its erasure on request. */
class ContactTest {

    private static final java.util.UUID UNKNOWN = id("cc99");

    @Test
    void addsAContactWithRoleAndEncryptedPersonalData() {
        CUSTOMERS.given(registered()).when(new AddContact(CONTACT, BuyingRole.TECHNICAL_EVALUATOR, PERSONAL))
                .then(new ContactAdded(CONTACT, BuyingRole.TECHNICAL_EVALUATOR, PERSONAL));
    }

    @Test
    void contactIdsAreUnique() {
        CUSTOMERS.given(registered(), contactAdded()).when(new AddContact(CONTACT, BuyingRole.USER, PERSONAL_2))
                .thenRejected(CONFLICT, "contact-exists");
    }

    @Test
    void anErasedContactKeepsItsId() {
        CUSTOMERS.given(registered(), contactAdded(), new ContactPersonalDataErased(CONTACT))
                .when(new AddContact(CONTACT, BuyingRole.USER, PERSONAL_2)).thenRejected(CONFLICT, "contact-exists");
    }

    @Test
    void aContactNeedsIdRoleAndPersonalData() {
        assertInvalid(new AddContact(null, BuyingRole.USER, PERSONAL), "contactId");
        assertInvalid(new AddContact(CONTACT, null, PERSONAL), "buyingRole");
        assertInvalid(new AddContact(CONTACT, BuyingRole.USER, null), "personal");
        assertInvalid(new AddContact(CONTACT, BuyingRole.USER, new EncryptedPersonalData(" ", "eA==")), "personal");
        assertInvalid(new AddContact(CONTACT, BuyingRole.USER, new EncryptedPersonalData("k", null)), "personal");
    }

    private static void assertInvalid(CustomerCommand command, String field) {
        Rejection r = CUSTOMERS.given(registered()).when(command).thenRejected(INVALID, "invalid-input");
        assertThat(r.violations()).extracting(Violation::field).containsExactly(field);
    }

    @Test
    void changesTheRoleAlone() {
        CUSTOMERS.given(registered(), contactAdded()).when(new ChangeContact(CONTACT, BuyingRole.DECISION_MAKER, null))
                .then(new ContactChanged(CONTACT, BuyingRole.DECISION_MAKER, null));
    }

    @Test
    void replacesThePersonalDataAlone() {
        CUSTOMERS.given(registered(), contactAdded())
                .when(new ChangeContact(CONTACT, BuyingRole.TECHNICAL_EVALUATOR, PERSONAL_2))
                .then(new ContactChanged(CONTACT, null, PERSONAL_2));
    }

    @Test
    void anUnchangedContactEmitsNothing() {
        CUSTOMERS.given(registered(), contactAdded()).when(new ChangeContact(CONTACT, null, null)).then();
        CUSTOMERS.given(registered(), contactAdded())
                .when(new ChangeContact(CONTACT, BuyingRole.TECHNICAL_EVALUATOR, PERSONAL)).then();
    }

    @Test
    void anUnknownContactIsNotFound() {
        CUSTOMERS.given(registered(), contactAdded()).when(new ChangeContact(UNKNOWN, BuyingRole.USER, null))
                .thenRejected(NOT_FOUND, "not-found");
        CUSTOMERS.given(registered(), contactAdded()).when(new EraseContactPersonalData(UNKNOWN))
                .thenRejected(NOT_FOUND, "not-found");
    }

    @Test
    void replacementPersonalDataMustBeComplete() {
        Rejection r = CUSTOMERS.given(registered(), contactAdded())
                .when(new ChangeContact(CONTACT, null, new EncryptedPersonalData("key-cc01", "")))
                .thenRejected(INVALID, "invalid-input");
        assertThat(r.violations()).extracting(Violation::field).containsExactly("personal");
    }

    @Test
    void erasesPersonalData() {
        CUSTOMERS.given(registered(), contactAdded()).when(new EraseContactPersonalData(CONTACT))
                .then(new ContactPersonalDataErased(CONTACT));
    }

    @Test
    void erasingTwiceEmitsNothing() {
        CUSTOMERS.given(registered(), contactAdded(), new ContactPersonalDataErased(CONTACT))
                .when(new EraseContactPersonalData(CONTACT)).then();
    }

    @Test
    void afterErasureNoPersonalDataIsRecordedAgain() {
        CUSTOMERS.given(registered(), contactAdded(), new ContactPersonalDataErased(CONTACT))
                .when(new ChangeContact(CONTACT, null, PERSONAL_2)).thenRejected(CONFLICT, "personal-data-erased");
    }

    @Test
    void afterErasureTheBuyingRoleMayStillChange() {
        CUSTOMERS.given(registered(), contactAdded(), new ContactPersonalDataErased(CONTACT))
                .when(new ChangeContact(CONTACT, BuyingRole.INFLUENCER, null))
                .then(new ContactChanged(CONTACT, BuyingRole.INFLUENCER, null));
    }
}
