package io.dealstream.deal.domain;

import static io.dealstream.deal.domain.DealScenario.MANAGER;
import static io.dealstream.deal.domain.DealScenario.PROCESS;
import static io.dealstream.deal.domain.DealScenario.gateOf;
import static io.dealstream.deal.domain.DealScenario.given;
import static io.dealstream.deal.domain.DealScenario.inStage;
import static io.dealstream.deal.domain.DealScenario.milestonesOf;
import static io.dealstream.deal.domain.DealScenario.moved;
import static io.dealstream.deal.domain.DealScenario.plus;
import static io.dealstream.support.domain.Rejection.Kind.CONFLICT;
import static io.dealstream.support.domain.Rejection.Kind.FORBIDDEN;
import static io.dealstream.support.domain.Rejection.Kind.INVALID;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealstream.deal.domain.DealCommand.ChangeStage;
import io.dealstream.deal.domain.DealEvent.DealStageChanged;
import io.dealstream.deal.domain.DealEvent.MilestoneCompleted;
import io.dealstream.deal.domain.DealEvent.StageRoleAssigned;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.domain.Rejection.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Moving a deal between seller stages: the stage gate, skipping, moving back and the manager's override. */
class ChangeStageTest {

    private static ChangeStage forwardTo(int stage) {
        return new ChangeStage(stage, null, false);
    }

    @Nested
    class StageGate {

        @ParameterizedTest(name = "stage {0}")
        @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
        void allMetLetsTheDealMoveOn(int stage) {
            given(plus(inStage(stage), gateOf(stage))).when(forwardTo(stage + 1)).then(moved(stage, stage + 1));
        }

        /** Every exit milestone and every stage role of stages 1..7, each missing alone. */
        static Stream<Arguments> eachGateItem() {
            return IntStream.rangeClosed(1, 7).boxed().flatMap(n -> Stream.concat(
                    PROCESS.stage(n).milestones().stream().map(m -> Arguments.of(n, "milestone", m)),
                    PROCESS.stage(n).roles().stream().map(r -> Arguments.of(n, "role", r))));
        }

        @ParameterizedTest(name = "stage {0} without {1} {2}")
        @MethodSource("eachGateItem")
        void oneMissingItemIsRefusedNamingIt(int stage, String kind, String missing) {
            List<DealEvent> gateLessOne = new ArrayList<>(gateOf(stage));
            boolean removed = gateLessOne.removeIf(e -> e instanceof MilestoneCompleted m && m.milestone().equals(missing)
                    || e instanceof StageRoleAssigned r && r.role().equals(missing));
            assertThat(removed).isTrue();

            Rejection r = given(plus(inStage(stage), gateLessOne)).when(forwardTo(stage + 1))
                    .thenRejected(CONFLICT, "stage-gate-unmet");

            String message = kind.equals("role") ? "stage role " + missing + " is not assigned"
                    : "exit milestone " + missing + " is not completed";
            assertThat(r.violations()).containsExactly(new Violation("stage " + stage, message));
        }

        @Test
        void nothingDoneListsEveryMilestoneAndRole() {
            Rejection r = given(inStage(7)).when(forwardTo(8)).thenRejected(CONFLICT, "stage-gate-unmet");
            assertThat(r.violations()).containsExactly(
                    new Violation("stage 7", "exit milestone commercial-terms-agreed is not completed"),
                    new Violation("stage 7", "exit milestone legal-review-done is not completed"),
                    new Violation("stage 7", "stage role COMMERCIAL is not assigned"),
                    new Violation("stage 7", "stage role FINANCE is not assigned"),
                    new Violation("stage 7", "stage role LEGAL is not assigned"));
        }
    }

    @Nested
    class SkipForward {

        @Test
        void allowedWhenEverySkippedStageGateIsMet() {
            given(plus(plus(inStage(2), gateOf(2)), gateOf(3))).when(forwardTo(4)).then(moved(2, 4));
        }

        @Test
        void refusedListingTheSkippedStageGaps() {
            Rejection r = given(plus(plus(inStage(3), gateOf(3)), milestonesOf(4))).when(forwardTo(5))
                    .thenRejected(CONFLICT, "stage-gate-unmet");
            assertThat(r.violations())
                    .containsExactly(new Violation("stage 4", "stage role PRESALES_ENGINEER is not assigned"));
        }

        @Test
        void refusedListingGapsOfEveryStageInOrder() {
            Rejection r = given(inStage(2)).when(forwardTo(4)).thenRejected(CONFLICT, "stage-gate-unmet");
            assertThat(r.violations()).extracting(Violation::field)
                    .containsExactly("stage 2", "stage 2", "stage 2", "stage 3");
        }

        @Test
        void theTargetStageGateIsNotRequired() {
            given(plus(inStage(1), gateOf(1))).when(forwardTo(2)).then(moved(1, 2));
        }
    }

    @Nested
    class MoveBack {

        @Test
        void needsAReason() {
            Rejection r = given(inStage(5)).when(new ChangeStage(3, null, false)).thenRejected(INVALID, "invalid-input");
            assertThat(r.violations()).extracting(Violation::field).containsExactly("reason");
            given(inStage(5)).when(new ChangeStage(3, "  ", false)).thenRejected(INVALID, "invalid-input");
        }

        @Test
        void withAReasonIsRecorded() {
            given(inStage(5)).when(new ChangeStage(3, " Budget frozen ", false))
                    .then(new DealStageChanged(5, 3, "Budget frozen", false, Map.of()));
        }

        @Test
        void keepsTheMilestonesSoTheDealMayMoveForwardAgain() {
            given(inStage(5), new DealStageChanged(5, 3, "Budget frozen", false, Map.of()))
                    .when(forwardTo(5)).then(moved(3, 5));
        }
    }

    @Nested
    class Override {

        @Test
        void aManagerWithAReasonMovesPastTheGateListingWhatWasWaived() {
            given(inStage(4)).by(MANAGER).when(new ChangeStage(5, "Demo held at trade fair", true))
                    .then(new DealStageChanged(4, 5, "Demo held at trade fair", true,
                            Map.of(4, List.of("milestone:demo-held", "role:PRESALES_ENGINEER"))));
        }

        @Test
        void overridingSeveralStagesListsEachStageGaps() {
            given(plus(inStage(3), milestonesOf(3))).by(MANAGER).when(new ChangeStage(5, "Fast track", true))
                    .then(new DealStageChanged(3, 5, "Fast track", true,
                            Map.of(4, List.of("milestone:demo-held", "role:PRESALES_ENGINEER"))));
        }

        @Test
        void aNonManagerIsForbidden() {
            given(inStage(4)).when(new ChangeStage(5, "Demo held at trade fair", true))
                    .thenRejected(FORBIDDEN, "forbidden");
        }

        @Test
        void needsAWrittenReason() {
            Rejection r = given(inStage(4)).by(MANAGER).when(new ChangeStage(5, " ", true))
                    .thenRejected(INVALID, "invalid-input");
            assertThat(r.violations()).extracting(Violation::field).containsExactly("reason");
        }

        @Test
        void withNothingUnmetRecordsNoOverride() {
            given(plus(inStage(4), gateOf(4))).by(MANAGER).when(new ChangeStage(5, "Just in case", true))
                    .then(new DealStageChanged(4, 5, "Just in case", false, Map.of()));
        }

        @Test
        void aManagerWithoutTheOverrideFlagStillMeetsTheGate() {
            given(inStage(4)).by(MANAGER).when(forwardTo(5)).thenRejected(CONFLICT, "stage-gate-unmet");
        }
    }

    @Nested
    class Target {

        @ParameterizedTest
        @ValueSource(ints = {0, 9, -1})
        void anUnknownStageIsInvalid(int stage) {
            Rejection r = given(inStage(2)).when(forwardTo(stage)).thenRejected(INVALID, "invalid-input");
            assertThat(r.violations()).extracting(Violation::field).containsExactly("to");
        }

        @Test
        void theSameStageIsAConflict() {
            given(plus(inStage(2), gateOf(2))).when(forwardTo(2)).thenRejected(CONFLICT, "same-stage");
        }
    }
}
