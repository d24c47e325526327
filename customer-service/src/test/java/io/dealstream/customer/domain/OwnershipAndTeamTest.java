package io.dealstream.customer.domain;

import static io.dealstream.customer.domain.CustomerEvent.CustomerOwnerChanged.OWNER_DEPARTED;
import static io.dealstream.customer.domain.Fixtures.*;
import static io.dealstream.support.domain.Rejection.Kind.CONFLICT;
import static io.dealstream.support.domain.Rejection.Kind.INVALID;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealstream.customer.domain.CustomerCommand.AddAccountTeamMember;
import io.dealstream.customer.domain.CustomerCommand.ChangeOwner;
import io.dealstream.customer.domain.CustomerCommand.RemoveAccountTeamMember;
import io.dealstream.customer.domain.CustomerEvent.AccountTeamMemberAdded;
import io.dealstream.customer.domain.CustomerEvent.AccountTeamMemberRemoved;
import io.dealstream.customer.domain.CustomerEvent.CustomerOwnerChanged;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.domain.Rejection.Violation;
import org.junit.jupiter.api.Test;

/** The account owner (one staff member responsible now) and the account team (other staff with a role on it). */
class OwnershipAndTeamTest {

    @Test
    void changesTheOwnerWithAReason() {
        CUSTOMERS.given(registered()).when(new ChangeOwner(COLLEAGUE, " Territory change ", null, false))
                .then(new CustomerOwnerChanged(OWNER, COLLEAGUE, "Territory change", null));
    }

    @Test
    void aHandoverCarriesItsDeparture() {
        CUSTOMERS.given(registered()).when(new ChangeOwner(SUCCESSOR, OWNER_DEPARTED, DEPARTURE, false))
                .then(new CustomerOwnerChanged(OWNER, SUCCESSOR, "OWNER_DEPARTED", DEPARTURE));
    }

    @Test
    void ownerDepartedNeedsTheDeparture() {
        Rejection r = CUSTOMERS.given(registered()).when(new ChangeOwner(SUCCESSOR, OWNER_DEPARTED, null, false))
                .thenRejected(INVALID, "invalid-input");
        assertThat(r.violations()).extracting(Violation::field).containsExactly("departureId");
    }

    @Test
    void anOwnerChangeNeedsAReason() {
        Rejection r = CUSTOMERS.given(registered()).when(new ChangeOwner(COLLEAGUE, null, null, false))
                .thenRejected(INVALID, "invalid-input");
        assertThat(r.violations()).extracting(Violation::field).containsExactly("reason");
        CUSTOMERS.given(registered()).when(new ChangeOwner(COLLEAGUE, "  ", null, false))
                .thenRejected(INVALID, "invalid-input");
    }

    @Test
    void anOwnerChangeNeedsANewOwner() {
        Rejection r = CUSTOMERS.given(registered()).when(new ChangeOwner(null, "why", null, false))
                .thenRejected(INVALID, "invalid-input");
        assertThat(r.violations()).extracting(Violation::field).containsExactly("staffId");
    }

    @Test
    void theCurrentOwnerIsRefused() {
        CUSTOMERS.given(registered()).when(new ChangeOwner(OWNER, "again", null, false))
                .thenRejected(CONFLICT, "same-owner");
    }

    @Test
    void aDepartedNewOwnerIsRefused() {
        Rejection r = CUSTOMERS.given(registered()).when(new ChangeOwner(COLLEAGUE, "why", null, true))
                .thenRejected(INVALID, "staff-departed");
        assertThat(r.violations()).extracting(Violation::field).containsExactly("staffId");
    }

    @Test
    void aTeamMemberWhoBecomesOwnerLeavesTheTeam() {
        CUSTOMERS.given(registered(), new AccountTeamMemberAdded(COLLEAGUE, "PRESALES_ENGINEER"))
                .when(new ChangeOwner(COLLEAGUE, "Promoted", null, false))
                .then(new CustomerOwnerChanged(OWNER, COLLEAGUE, "Promoted", null),
                        new AccountTeamMemberRemoved(COLLEAGUE));
    }

    @Test
    void addsATeamMemberWithACapabilityRoleInCanonicalForm() {
        CUSTOMERS.given(registered()).when(new AddAccountTeamMember(COLLEAGUE, " presales-engineer ", false))
                .then(new AccountTeamMemberAdded(COLLEAGUE, "PRESALES_ENGINEER"));
        CUSTOMERS.given(registered()).when(new AddAccountTeamMember(COLLEAGUE, "Legal", false))
                .then(new AccountTeamMemberAdded(COLLEAGUE, "LEGAL"));
    }

    @Test
    void aRoleMayBeFreeTextUpTo50Characters() {
        CUSTOMERS.given(registered()).when(new AddAccountTeamMember(COLLEAGUE, " Service coordinator ", false))
                .then(new AccountTeamMemberAdded(COLLEAGUE, "Service coordinator"));
        String role = "r".repeat(50);
        CUSTOMERS.given(registered()).when(new AddAccountTeamMember(COLLEAGUE, role, false))
                .then(new AccountTeamMemberAdded(COLLEAGUE, role));
        Rejection r = CUSTOMERS.given(registered()).when(new AddAccountTeamMember(COLLEAGUE, role + "r", false))
                .thenRejected(INVALID, "invalid-input");
        assertThat(r.violations()).extracting(Violation::field).containsExactly("role");
    }

    @Test
    void aTeamMemberNeedsStaffAndRole() {
        Rejection r = CUSTOMERS.given(registered()).when(new AddAccountTeamMember(null, "LEGAL", false))
                .thenRejected(INVALID, "invalid-input");
        assertThat(r.violations()).extracting(Violation::field).containsExactly("staffId");
        r = CUSTOMERS.given(registered()).when(new AddAccountTeamMember(COLLEAGUE, " ", false))
                .thenRejected(INVALID, "invalid-input");
        assertThat(r.violations()).extracting(Violation::field).containsExactly("role");
    }

    @Test
    void anotherRoleReplacesTheOldOneAndTheSameRoleChangesNothing() {
        CUSTOMERS.given(registered(), new AccountTeamMemberAdded(COLLEAGUE, "PRESALES_ENGINEER"))
                .when(new AddAccountTeamMember(COLLEAGUE, "CONSULTANT", false))
                .then(new AccountTeamMemberAdded(COLLEAGUE, "CONSULTANT"));
        CUSTOMERS.given(registered(), new AccountTeamMemberAdded(COLLEAGUE, "PRESALES_ENGINEER"))
                .when(new AddAccountTeamMember(COLLEAGUE, "presales engineer", false)).then();
    }

    @Test
    void theOwnerIsNotATeamMember() {
        CUSTOMERS.given(registered()).when(new AddAccountTeamMember(OWNER, "EXECUTIVE", false))
                .thenRejected(CONFLICT, "already-owner");
    }

    @Test
    void aDepartedStaffMemberCannotJoinTheTeam() {
        CUSTOMERS.given(registered()).when(new AddAccountTeamMember(COLLEAGUE, "LEGAL", true))
                .thenRejected(INVALID, "staff-departed");
    }

    @Test
    void removesATeamMember() {
        CUSTOMERS.given(registered(), new AccountTeamMemberAdded(COLLEAGUE, "LEGAL"))
                .when(new RemoveAccountTeamMember(COLLEAGUE)).then(new AccountTeamMemberRemoved(COLLEAGUE));
    }

    @Test
    void removingSomeoneNotOnTheTeamChangesNothing() {
        CUSTOMERS.given(registered(), new AccountTeamMemberAdded(COLLEAGUE, "LEGAL"),
                new AccountTeamMemberRemoved(COLLEAGUE)).when(new RemoveAccountTeamMember(COLLEAGUE)).then();
    }
}
