package io.dealstream.customer.domain;

import static io.dealstream.customer.domain.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealstream.customer.domain.CustomerEvent.AccountTeamMemberAdded;
import io.dealstream.customer.domain.CustomerEvent.AccountTeamMemberRemoved;
import io.dealstream.customer.domain.CustomerEvent.ActivityLogged;
import io.dealstream.customer.domain.CustomerEvent.ContactChanged;
import io.dealstream.customer.domain.CustomerEvent.ContactPersonalDataErased;
import io.dealstream.customer.domain.CustomerEvent.CustomerDetailsChanged;
import io.dealstream.customer.domain.CustomerEvent.CustomerOwnerChanged;
import io.dealstream.customer.domain.CustomerEvent.CustomerStatusChanged;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link CustomerState#evolve} applies events without judging them; the state after a sequence is what it says. */
class CustomerStateEvolveTest {

    private static final Instant T1 = Instant.parse("2024-01-10T09:00:00Z");
    private static final Instant T2 = Instant.parse("2024-06-01T09:00:00Z");
    private static final Instant T3 = Instant.parse("2025-03-03T09:00:00Z");

    @Test
    void noneIsNoCustomer() {
        assertThat(CustomerState.NONE.exists()).isFalse();
        assertThat(CustomerState.NONE.version()).isZero();
    }

    @Test
    void registeringSetsTheFieldsAndStartsTheOwnershipHistory() {
        CustomerState s = CustomerState.NONE.evolve(registered(), T1);
        assertThat(s).extracting(CustomerState::id, CustomerState::name, CustomerState::address, CustomerState::status,
                        CustomerState::ownerId, CustomerState::tags, CustomerState::registeredAt, CustomerState::version)
                .containsExactly(CUSTOMER, "Nordwerk Maschinenbau GmbH", ADDRESS, CustomerStatus.PROSPECT, OWNER,
                        List.of("key-account"), T1, 1L);
        assertThat(s.ownership()).containsExactly(new OwnershipPeriod(OWNER, T1, null, "REGISTERED", null));
    }

    @Test
    void theOwnershipHistoryTellsWhoHeldTheAccountFromWhenToWhenAndWhy() {
        CustomerState s = CustomerState.NONE.evolve(registered(), T1)
                .evolve(new CustomerOwnerChanged(OWNER, COLLEAGUE, "Territory change", null), T2)
                .evolve(new CustomerOwnerChanged(COLLEAGUE, SUCCESSOR, "OWNER_DEPARTED", DEPARTURE), T3);
        assertThat(s.ownerId()).isEqualTo(SUCCESSOR);
        assertThat(s.ownership()).containsExactly(
                new OwnershipPeriod(OWNER, T1, T2, "REGISTERED", null),
                new OwnershipPeriod(COLLEAGUE, T2, T3, "Territory change", null),
                new OwnershipPeriod(SUCCESSOR, T3, null, "OWNER_DEPARTED", DEPARTURE));
        assertThat(s.ownership()).filteredOn(OwnershipPeriod::current).extracting(OwnershipPeriod::staffId)
                .containsExactly(SUCCESSOR);
    }

    @Test
    void detailsApplyOnlyWhatChangedAndClearWhatIsEmpty() {
        CustomerState s = CustomerState.NONE.evolve(registered(), T1).evolve(new CustomerDetailsChanged("Nordwerk AG",
                "", null, new Address(null, null, null, null), null, null, "", List.of(), null), T2);
        assertThat(s).extracting(CustomerState::name, CustomerState::industry, CustomerState::region,
                        CustomerState::address, CustomerState::phone, CustomerState::sizeNotes,
                        CustomerState::potentialProjects, CustomerState::tags, CustomerState::updatedAt)
                .containsExactly("Nordwerk AG", null, "North", null, "+49 40 123456", null, List.of(),
                        List.of("key-account"), T2);
    }

    @Test
    void statusAndAccountTeam() {
        CustomerState s = CustomerState.NONE.evolve(registered(), T1)
                .evolve(new CustomerStatusChanged(CustomerStatus.ACTIVE, CustomerStatus.PROSPECT, null), T2)
                .evolve(new AccountTeamMemberAdded(COLLEAGUE, "LEGAL"), T2)
                .evolve(new AccountTeamMemberAdded(SUCCESSOR, "PRESALES_ENGINEER"), T2)
                .evolve(new AccountTeamMemberAdded(COLLEAGUE, "FINANCE"), T3)
                .evolve(new AccountTeamMemberRemoved(SUCCESSOR), T3);
        assertThat(s.status()).isEqualTo(CustomerStatus.ACTIVE);
        assertThat(s.accountTeam()).containsExactly(Map.entry(COLLEAGUE, "FINANCE"));
        assertThat(s.version()).isEqualTo(6);
    }

    @Test
    void anErasedContactKeepsItsRoleAndLosesItsPersonalData() {
        CustomerState s = CustomerState.NONE.evolve(registered(), T1).evolve(contactAdded(), T1)
                .evolve(new ContactChanged(CONTACT, null, PERSONAL_2), T2)
                .evolve(new ContactChanged(CONTACT, BuyingRole.DECISION_MAKER, null), T2);
        assertThat(s.contacts()).containsExactly(
                Map.entry(CONTACT, new Contact(CONTACT, BuyingRole.DECISION_MAKER, PERSONAL_2, false)));
        s = s.evolve(new ContactPersonalDataErased(CONTACT), T3);
        assertThat(s.contacts()).containsExactly(
                Map.entry(CONTACT, new Contact(CONTACT, BuyingRole.DECISION_MAKER, null, true)));
    }

    @Test
    void lastActivityAtIsTheLatestActivityDateEvenWhenOlderOnesAreLoggedLater() {
        Instant visit = Instant.parse("2025-02-20T14:00:00Z");
        Instant olderCall = Instant.parse("2025-02-10T09:00:00Z");
        CustomerState s = CustomerState.NONE.evolve(registered(), T1)
                .evolve(new ActivityLogged(id("ac01"), ActivityType.VISIT, visit, "Visit", null, null, List.of()), T3)
                .evolve(new ActivityLogged(id("ac02"), ActivityType.CALL, olderCall, "Call", null, null, List.of()), T3);
        assertThat(s.lastActivityAt()).isEqualTo(visit);
        assertThat(s.activityCount()).isEqualTo(2);
    }

    @Test
    void theStateIsImmutable() {
        CustomerState s = CustomerState.NONE.evolve(registered(), T1).evolve(contactAdded(), T1);
        CustomerState next = s.evolve(new AccountTeamMemberAdded(COLLEAGUE, "LEGAL"), T2);
        assertThat(s.accountTeam()).isEmpty();
        assertThat(next.accountTeam()).hasSize(1);
        assertThatThrownBy(() -> next.contacts().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
