package io.dealstream.deal.domain;

import io.dealstream.support.domain.Money;
import java.time.LocalDate;
import java.util.UUID;

/** What a caller asks of a deal, in the imperative. Validated and decided by {@link DealDecider}. */
public sealed interface DealCommand {

    record OpenDeal(UUID dealId, UUID customerId, String title, Money amount, LocalDate expectedCloseDate,
                    UUID ownerId) implements DealCommand {
    }

    /** Edit forecast fields; null means "leave as is". Currency alone re-denominates the amount. */
    record EditDeal(String title, Money amount, LocalDate expectedCloseDate, String nextStep) implements DealCommand {
    }

    record CompleteMilestone(String milestone) implements DealCommand {
    }

    record AssignStageRole(String role, UUID staffId) implements DealCommand {
    }

    record ChangeStage(int to, String reason, boolean override) implements DealCommand {
    }

    record RecordBuyerStage(int buyerStage) implements DealCommand {
    }

    record ReassignOwner(UUID staffId, String reason, UUID departureId) implements DealCommand {
    }

    record RecordReview(String notes) implements DealCommand {
    }

    record WinDeal(LocalDate signedAt) implements DealCommand {
    }

    record HandOverToImplementation() implements DealCommand {
    }

    record LoseDeal(LostReason reason, String competitor, String note) implements DealCommand {
    }

    record ReopenDeal() implements DealCommand {
    }
}
