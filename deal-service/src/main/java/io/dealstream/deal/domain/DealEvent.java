package io.dealstream.deal.domain;

import io.dealstream.support.domain.Money;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The event catalogue of a deal: everything that can happen to one, in the past tense. Who did it and when
 * (actor, occurredAt, recordedAt) travel in the envelope, not here. Each type name is published as
 * {@code io.dealstream.<type>.v<schemaVersion>} (CloudEvents {@code ce_type}); the published contract is
 * {@code contracts/deal-events.asyncapi.yaml} with a JSON Schema and an example per type.
 */
public sealed interface DealEvent {

    /** Stable type name, e.g. {@code deal.stage-changed}. */
    String type();

    /** Schema version of this record's shape; bump it (and add an upcaster) when the shape changes. */
    default int schemaVersion() {
        return 1;
    }

    /** A deal was opened in stage 1 for a customer. */
    record DealOpened(UUID dealId, UUID customerId, String title, Money amount, LocalDate expectedCloseDate,
                      UUID ownerId, int stage) implements DealEvent {
        public String type() { return "deal.opened"; }
    }

    record DealTitleChanged(String title) implements DealEvent {
        public String type() { return "deal.title-changed"; }
    }

    /** Amount or currency changed; forecasts depend on it. */
    record DealAmountChanged(Money amount, Money previous) implements DealEvent {
        public String type() { return "deal.amount-changed"; }
    }

    /** The expected close date moved; a later date is a slip. */
    record DealExpectedCloseDateChanged(LocalDate expectedCloseDate, LocalDate previous) implements DealEvent {
        public String type() { return "deal.expected-close-date-changed"; }
    }

    record DealNextStepChanged(String nextStep) implements DealEvent {
        public String type() { return "deal.next-step-changed"; }
    }

    /** An exit milestone of a stage was completed. */
    record MilestoneCompleted(int stage, String milestone) implements DealEvent {
        public String type() { return "deal.milestone-completed"; }
    }

    /** A stage role (PRESALES_ENGINEER, CONSULTANT, …) was given to a staff member. */
    record StageRoleAssigned(String role, UUID staffId, UUID previousStaffId) implements DealEvent {
        public String type() { return "deal.stage-role-assigned"; }
    }

    /**
     * The deal moved from one seller stage to another. Forward moves passed the gate of every stage left, or were
     * overridden by a manager ({@code override} with {@code reason}, {@code unmetGate} listing what was waived);
     * backward moves carry a reason.
     */
    record DealStageChanged(int from, int to, String reason, boolean override,
                            Map<Integer, List<String>> unmetGate) implements DealEvent {
        public DealStageChanged {
            unmetGate = unmetGate == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(unmetGate));
        }

        public String type() { return "deal.stage-changed"; }

        public boolean forward() {
            return to > from;
        }
    }

    /** The customer's own procurement (buyer) stage was recorded. */
    record BuyerStageRecorded(int buyerStage, Integer previous) implements DealEvent {
        public String type() { return "deal.buyer-stage-recorded"; }
    }

    /** The seller stage went more than the allowed gap ahead of the buyer stage: a forecast risk. */
    record DealMisaligned(int stage, int buyerStage) implements DealEvent {
        public String type() { return "deal.misaligned"; }
    }

    /** A misaligned deal is aligned again. */
    record DealRealigned(int stage, int buyerStage) implements DealEvent {
        public String type() { return "deal.realigned"; }
    }

    /** The deal got a new owner; {@code departureId} names the departure that caused it, if any. */
    record DealOwnerReassigned(UUID from, UUID to, String reason, UUID departureId) implements DealEvent {
        public String type() { return "deal.owner-reassigned"; }
    }

    /** A manager reviewed the deal in the weekly funnel review. */
    record DealReviewed(String notes) implements DealEvent {
        public String type() { return "deal.reviewed"; }
    }

    /** Contract signed in stage 8: the deal is WON. */
    record DealWon(LocalDate signedAt, Money amount) implements DealEvent {
        public String type() { return "deal.won"; }
    }

    /** A won deal was handed over to implementation. */
    record DealHandedOver(UUID implementationLead) implements DealEvent {
        public String type() { return "deal.handed-over"; }
    }

    /** The deal was LOST from an open stage, with a reason. */
    record DealLost(LostReason reason, String competitor, String note, int stage) implements DealEvent {
        public String type() { return "deal.lost"; }
    }

    /** A lost deal was reopened into the stage it was lost from. */
    record DealReopened(int stage) implements DealEvent {
        public String type() { return "deal.reopened"; }
    }

    /** Every event type by its type name: the codec's registry. */
    Map<String, Class<? extends DealEvent>> TYPES = Map.ofEntries(
            Map.entry("deal.opened", DealOpened.class),
            Map.entry("deal.title-changed", DealTitleChanged.class),
            Map.entry("deal.amount-changed", DealAmountChanged.class),
            Map.entry("deal.expected-close-date-changed", DealExpectedCloseDateChanged.class),
            Map.entry("deal.next-step-changed", DealNextStepChanged.class),
            Map.entry("deal.milestone-completed", MilestoneCompleted.class),
            Map.entry("deal.stage-role-assigned", StageRoleAssigned.class),
            Map.entry("deal.stage-changed", DealStageChanged.class),
            Map.entry("deal.buyer-stage-recorded", BuyerStageRecorded.class),
            Map.entry("deal.misaligned", DealMisaligned.class),
            Map.entry("deal.realigned", DealRealigned.class),
            Map.entry("deal.owner-reassigned", DealOwnerReassigned.class),
            Map.entry("deal.reviewed", DealReviewed.class),
            Map.entry("deal.won", DealWon.class),
            Map.entry("deal.handed-over", DealHandedOver.class),
            Map.entry("deal.lost", DealLost.class),
            Map.entry("deal.reopened", DealReopened.class));
}
