package io.dealstream.deal.domain;

import static io.dealstream.deal.domain.DealScenario.given;
import static io.dealstream.deal.domain.DealScenario.inStage;
import static io.dealstream.deal.domain.DealScenario.opened;
import static io.dealstream.deal.domain.DealScenario.staff;
import static io.dealstream.support.domain.Rejection.Kind.CONFLICT;
import static io.dealstream.support.domain.Rejection.Kind.INVALID;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealstream.deal.domain.DealCommand.AssignStageRole;
import io.dealstream.deal.domain.DealCommand.CompleteMilestone;
import io.dealstream.deal.domain.DealEvent.DealLost;
import io.dealstream.deal.domain.DealEvent.DealWon;
import io.dealstream.deal.domain.DealEvent.MilestoneCompleted;
import io.dealstream.deal.domain.DealEvent.StageRoleAssigned;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.domain.Rejection.Violation;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Completing exit milestones and assigning stage roles. */
class MilestoneAndStageRoleTest {

    @Nested
    class Milestones {

        @Test
        void aMilestoneOfTheCurrentStageIsCompleted() {
            given(opened()).when(new CompleteMilestone("first-meeting-booked"))
                    .then(new MilestoneCompleted(1, "first-meeting-booked"));
        }

        @Test
        void aMilestoneOfALaterStageIsRecordedUnderItsOwnStage() {
            given(opened()).when(new CompleteMilestone("demo-held")).then(new MilestoneCompleted(4, "demo-held"));
        }

        @Test
        void anUnknownKeyIsInvalid() {
            Rejection r = given(opened()).when(new CompleteMilestone("coffee-had")).thenRejected(INVALID, "invalid-input");
            assertThat(r.violations()).extracting(Violation::field).containsExactly("milestone");
        }

        @Test
        void aMissingKeyIsInvalid() {
            Rejection r = given(opened()).when(new CompleteMilestone(null)).thenRejected(INVALID, "invalid-input");
            assertThat(r.violations()).extracting(Violation::field).containsExactly("milestone");
        }

        @Test
        void aMilestoneOfAStageAlreadyLeftIsAConflict() {
            given(inStage(3)).when(new CompleteMilestone("site-visit-held"))
                    .thenRejected(CONFLICT, "milestone-of-past-stage");
        }

        @ParameterizedTest
        @ValueSource(strings = {DealProcess.CONTRACT_SIGNED, DealProcess.HANDED_OVER})
        void reservedKeysAreCompletedByWinningAndHandingOverOnly(String key) {
            given(inStage(8)).when(new CompleteMilestone(key)).thenRejected(CONFLICT, "milestone-by-command");
            given(opened()).when(new CompleteMilestone(key)).thenRejected(CONFLICT, "milestone-by-command");
        }

        @Test
        void aDuplicateEmitsNothing() {
            given(opened(), new MilestoneCompleted(1, "first-meeting-booked"))
                    .when(new CompleteMilestone("first-meeting-booked")).then();
        }

        @Test
        void aClosedDealRefuses() {
            given(opened(), new DealLost(LostReason.NO_DECISION, null, null, 1))
                    .when(new CompleteMilestone("first-meeting-booked")).thenRejected(CONFLICT, "deal-closed");
        }
    }

    @Nested
    class StageRoles {

        private final UUID anna = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
        private final UUID ben = UUID.fromString("00000000-0000-0000-0000-0000000000b1");

        @Test
        void assignsARole() {
            given(opened()).when(new AssignStageRole("CONSULTANT", anna))
                    .then(new StageRoleAssigned("CONSULTANT", anna, null));
        }

        @Test
        void reassigningRecordsThePreviousHolder() {
            given(opened(), new StageRoleAssigned("CONSULTANT", anna, null))
                    .when(new AssignStageRole("CONSULTANT", ben))
                    .then(new StageRoleAssigned("CONSULTANT", ben, anna));
        }

        @Test
        void theSameAssigneeEmitsNothing() {
            given(opened(), new StageRoleAssigned("CONSULTANT", anna, null))
                    .when(new AssignStageRole("CONSULTANT", anna)).then();
        }

        @Test
        void anUnknownRoleIsInvalid() {
            Rejection r = given(opened()).when(new AssignStageRole("ASTROLOGER", anna)).thenRejected(INVALID, "invalid-input");
            assertThat(r.violations()).extracting(Violation::field).containsExactly("role");
            given(opened()).when(new AssignStageRole(null, anna)).thenRejected(INVALID, "invalid-input");
        }

        @Test
        void aStaffMemberIsRequired() {
            Rejection r = given(opened()).when(new AssignStageRole("CONSULTANT", null)).thenRejected(INVALID, "invalid-input");
            assertThat(r.violations()).extracting(Violation::field).containsExactly("staffId");
        }

        @Test
        void aWonDealMayStillGetItsImplementationLead() {
            given(inStage(8), new DealWon(LocalDate.parse("2025-03-01"), DealScenario.AMOUNT))
                    .when(new AssignStageRole("IMPLEMENTATION", staff("IMPLEMENTATION")))
                    .then(new StageRoleAssigned("IMPLEMENTATION", staff("IMPLEMENTATION"), null));
        }

        @Test
        void aLostDealRefuses() {
            given(opened(), new DealLost(LostReason.NO_DECISION, null, null, 1))
                    .when(new AssignStageRole("CONSULTANT", anna)).thenRejected(CONFLICT, "deal-closed");
        }
    }
}
