package io.dealstream.deal.domain;

import static io.dealstream.deal.domain.DealScenario.AMOUNT;
import static io.dealstream.deal.domain.DealScenario.OWNER;
import static io.dealstream.deal.domain.DealScenario.gateOf;
import static io.dealstream.deal.domain.DealScenario.given;
import static io.dealstream.deal.domain.DealScenario.inStage;
import static io.dealstream.deal.domain.DealScenario.milestonesOf;
import static io.dealstream.deal.domain.DealScenario.moved;
import static io.dealstream.deal.domain.DealScenario.plus;
import static io.dealstream.deal.domain.DealScenario.staff;
import static io.dealstream.support.domain.Rejection.Kind.CONFLICT;
import static io.dealstream.support.domain.Rejection.Kind.INVALID;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealstream.deal.domain.DealCommand.AssignStageRole;
import io.dealstream.deal.domain.DealCommand.ChangeStage;
import io.dealstream.deal.domain.DealCommand.CompleteMilestone;
import io.dealstream.deal.domain.DealCommand.EditDeal;
import io.dealstream.deal.domain.DealCommand.HandOverToImplementation;
import io.dealstream.deal.domain.DealCommand.LoseDeal;
import io.dealstream.deal.domain.DealCommand.ReassignOwner;
import io.dealstream.deal.domain.DealCommand.RecordBuyerStage;
import io.dealstream.deal.domain.DealCommand.RecordReview;
import io.dealstream.deal.domain.DealCommand.ReopenDeal;
import io.dealstream.deal.domain.DealCommand.WinDeal;
import io.dealstream.deal.domain.DealEvent.DealHandedOver;
import io.dealstream.deal.domain.DealEvent.DealLost;
import io.dealstream.deal.domain.DealEvent.DealReopened;
import io.dealstream.deal.domain.DealEvent.DealStageChanged;
import io.dealstream.deal.domain.DealEvent.DealWon;
import io.dealstream.deal.domain.DealEvent.StageRoleAssigned;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.domain.Rejection.Violation;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How a deal closes (WON by signing in stage 8, LOST with a reason), is handed over, and is reopened. */
class OutcomeTest {

    /** {@link DealScenario#NOW} is 2025-03-05 (UTC). */
    private static final LocalDate TODAY = LocalDate.parse("2025-03-05");
    private static final LocalDate SIGNED = LocalDate.parse("2025-03-03");
    private static final UUID IMPLEMENTER = staff("IMPLEMENTATION");

    private static List<DealEvent> won() {
        return plus(inStage(8), List.of(new DealWon(SIGNED, AMOUNT)));
    }

    private static List<DealEvent> lostInStage(int stage) {
        return plus(inStage(stage), List.of(new DealLost(LostReason.NO_BUDGET, null, null, stage)));
    }

    @Nested
    class Win {

        @Test
        void signingInStage8WinsAtTheCurrentAmount() {
            given(inStage(8)).when(new WinDeal(SIGNED)).then(new DealWon(SIGNED, AMOUNT));
        }

        @Test
        void theImplementationLeadIsNotNeededToWin() {
            assertThat(given(inStage(8)).state().roles()).containsKey("EXECUTIVE").doesNotContainKey("IMPLEMENTATION");
            given(inStage(8)).when(new WinDeal(SIGNED)).then(new DealWon(SIGNED, AMOUNT));
        }

        @Test
        void withoutADateItIsSignedOnTheDayOfTheCommand() {
            given(inStage(8)).when(new WinDeal(null)).then(new DealWon(TODAY, AMOUNT));
        }

        @Test
        void aSigningDateInTheFutureIsRefused() {
            Rejection r = given(inStage(8)).when(new WinDeal(TODAY.plusDays(2))).thenRejected(INVALID, "invalid-input");
            assertThat(r.violations()).extracting(Violation::field).containsExactly("signedAt");
        }

        @Test
        void tomorrowIsToleratedForTimeZonesAheadOfUtc() {
            given(inStage(8)).when(new WinDeal(TODAY.plusDays(1))).then(new DealWon(TODAY.plusDays(1), AMOUNT));
        }

        @Test
        void onlyInStage8() {
            given(plus(inStage(7), gateOf(7))).when(new WinDeal(SIGNED)).thenRejected(CONFLICT, "win-only-in-last-stage");
        }

        @Test
        void needsTheExecutiveAssigned() {
            // the executive gate of stage 6 was overridden, so stage 8 is reached without one
            List<DealEvent> noExecutive = plus(plus(plus(inStage(6), milestonesOf(6)), List.of(
                    new DealStageChanged(6, 7, "Executive on leave", true, Map.of(6, List.of("role:EXECUTIVE"))))),
                    plus(gateOf(7), List.of(moved(7, 8))));
            Rejection r = given(noExecutive).when(new WinDeal(SIGNED)).thenRejected(CONFLICT, "stage-gate-unmet");
            assertThat(r.violations()).containsExactly(new Violation("stage 8", "stage role EXECUTIVE is not assigned"));
        }

        @Test
        void aWonDealIsNotWonAgain() {
            given(won()).when(new WinDeal(SIGNED)).thenRejected(CONFLICT, "deal-closed");
        }
    }

    @Nested
    class HandOver {

        @Test
        void aWonDealGoesToItsImplementationLead() {
            given(won(), new StageRoleAssigned("IMPLEMENTATION", IMPLEMENTER, null))
                    .when(new HandOverToImplementation()).then(new DealHandedOver(IMPLEMENTER));
        }

        @Test
        void needsTheImplementationLead() {
            Rejection r = given(won()).when(new HandOverToImplementation()).thenRejected(CONFLICT, "stage-gate-unmet");
            assertThat(r.violations())
                    .containsExactly(new Violation("stage 8", "stage role IMPLEMENTATION is not assigned"));
        }

        @Test
        void onlyAWonDeal() {
            given(plus(inStage(8), List.of(new StageRoleAssigned("IMPLEMENTATION", IMPLEMENTER, null))))
                    .when(new HandOverToImplementation()).thenRejected(CONFLICT, "not-won");
            given(lostInStage(8)).when(new HandOverToImplementation()).thenRejected(CONFLICT, "not-won");
        }

        @Test
        void onlyOnce() {
            given(won(), new StageRoleAssigned("IMPLEMENTATION", IMPLEMENTER, null), new DealHandedOver(IMPLEMENTER))
                    .when(new HandOverToImplementation()).thenRejected(CONFLICT, "already-handed-over");
        }
    }

    @Nested
    class Lose {

        @Test
        void recordsTheReasonAndTheStageItWasLostFrom() {
            given(inStage(3)).when(new LoseDeal(LostReason.NO_BUDGET, null, null))
                    .then(new DealLost(LostReason.NO_BUDGET, null, null, 3));
        }

        @Test
        void toACompetitorNeedsItsName() {
            Rejection r = given(inStage(3)).when(new LoseDeal(LostReason.LOST_TO_COMPETITOR, " ", null))
                    .thenRejected(INVALID, "invalid-input");
            assertThat(r.violations()).extracting(Violation::field).containsExactly("competitor");
            given(inStage(3)).when(new LoseDeal(LostReason.LOST_TO_COMPETITOR, " Acme ", null))
                    .then(new DealLost(LostReason.LOST_TO_COMPETITOR, "Acme", null, 3));
        }

        @Test
        void otherNeedsANote() {
            Rejection r = given(inStage(3)).when(new LoseDeal(LostReason.OTHER, null, null))
                    .thenRejected(INVALID, "invalid-input");
            assertThat(r.violations()).extracting(Violation::field).containsExactly("note");
            given(inStage(3)).when(new LoseDeal(LostReason.OTHER, null, "Merger froze all projects"))
                    .then(new DealLost(LostReason.OTHER, null, "Merger froze all projects", 3));
        }

        @Test
        void aReasonIsRequired() {
            Rejection r = given(inStage(3)).when(new LoseDeal(null, null, "no idea")).thenRejected(INVALID, "invalid-input");
            assertThat(r.violations()).extracting(Violation::field).containsExactly("reason");
        }

        @Test
        void aWonDealCannotBeLost() {
            given(won()).when(new LoseDeal(LostReason.NO_BUDGET, null, null)).thenRejected(CONFLICT, "deal-closed");
        }
    }

    @Nested
    class Reopen {

        @Test
        void returnsIntoTheStageItWasLostFrom() {
            given(lostInStage(5)).when(new ReopenDeal()).then(new DealReopened(5));
        }

        @Test
        void onlyALostDeal() {
            given(inStage(5)).when(new ReopenDeal()).thenRejected(CONFLICT, "not-lost");
            given(won()).when(new ReopenDeal()).thenRejected(CONFLICT, "not-lost");
        }

        @Test
        void aReopenedDealTakesCommandsAgain() {
            given(plus(lostInStage(5), List.of(new DealReopened(5)))).when(new RecordReview("Back on"))
                    .then(new DealEvent.DealReviewed("Back on"));
        }
    }

    static Stream<DealCommand> commandsOfAnOpenDeal() {
        return Stream.of(
                new EditDeal("New title", null, null, null),
                new CompleteMilestone("requirements-confirmed"),
                new ChangeStage(4, "Regression", false),
                new RecordBuyerStage(3),
                new ReassignOwner(IMPLEMENTER, "Owner left", null),
                new RecordReview("Check"),
                new WinDeal(SIGNED),
                new LoseDeal(LostReason.NO_INTENT, null, null));
    }

    @ParameterizedTest
    @MethodSource("commandsOfAnOpenDeal")
    void aWonDealRefuses(DealCommand command) {
        given(won()).when(command).thenRejected(CONFLICT, "deal-closed");
    }

    @ParameterizedTest
    @MethodSource("commandsOfAnOpenDeal")
    void aLostDealRefuses(DealCommand command) {
        given(lostInStage(5)).when(command).thenRejected(CONFLICT, "deal-closed");
    }

    @Test
    void aLostDealRefusesStageRoles() {
        given(lostInStage(5)).when(new AssignStageRole("CONSULTANT", OWNER)).thenRejected(CONFLICT, "deal-closed");
    }

    @Test
    void aLostStage8DealCannotBeWon() {
        given(lostInStage(8)).when(new WinDeal(SIGNED)).thenRejected(CONFLICT, "deal-closed");
    }
}
