package io.dealstream.deal.domain;

import static io.dealstream.deal.domain.DealScenario.AMOUNT;
import static io.dealstream.deal.domain.DealScenario.CLOSE;
import static io.dealstream.deal.domain.DealScenario.CUSTOMER;
import static io.dealstream.deal.domain.DealScenario.DEAL;
import static io.dealstream.deal.domain.DealScenario.OWNER;
import static io.dealstream.deal.domain.DealScenario.opened;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealstream.deal.domain.DealEvent.BuyerStageRecorded;
import io.dealstream.deal.domain.DealEvent.DealAmountChanged;
import io.dealstream.deal.domain.DealEvent.DealExpectedCloseDateChanged;
import io.dealstream.deal.domain.DealEvent.DealHandedOver;
import io.dealstream.deal.domain.DealEvent.DealLost;
import io.dealstream.deal.domain.DealEvent.DealMisaligned;
import io.dealstream.deal.domain.DealEvent.DealNextStepChanged;
import io.dealstream.deal.domain.DealEvent.DealOwnerReassigned;
import io.dealstream.deal.domain.DealEvent.DealRealigned;
import io.dealstream.deal.domain.DealEvent.DealReopened;
import io.dealstream.deal.domain.DealEvent.DealReviewed;
import io.dealstream.deal.domain.DealEvent.DealStageChanged;
import io.dealstream.deal.domain.DealEvent.DealTitleChanged;
import io.dealstream.deal.domain.DealEvent.DealWon;
import io.dealstream.deal.domain.DealEvent.MilestoneCompleted;
import io.dealstream.deal.domain.DealEvent.StageRoleAssigned;
import io.dealstream.support.domain.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link DealState#evolve} applies events without judging them; the state after a sequence is what it says. */
class DealStateEvolveTest {

    private static final Instant T1 = Instant.parse("2025-01-10T09:00:00Z");
    private static final Instant T2 = Instant.parse("2025-01-20T09:00:00Z");
    private static final Instant T3 = Instant.parse("2025-02-01T09:00:00Z");
    private static final Instant T4 = Instant.parse("2025-02-15T09:00:00Z");
    private static final UUID NEW_OWNER = UUID.fromString("00000000-0000-0000-0000-00000000a002");
    private static final UUID DEPARTURE = UUID.fromString("00000000-0000-0000-0000-0000000de001");
    private static final UUID CONSULTANT = UUID.fromString("00000000-0000-0000-0000-0000000000c5");

    @Test
    void noneIsNoDeal() {
        assertThat(DealState.NONE.exists()).isFalse();
        assertThat(DealState.NONE.version()).isZero();
    }

    @Test
    void openingSetsTheFieldsAndTheClocks() {
        DealState s = DealState.NONE.evolve(opened(), T1);
        assertThat(s.exists()).isTrue();
        assertThat(s).extracting(DealState::id, DealState::customerId, DealState::title, DealState::amount,
                        DealState::expectedCloseDate, DealState::ownerId, DealState::stage, DealState::status)
                .containsExactly(DEAL, CUSTOMER, "Fleet telematics", AMOUNT, CLOSE, OWNER, 1, DealStatus.OPEN);
        assertThat(s).extracting(DealState::openedAt, DealState::stageEnteredAt, DealState::updatedAt, DealState::version)
                .containsExactly(T1, T1, T1, 1L);
        assertThat(s.milestones()).isEmpty();
        assertThat(s.roles()).isEmpty();
        assertThat(s.buyerStage()).isNull();
        assertThat(s.misaligned()).isFalse();
    }

    @Test
    void foldsASequenceOfForecastAndProcessEvents() {
        Money more = new Money(new BigDecimal("150000.00"), "EUR");
        LocalDate later = LocalDate.parse("2025-09-30");
        DealState s = DealState.NONE
                .evolve(opened(), T1)
                .evolve(new DealTitleChanged("Phase 2"), T1)
                .evolve(new DealAmountChanged(more, AMOUNT), T1)
                .evolve(new DealExpectedCloseDateChanged(later, CLOSE), T1)
                .evolve(new DealNextStepChanged("Call CFO"), T1)
                .evolve(new MilestoneCompleted(1, "customer-profile-recorded"), T2)
                .evolve(new MilestoneCompleted(1, "first-meeting-booked"), T2)
                .evolve(new MilestoneCompleted(4, "demo-held"), T2)
                .evolve(new StageRoleAssigned("CONSULTANT", CONSULTANT, null), T2)
                .evolve(new BuyerStageRecorded(1, null), T2)
                .evolve(new DealOwnerReassigned(OWNER, NEW_OWNER, "Owner left", DEPARTURE), T3)
                .evolve(new DealReviewed("Push"), T4);

        assertThat(s).extracting(DealState::title, DealState::amount, DealState::expectedCloseDate, DealState::nextStep,
                        DealState::ownerId, DealState::lastDepartureId, DealState::buyerStage, DealState::lastReviewedAt)
                .containsExactly("Phase 2", more, later, "Call CFO", NEW_OWNER, DEPARTURE, 1, T4);
        assertThat(s.milestones()).isEqualTo(Map.of(1, Set.of("customer-profile-recorded", "first-meeting-booked"),
                4, Set.of("demo-held")));
        assertThat(s.roles()).isEqualTo(Map.of("CONSULTANT", CONSULTANT));
        assertThat(s.version()).isEqualTo(12);
        assertThat(s.updatedAt()).isEqualTo(T4);
        assertThat(s.stageEnteredAt()).as("no stage change yet").isEqualTo(T1);
    }

    @Test
    void stageEnteredAtMovesOnlyOnStageChange() {
        DealState s = DealState.NONE.evolve(opened(), T1)
                .evolve(new DealStageChanged(1, 3, null, false, Map.of()), T2)
                .evolve(new DealReviewed("ok"), T3);
        assertThat(s.stage()).isEqualTo(3);
        assertThat(s.stageEnteredAt()).isEqualTo(T2);

        DealState back = s.evolve(new DealStageChanged(3, 2, "Regression", false, Map.of()), T4);
        assertThat(back.stage()).isEqualTo(2);
        assertThat(back.stageEnteredAt()).isEqualTo(T4);
    }

    @Test
    void milestonesAreKeptWhenTheDealMovesBack() {
        DealState s = DealState.NONE.evolve(opened(), T1)
                .evolve(new MilestoneCompleted(1, "first-meeting-booked"), T1)
                .evolve(new DealStageChanged(1, 2, null, true, Map.of()), T2)
                .evolve(new DealStageChanged(2, 1, "Regression", false, Map.of()), T3);
        assertThat(s.completedMilestones(1)).containsExactly("first-meeting-booked");
        assertThat(s.completedMilestones(2)).isEmpty();
    }

    @Test
    void reassigningARoleReplacesTheHolder() {
        UUID other = UUID.fromString("00000000-0000-0000-0000-0000000000c6");
        DealState s = DealState.NONE.evolve(opened(), T1)
                .evolve(new StageRoleAssigned("CONSULTANT", CONSULTANT, null), T1)
                .evolve(new StageRoleAssigned("CONSULTANT", other, CONSULTANT), T2);
        assertThat(s.roles()).isEqualTo(Map.of("CONSULTANT", other));
    }

    @Test
    void theMisalignedFlagFollowsItsEvents() {
        DealState s = DealState.NONE.evolve(opened(), T1).evolve(new DealMisaligned(4, 1), T2);
        assertThat(s.misaligned()).isTrue();
        assertThat(s.evolve(new DealRealigned(4, 2), T3).misaligned()).isFalse();
    }

    @Test
    void winningAndHandingOverCloseTheLastStageMilestones() {
        LocalDate signed = LocalDate.parse("2025-02-14");
        DealState won = DealState.NONE.evolve(opened(), T1)
                .evolve(new DealStageChanged(1, 8, "Import", true, Map.of()), T2)
                .evolve(new DealWon(signed, AMOUNT), T3);
        assertThat(won).extracting(DealState::status, DealState::signedAt, DealState::closedAt, DealState::isOpen)
                .containsExactly(DealStatus.WON, signed, T3, false);
        assertThat(won.completedMilestones(8)).containsExactly(DealProcess.CONTRACT_SIGNED);

        DealState handedOver = won.evolve(new DealHandedOver(CONSULTANT), T4);
        assertThat(handedOver.handedOver()).isTrue();
        assertThat(handedOver.completedMilestones(8)).containsExactly(DealProcess.CONTRACT_SIGNED, DealProcess.HANDED_OVER);
        assertThat(handedOver.version()).isEqualTo(4);
    }

    @Test
    void losingAndReopeningRestoreTheStage() {
        DealState lost = DealState.NONE.evolve(opened(), T1)
                .evolve(new DealStageChanged(1, 5, "Import", true, Map.of()), T2)
                .evolve(new DealLost(LostReason.LOST_TO_COMPETITOR, "Acme", "cheaper", 5), T3);
        assertThat(lost).extracting(DealState::status, DealState::lostReason, DealState::competitor, DealState::lostNote,
                        DealState::closedAt, DealState::stage)
                .containsExactly(DealStatus.LOST, LostReason.LOST_TO_COMPETITOR, "Acme", "cheaper", T3, 5);

        DealState reopened = lost.evolve(new DealReopened(5), T4);
        assertThat(reopened).extracting(DealState::status, DealState::lostReason, DealState::competitor,
                        DealState::lostNote, DealState::closedAt, DealState::stage, DealState::stageEnteredAt)
                .containsExactly(DealStatus.OPEN, null, null, null, null, 5, T4);
        assertThat(reopened.version()).isEqualTo(4);
    }

    @Test
    void evolveDoesNotChangeThePreviousState() {
        DealState opened = DealState.NONE.evolve(opened(), T1);
        opened.evolve(new MilestoneCompleted(1, "first-meeting-booked"), T2)
                .evolve(new StageRoleAssigned("CONSULTANT", CONSULTANT, null), T2);
        assertThat(opened.milestones()).isEmpty();
        assertThat(opened.roles()).isEmpty();
        assertThat(opened.version()).isEqualTo(1);
    }
}
