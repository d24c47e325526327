package io.dealstream.customer.domain;

import static io.dealstream.customer.domain.Fixtures.*;
import static io.dealstream.customer.domain.HandoverItemType.ACCOUNT;
import static io.dealstream.customer.domain.HandoverItemType.DEAL;
import static io.dealstream.customer.domain.Scenario.NOW;
import static io.dealstream.support.domain.Rejection.Kind.CONFLICT;
import static io.dealstream.support.domain.Rejection.Kind.INVALID;
import static io.dealstream.support.domain.Rejection.Kind.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealstream.customer.domain.HandoverCommand.AddDeal;
import io.dealstream.customer.domain.HandoverCommand.AssignHandoverItems;
import io.dealstream.customer.domain.HandoverCommand.CloseDeal;
import io.dealstream.customer.domain.HandoverCommand.Assignment;
import io.dealstream.customer.domain.HandoverCommand.OpenHandover;
import io.dealstream.customer.domain.HandoverEvent.HandoverCompleted;
import io.dealstream.customer.domain.HandoverEvent.HandoverDealAdded;
import io.dealstream.customer.domain.HandoverEvent.HandoverDealClosed;
import io.dealstream.customer.domain.HandoverEvent.HandoverItemAssigned;
import io.dealstream.customer.domain.HandoverEvent.HandoverOpened;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.domain.Rejection.Violation;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A departure's handover: every account and open deal gets a new owner; with a successor the accounts move at once;
 * the handover completes with its last assignment. NOW is 4 days after the effective date.
 */
class HandoverTest {

    private static final List<HandoverDeal> DEALS = List.of(new HandoverDeal(OPEN_DEAL, CUSTOMER));

    private static OpenHandover open(UUID successor, List<UUID> accounts, List<HandoverDeal> deals) {
        return new OpenHandover(DEPARTURE, OWNER, EFFECTIVE, successor, accounts, deals);
    }

    private static AssignHandoverItems assign(Assignment... assignments) {
        return new AssignHandoverItems(Arrays.asList(assignments));
    }

    private static Assignment to(HandoverItemType type, UUID item, UUID newOwner) {
        return new Assignment(type, item, newOwner, false);
    }

    private static HandoverItemAssigned assigned(HandoverItemType type, UUID item, UUID newOwner, long lag) {
        return new HandoverItemAssigned(type, item, newOwner, NOW, lag);
    }

    @Test
    void withoutASuccessorEverythingStaysOrphaned() {
        HANDOVERS.given().when(open(null, List.of(CUSTOMER, CUSTOMER_2), DEALS)).then(handoverOpened(null));
    }

    @Test
    void withASuccessorTheAccountsMoveAtOnceAndTheDealsWaitForDealService() {
        HANDOVERS.given().when(open(SUCCESSOR, List.of(CUSTOMER, CUSTOMER_2), DEALS))
                .then(handoverOpened(SUCCESSOR), assigned(ACCOUNT, CUSTOMER, SUCCESSOR, 4),
                        assigned(ACCOUNT, CUSTOMER_2, SUCCESSOR, 4));
    }

    @Test
    void withASuccessorAndNoDealsItCompletesAsItOpens() {
        HANDOVERS.given().when(open(SUCCESSOR, List.of(CUSTOMER), List.of()))
                .then(new HandoverOpened(DEPARTURE, OWNER, EFFECTIVE, SUCCESSOR, List.of(CUSTOMER), List.of()),
                        assigned(ACCOUNT, CUSTOMER, SUCCESSOR, 4), new HandoverCompleted());
    }

    @Test
    void withNothingToHandOverItCompletesAtOnce() {
        HANDOVERS.given().when(open(null, null, null))
                .then(new HandoverOpened(DEPARTURE, OWNER, EFFECTIVE, null, List.of(), List.of()),
                        new HandoverCompleted());
    }

    @Test
    void duplicateItemsAreListedOnce() {
        HANDOVERS.given().when(open(null, List.of(CUSTOMER, CUSTOMER_2, CUSTOMER), List.of(DEALS.get(0), DEALS.get(0))))
                .then(handoverOpened(null));
    }

    @Test
    void openingNeedsTheDepartureAndRefusesASecondOpening() {
        assertInvalid(new OpenHandover(null, OWNER, EFFECTIVE, null, null, null), "handoverId");
        assertInvalid(new OpenHandover(DEPARTURE, null, EFFECTIVE, null, null, null), "staffId");
        assertInvalid(new OpenHandover(DEPARTURE, OWNER, null, null, null, null), "effectiveDate");
        assertInvalid(open(OWNER, List.of(), List.of()), "successorId");
        assertInvalid(open(null, List.of(), List.of(new HandoverDeal(OPEN_DEAL, null))), "deals[].customerId");
        HANDOVERS.given(handoverOpened(null)).when(open(null, List.of(), List.of()))
                .thenRejected(CONFLICT, "handover-exists");
    }

    @Test
    void assignsAnItemWithItsLagInWholeDays() {
        HANDOVERS.given(handoverOpened(null)).when(assign(to(ACCOUNT, CUSTOMER, COLLEAGUE)))
                .then(assigned(ACCOUNT, CUSTOMER, COLLEAGUE, 4));
    }

    @Test
    void theLagCountsFromTheStartOfTheEffectiveDayInUtcAndIsNeverNegative() {
        assertThat(HandoverDecider.lagDays(EFFECTIVE, Instant.parse("2025-03-01T23:59:59Z"))).isZero();
        assertThat(HandoverDecider.lagDays(EFFECTIVE, Instant.parse("2025-03-02T00:00:00Z"))).isEqualTo(1);
        assertThat(HandoverDecider.lagDays(EFFECTIVE, Instant.parse("2025-02-20T09:00:00Z"))).isZero();
        Instant early = Instant.parse("2025-02-27T09:00:00Z");
        HANDOVERS.given(handoverOpened(null)).at(early).when(assign(to(DEAL, OPEN_DEAL, COLLEAGUE)))
                .then(new HandoverItemAssigned(DEAL, OPEN_DEAL, COLLEAGUE, early, 0));
    }

    @Test
    void theLastAssignmentCompletesTheHandover() {
        HANDOVERS.given(handoverOpened(null), assigned(ACCOUNT, CUSTOMER, COLLEAGUE, 1))
                .when(assign(to(ACCOUNT, CUSTOMER_2, SUCCESSOR), to(DEAL, OPEN_DEAL, COLLEAGUE)))
                .then(assigned(ACCOUNT, CUSTOMER_2, SUCCESSOR, 4), assigned(DEAL, OPEN_DEAL, COLLEAGUE, 4),
                        new HandoverCompleted());
    }

    @Test
    void aDealReportedByDealServiceCompletesASuccessorsHandover() {
        HANDOVERS.given(handoverOpened(SUCCESSOR), assigned(ACCOUNT, CUSTOMER, SUCCESSOR, 0),
                        assigned(ACCOUNT, CUSTOMER_2, SUCCESSOR, 0))
                .when(assign(to(DEAL, OPEN_DEAL, SUCCESSOR)))
                .then(assigned(DEAL, OPEN_DEAL, SUCCESSOR, 4), new HandoverCompleted());
    }

    @Test
    void anItemNotInTheHandoverIsInvalid() {
        Rejection r = HANDOVERS.given(handoverOpened(null)).when(assign(to(ACCOUNT, id("c999"), COLLEAGUE)))
                .thenRejected(INVALID, "not-in-handover");
        assertThat(r.violations()).extracting(Violation::field).containsExactly("assignments[0].itemId");
        HANDOVERS.given(handoverOpened(null)).when(assign(to(DEAL, CUSTOMER, COLLEAGUE)))
                .thenRejected(INVALID, "not-in-handover");
    }

    @Test
    void nothingGoesToTheDepartedPersonOrAnyoneDeparted() {
        Rejection r = HANDOVERS.given(handoverOpened(null)).when(assign(to(ACCOUNT, CUSTOMER, OWNER)))
                .thenRejected(INVALID, "staff-departed");
        assertThat(r.violations()).extracting(Violation::field).containsExactly("assignments[0].newOwnerId");
        HANDOVERS.given(handoverOpened(null)).when(assign(new Assignment(ACCOUNT, CUSTOMER, COLLEAGUE, true)))
                .thenRejected(INVALID, "staff-departed");
    }

    @Test
    void aBatchIsAssignedAllOrNone() {
        HANDOVERS.given(handoverOpened(null))
                .when(assign(to(ACCOUNT, CUSTOMER, COLLEAGUE), new Assignment(DEAL, OPEN_DEAL, SUCCESSOR, true)))
                .thenRejected(INVALID, "staff-departed");
    }

    @Test
    void anItemAlreadyTakenOverByAnotherIsAConflict() {
        HANDOVERS.given(handoverOpened(null), assigned(ACCOUNT, CUSTOMER, COLLEAGUE, 1))
                .when(assign(to(ACCOUNT, CUSTOMER, SUCCESSOR))).thenRejected(CONFLICT, "already-assigned");
    }

    @Test
    void assigningAgainToTheSameOwnerChangesNothingSoRedeliveryIsHarmless() {
        HANDOVERS.given(handoverOpened(SUCCESSOR), assigned(ACCOUNT, CUSTOMER, SUCCESSOR, 0))
                .when(assign(to(ACCOUNT, CUSTOMER, SUCCESSOR))).then();
    }

    @Test
    void anAssignmentNeedsItemOwnerAndNoRepeats() {
        assertInvalid(assign(), "assignments", handoverOpened(null));
        assertInvalid(new AssignHandoverItems(null), "assignments", handoverOpened(null));
        assertInvalid(assign(new Assignment(null, CUSTOMER, COLLEAGUE, false)), "assignments[0].itemType",
                handoverOpened(null));
        assertInvalid(assign(to(ACCOUNT, null, COLLEAGUE)), "assignments[0].itemId", handoverOpened(null));
        assertInvalid(assign(to(ACCOUNT, CUSTOMER, null)), "assignments[0].newOwnerId", handoverOpened(null));
        assertInvalid(assign(to(ACCOUNT, CUSTOMER, COLLEAGUE), to(ACCOUNT, CUSTOMER, COLLEAGUE)),
                "assignments[1].itemId", handoverOpened(null));
    }

    private static final UUID LATE_DEAL = id("d002");

    @Test
    void aDealLearnedOfAfterTheOpeningIsAddedOrphanedOnce() {
        HANDOVERS.given(handoverOpened(null)).when(new AddDeal(new HandoverDeal(LATE_DEAL, CUSTOMER_2)))
                .then(new HandoverDealAdded(LATE_DEAL, CUSTOMER_2));
        HANDOVERS.given(handoverOpened(null), new HandoverDealAdded(LATE_DEAL, CUSTOMER_2))
                .when(new AddDeal(new HandoverDeal(LATE_DEAL, CUSTOMER_2))).then();
        HANDOVERS.given(handoverOpened(null)).when(new AddDeal(new HandoverDeal(OPEN_DEAL, CUSTOMER))).then();
    }

    @Test
    void aLateDealReopensACompletedHandoverUntilItIsTakenOver() {
        HANDOVERS.given(handoverOpened(SUCCESSOR), assigned(ACCOUNT, CUSTOMER, SUCCESSOR, 0),
                        assigned(ACCOUNT, CUSTOMER_2, SUCCESSOR, 0), assigned(DEAL, OPEN_DEAL, SUCCESSOR, 0),
                        new HandoverCompleted(), new HandoverDealAdded(LATE_DEAL, CUSTOMER_2))
                .when(assign(to(DEAL, LATE_DEAL, SUCCESSOR)))
                .then(assigned(DEAL, LATE_DEAL, SUCCESSOR, 4), new HandoverCompleted());
        HandoverState reopened = HandoverState.NONE;
        for (HandoverEvent e : List.of(handoverOpened(null), new HandoverCompleted(), new HandoverDealAdded(LATE_DEAL, CUSTOMER_2))) {
            reopened = reopened.evolve(e, NOW);
        }
        assertThat(reopened.status()).isEqualTo(HandoverStatus.OPEN);
        assertThat(reopened.completedAt()).isNull();
        assertThat(reopened.orphaned()).extracting(HandoverItem::itemId).contains(LATE_DEAL);
    }

    @Test
    void anOrphanedDealClosedNeedsNoOwnerAndTheLastOneCompletesTheHandover() {
        HANDOVERS.given(handoverOpened(null)).when(new CloseDeal(OPEN_DEAL, "LOST"))
                .then(new HandoverDealClosed(OPEN_DEAL, "LOST"));
        HANDOVERS.given(handoverOpened(null), assigned(ACCOUNT, CUSTOMER, COLLEAGUE, 1),
                        assigned(ACCOUNT, CUSTOMER_2, COLLEAGUE, 1))
                .when(new CloseDeal(OPEN_DEAL, "WON"))
                .then(new HandoverDealClosed(OPEN_DEAL, "WON"), new HandoverCompleted());
    }

    @Test
    void closingADealTakenOverOrNotListedOrAgainChangesNothing() {
        HANDOVERS.given(handoverOpened(null), assigned(DEAL, OPEN_DEAL, COLLEAGUE, 1))
                .when(new CloseDeal(OPEN_DEAL, "LOST")).then();
        HANDOVERS.given(handoverOpened(null)).when(new CloseDeal(LATE_DEAL, "LOST")).then();
        HANDOVERS.given(handoverOpened(null), new HandoverDealClosed(OPEN_DEAL, "LOST"))
                .when(new CloseDeal(OPEN_DEAL, "LOST")).then();
        HANDOVERS.given(handoverOpened(null)).when(new CloseDeal(OPEN_DEAL, "ABANDONED"))
                .thenRejected(INVALID, "invalid-input");
    }

    @Test
    void aClosedDealCannotBeAssignedAnyMore() {
        HANDOVERS.given(handoverOpened(null), new HandoverDealClosed(OPEN_DEAL, "LOST"))
                .when(assign(to(DEAL, OPEN_DEAL, COLLEAGUE))).thenRejected(CONFLICT, "deal-closed");
    }

    @Test
    void anUnknownHandoverIsNotFound() {
        HANDOVERS.given().when(assign(to(ACCOUNT, CUSTOMER, COLLEAGUE))).thenRejected(NOT_FOUND, "not-found");
    }

    private static void assertInvalid(HandoverCommand command, String field, HandoverEvent... given) {
        Rejection r = HANDOVERS.given(given).when(command).thenRejected(INVALID, "invalid-input");
        assertThat(r.violations()).extracting(Violation::field).containsExactly(field);
    }
}
