package io.dealstream.deal.domain;

import static io.dealstream.deal.domain.DealScenario.OWNER;
import static io.dealstream.deal.domain.DealScenario.given;
import static io.dealstream.deal.domain.DealScenario.opened;
import static io.dealstream.support.domain.Rejection.Kind.CONFLICT;
import static io.dealstream.support.domain.Rejection.Kind.INVALID;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealstream.deal.domain.DealCommand.ReassignOwner;
import io.dealstream.deal.domain.DealCommand.RecordReview;
import io.dealstream.deal.domain.DealEvent.DealLost;
import io.dealstream.deal.domain.DealEvent.DealOwnerReassigned;
import io.dealstream.deal.domain.DealEvent.DealReviewed;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.domain.Rejection.Violation;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reassigning the deal's owner (handover after a departure) and the manager's weekly review. */
class OwnerAndReviewTest {

    private static final UUID NEW_OWNER = UUID.fromString("00000000-0000-0000-0000-00000000a002");
    private static final UUID DEPARTURE = UUID.fromString("00000000-0000-0000-0000-0000000de001");

    @Test
    void reassignsCarryingTheDeparture() {
        given(opened()).when(new ReassignOwner(NEW_OWNER, " Owner left ", DEPARTURE))
                .then(new DealOwnerReassigned(OWNER, NEW_OWNER, "Owner left", DEPARTURE));
    }

    @Test
    void reassignsWithoutADeparture() {
        given(opened()).when(new ReassignOwner(NEW_OWNER, "Territory change", null))
                .then(new DealOwnerReassigned(OWNER, NEW_OWNER, "Territory change", null));
    }

    @Test
    void reassigningNeedsAReason() {
        Rejection r = given(opened()).when(new ReassignOwner(NEW_OWNER, null, DEPARTURE)).thenRejected(INVALID, "invalid-input");
        assertThat(r.violations()).extracting(Violation::field).containsExactly("reason");
        given(opened()).when(new ReassignOwner(NEW_OWNER, " ", DEPARTURE)).thenRejected(INVALID, "invalid-input");
    }

    @Test
    void reassigningNeedsANewOwner() {
        Rejection r = given(opened()).when(new ReassignOwner(null, "Owner left", DEPARTURE)).thenRejected(INVALID, "invalid-input");
        assertThat(r.violations()).extracting(Violation::field).containsExactly("staffId");
    }

    @Test
    void theSameOwnerEmitsNothing() {
        given(opened()).when(new ReassignOwner(OWNER, "Owner left", DEPARTURE)).then();
    }

    @Test
    void aClosedDealIsNotReassigned() {
        given(opened(), new DealLost(LostReason.OWNER_LEFT, null, null, 1))
                .when(new ReassignOwner(NEW_OWNER, "Owner left", DEPARTURE)).thenRejected(CONFLICT, "deal-closed");
    }

    @Test
    void aReviewIsRecordedWithItsNotes() {
        given(opened()).when(new RecordReview(" Push for demo next week ")).then(new DealReviewed("Push for demo next week"));
    }

    @Test
    void aReviewNeedsNotes() {
        Rejection r = given(opened()).when(new RecordReview(null)).thenRejected(INVALID, "invalid-input");
        assertThat(r.violations()).extracting(Violation::field).containsExactly("notes");
        given(opened()).when(new RecordReview("  ")).thenRejected(INVALID, "invalid-input");
    }

    @Test
    void aClosedDealIsNotReviewed() {
        given(opened(), new DealLost(LostReason.NO_BUDGET, null, null, 1))
                .when(new RecordReview("Check")).thenRejected(CONFLICT, "deal-closed");
    }
}
