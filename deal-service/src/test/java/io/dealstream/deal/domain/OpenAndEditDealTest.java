package io.dealstream.deal.domain;

import static io.dealstream.deal.domain.DealScenario.AMOUNT;
import static io.dealstream.deal.domain.DealScenario.CLOSE;
import static io.dealstream.deal.domain.DealScenario.CUSTOMER;
import static io.dealstream.deal.domain.DealScenario.DEAL;
import static io.dealstream.deal.domain.DealScenario.OWNER;
import static io.dealstream.deal.domain.DealScenario.given;
import static io.dealstream.deal.domain.DealScenario.opened;
import static io.dealstream.support.domain.Rejection.Kind.CONFLICT;
import static io.dealstream.support.domain.Rejection.Kind.INVALID;
import static io.dealstream.support.domain.Rejection.Kind.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealstream.deal.domain.DealCommand.EditDeal;
import io.dealstream.deal.domain.DealCommand.OpenDeal;
import io.dealstream.deal.domain.DealCommand.RecordReview;
import io.dealstream.deal.domain.DealEvent.DealAmountChanged;
import io.dealstream.deal.domain.DealEvent.DealExpectedCloseDateChanged;
import io.dealstream.deal.domain.DealEvent.DealLost;
import io.dealstream.deal.domain.DealEvent.DealNextStepChanged;
import io.dealstream.deal.domain.DealEvent.DealOpened;
import io.dealstream.deal.domain.DealEvent.DealTitleChanged;
import io.dealstream.support.domain.Money;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.domain.Rejection.Violation;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Opening a deal and editing its forecast fields (title, amount, expected close date, next step). */
class OpenAndEditDealTest {

    private static final LocalDate LATER = LocalDate.parse("2025-09-30");

    private static OpenDeal open(String title) {
        return new OpenDeal(DEAL, CUSTOMER, title, AMOUNT, CLOSE, OWNER);
    }

    @Nested
    class Open {

        @Test
        void opensInStageOne() {
            given().when(open("Fleet telematics"))
                    .then(new DealOpened(DEAL, CUSTOMER, "Fleet telematics", AMOUNT, CLOSE, OWNER, 1));
        }

        @Test
        void stripsTheTitle() {
            given().when(open("  Fleet telematics \n"))
                    .then(new DealOpened(DEAL, CUSTOMER, "Fleet telematics", AMOUNT, CLOSE, OWNER, 1));
        }

        @Test
        void refusesAnExistingDeal() {
            given(opened()).when(open("Again")).thenRejected(CONFLICT, "deal-exists");
        }

        @Test
        void requiresEachField() {
            assertMissing(new OpenDeal(null, CUSTOMER, "t", AMOUNT, CLOSE, OWNER), "dealId");
            assertMissing(new OpenDeal(DEAL, null, "t", AMOUNT, CLOSE, OWNER), "customerId");
            assertMissing(new OpenDeal(DEAL, CUSTOMER, "t", null, CLOSE, OWNER), "amount");
            assertMissing(new OpenDeal(DEAL, CUSTOMER, "t", AMOUNT, null, OWNER), "expectedCloseDate");
            assertMissing(new OpenDeal(DEAL, CUSTOMER, "t", AMOUNT, CLOSE, null), "ownerId");
            assertMissing(open(null), "title");
            assertMissing(open("   "), "title");
        }

        private void assertMissing(OpenDeal command, String field) {
            Rejection r = given().when(command).thenRejected(INVALID, "invalid-input");
            assertThat(r.violations()).extracting(Violation::field).containsExactly(field);
        }

        @Test
        void titleMayHave200Characters() {
            String title = "x".repeat(200);
            given().when(open(title)).then(new DealOpened(DEAL, CUSTOMER, title, AMOUNT, CLOSE, OWNER, 1));
        }

        @Test
        void titleOf201CharactersIsRefused() {
            Rejection r = given().when(open("x".repeat(201))).thenRejected(INVALID, "invalid-input");
            assertThat(r.violations()).containsExactly(new Violation("title", "title must be at most 200 characters"));
        }

        @Test
        void surroundingSpacesDoNotCountAgainstTheTitleLimit() {
            String title = "x".repeat(200);
            given().when(open(" " + title + " "))
                    .then(new DealOpened(DEAL, CUSTOMER, title, AMOUNT, CLOSE, OWNER, 1));
        }

        @Test
        void otherCommandsNeedAnOpenedDeal() {
            given().when(new EditDeal("t", null, null, null)).thenRejected(NOT_FOUND, "not-found");
            given().when(new RecordReview("notes")).thenRejected(NOT_FOUND, "not-found");
        }
    }

    @Nested
    class Edit {

        @Test
        void changesTheTitle() {
            given(opened()).when(new EditDeal(" Fleet telematics, phase 2 ", null, null, null))
                    .then(new DealTitleChanged("Fleet telematics, phase 2"));
        }

        @Test
        void changesTheAmountRecordingThePrevious() {
            Money more = new Money(new BigDecimal("150000.00"), "EUR");
            given(opened()).when(new EditDeal(null, more, null, null)).then(new DealAmountChanged(more, AMOUNT));
        }

        @Test
        void changingOnlyTheCurrencyIsAnAmountChange() {
            Money usd = new Money(new BigDecimal("125000.00"), "USD");
            given(opened()).when(new EditDeal(null, usd, null, null)).then(new DealAmountChanged(usd, AMOUNT));
        }

        @Test
        void theSameAmountAtAnotherScaleIsNoChange() {
            given(opened()).when(new EditDeal(null, new Money(new BigDecimal("125000"), "EUR"), null, null)).then();
        }

        @Test
        void movesTheExpectedCloseDateRecordingThePrevious() {
            given(opened()).when(new EditDeal(null, null, LATER, null))
                    .then(new DealExpectedCloseDateChanged(LATER, CLOSE));
        }

        @Test
        void setsAndClearsTheNextStep() {
            given(opened()).when(new EditDeal(null, null, null, " Send pricing ")).then(new DealNextStepChanged("Send pricing"));
            given(opened(), new DealNextStepChanged("Send pricing")).when(new EditDeal(null, null, null, ""))
                    .then(new DealNextStepChanged(""));
        }

        @Test
        void changesSeveralFieldsInOneCommand() {
            Money more = new Money(new BigDecimal("150000.00"), "EUR");
            given(opened()).when(new EditDeal("Phase 2", more, LATER, "Call CFO")).then(
                    new DealTitleChanged("Phase 2"),
                    new DealAmountChanged(more, AMOUNT),
                    new DealExpectedCloseDateChanged(LATER, CLOSE),
                    new DealNextStepChanged("Call CFO"));
        }

        @Test
        void anEmptyEditEmitsNothing() {
            given(opened()).when(new EditDeal(null, null, null, null)).then();
        }

        @Test
        void anEditToTheCurrentValuesEmitsNothing() {
            given(opened(), new DealNextStepChanged("Send pricing"))
                    .when(new EditDeal(" Fleet telematics", AMOUNT, CLOSE, "Send pricing "))
                    .then();
        }

        @Test
        void clearingAnUnsetNextStepEmitsNothing() {
            given(opened()).when(new EditDeal(null, null, null, "")).then();
        }

        @Test
        void refusesABlankOrTooLongTitle() {
            given(opened()).when(new EditDeal(" ", null, null, null)).thenRejected(INVALID, "invalid-input");
            given(opened()).when(new EditDeal("x".repeat(201), null, null, null)).thenRejected(INVALID, "invalid-input");
        }

        @Test
        void refusesANextStepOver2000Characters() {
            Rejection r = given(opened()).when(new EditDeal(null, null, null, "x".repeat(2001)))
                    .thenRejected(INVALID, "invalid-input");
            assertThat(r.violations()).extracting(Violation::field).containsExactly("nextStep");
            given(opened()).when(new EditDeal(null, null, null, "x".repeat(2000)))
                    .then(new DealNextStepChanged("x".repeat(2000)));
        }

        @Test
        void aClosedDealIsNotEdited() {
            given(opened(), new DealLost(LostReason.NO_BUDGET, null, null, 1))
                    .when(new EditDeal("Phase 2", null, null, null))
                    .thenRejected(CONFLICT, "deal-closed");
        }
    }
}
