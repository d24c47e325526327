package io.dealstream.deal.domain;

import static io.dealstream.deal.domain.DealScenario.gateOf;
import static io.dealstream.deal.domain.DealScenario.given;
import static io.dealstream.deal.domain.DealScenario.inStage;
import static io.dealstream.deal.domain.DealScenario.moved;
import static io.dealstream.deal.domain.DealScenario.plus;
import static io.dealstream.support.domain.Rejection.Kind.CONFLICT;
import static io.dealstream.support.domain.Rejection.Kind.INVALID;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealstream.deal.domain.DealCommand.ChangeStage;
import io.dealstream.deal.domain.DealCommand.RecordBuyerStage;
import io.dealstream.deal.domain.DealEvent.BuyerStageRecorded;
import io.dealstream.deal.domain.DealEvent.DealLost;
import io.dealstream.deal.domain.DealEvent.DealMisaligned;
import io.dealstream.deal.domain.DealEvent.DealRealigned;
import io.dealstream.deal.domain.DealEvent.DealStageChanged;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The buyer stage and the misaligned flag: seller stage more than 2 ahead of the buyer stage. */
class BuyerStageAlignmentTest {

    /** A deal in stage 4 whose buyer is in stage 1: misaligned. */
    private static List<DealEvent> misalignedInStage4() {
        return plus(inStage(4), List.of(new BuyerStageRecorded(1, null), new DealMisaligned(4, 1)));
    }

    @Test
    void recordsTheBuyerStage() {
        given(inStage(2)).when(new RecordBuyerStage(1)).then(new BuyerStageRecorded(1, null));
    }

    @Test
    void sellerThreeAheadIsMisalignedAfterTheChange() {
        given(inStage(4)).when(new RecordBuyerStage(1))
                .then(new BuyerStageRecorded(1, null), new DealMisaligned(4, 1));
    }

    @Test
    void sellerExactlyTwoAheadIsNotMisaligned() {
        given(inStage(4)).when(new RecordBuyerStage(2)).then(new BuyerStageRecorded(2, null));
    }

    @Test
    void buyerAheadOfSellerIsNotMisaligned() {
        given(inStage(2)).when(new RecordBuyerStage(6)).then(new BuyerStageRecorded(6, null));
    }

    @Test
    void buyerComingBackWithinTwoRealigns() {
        given(misalignedInStage4()).when(new RecordBuyerStage(2))
                .then(new BuyerStageRecorded(2, 1), new DealRealigned(4, 2));
    }

    @Test
    void stillTooFarBehindChangesNoFlag() {
        given(plus(inStage(5), List.of(new BuyerStageRecorded(1, null), new DealMisaligned(5, 1))))
                .when(new RecordBuyerStage(2)).then(new BuyerStageRecorded(2, 1));
    }

    @Test
    void theSameBuyerStageEmitsNothing() {
        given(misalignedInStage4()).when(new RecordBuyerStage(1)).then();
    }

    @Test
    void noBuyerStageRecordedIsNotMisaligned() {
        given(plus(inStage(7), gateOf(7))).when(new ChangeStage(8, null, false)).then(moved(7, 8));
        assertThat(given(inStage(8)).state().misaligned()).isFalse();
    }

    @Test
    void aSellerMoveForwardCanMisalign() {
        given(plus(plus(inStage(3), List.of(new BuyerStageRecorded(1, null))), gateOf(3)))
                .when(new ChangeStage(4, null, false))
                .then(moved(3, 4), new DealMisaligned(4, 1));
    }

    @Test
    void aSellerMoveBackCanRealign() {
        given(misalignedInStage4()).when(new ChangeStage(3, "Buyer not ready", false))
                .then(new DealStageChanged(4, 3, "Buyer not ready", false, Map.of()), new DealRealigned(3, 1));
    }

    @Test
    void anOverriddenMoveCanMisalign() {
        given(plus(inStage(3), List.of(new BuyerStageRecorded(1, null)))).by(DealScenario.MANAGER)
                .when(new ChangeStage(4, "Proposal sent by mail", true))
                .then(new DealStageChanged(3, 4, "Proposal sent by mail", true,
                                Map.of(3, List.of("milestone:preliminary-proposal-delivered"))),
                        new DealMisaligned(4, 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 9})
    void anUnknownBuyerStageIsInvalid(int buyerStage) {
        given(inStage(2)).when(new RecordBuyerStage(buyerStage)).thenRejected(INVALID, "invalid-input");
    }

    @Test
    void aClosedDealRefuses() {
        given(inStage(2), new DealLost(LostReason.NO_BUDGET, null, null, 2))
                .when(new RecordBuyerStage(1)).thenRejected(CONFLICT, "deal-closed");
    }
}
