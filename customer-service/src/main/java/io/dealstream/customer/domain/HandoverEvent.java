package io.dealstream.customer.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The event catalogue of a handover (stream type {@value #STREAM_TYPE}): one per departure, with the departure's id.
 * It lists every account and open deal the departed staff member owned; each stays orphaned until it has a new
 * owner, and the handover completes when none is left.
 */
public sealed interface HandoverEvent {

    String STREAM_TYPE = "handover";

    /** Stable type name, e.g. {@code handover.item-assigned}. */
    String type();

    /** Schema version of this record's shape; bump it (and add an upcaster) when the shape changes. */
    default int schemaVersion() {
        return 1;
    }

    /** A departure left these accounts (customer ids) and open deals behind. */
    record HandoverOpened(UUID handoverId, UUID staffId, LocalDate effectiveDate, UUID successorId,
                          List<UUID> accounts, List<HandoverDeal> deals) implements HandoverEvent {
        public HandoverOpened {
            accounts = accounts == null ? List.of() : List.copyOf(accounts);
            deals = deals == null ? List.of() : List.copyOf(deals);
        }

        public String type() { return "handover.opened"; }
    }

    /**
     * An account or deal got its new owner.
     *
     * @param lagDays whole days from the departure's effective date (start of day, UTC) to {@code assignedAt};
     *                zero when assigned before it
     */
    record HandoverItemAssigned(HandoverItemType itemType, UUID itemId, UUID newOwnerId, Instant assignedAt,
                                long lagDays) implements HandoverEvent {
        public String type() { return "handover.item-assigned"; }
    }

    /**
     * An open deal of the departed owner that customer-service learned of after the handover opened (deal-events
     * arrive on their own schedule); it is orphaned like the others, and a completed handover is open again.
     */
    record HandoverDealAdded(UUID dealId, UUID customerId) implements HandoverEvent {
        public String type() { return "handover.deal-added"; }
    }

    /**
     * An orphaned deal of the handover was closed ({@code outcome} WON or LOST) before anyone took it over: it needs
     * no new owner any more and stays in the handover, marked closed.
     */
    record HandoverDealClosed(UUID dealId, String outcome) implements HandoverEvent {
        public String type() { return "handover.deal-closed"; }
    }

    /** Every item has a new owner (or, for a deal, was closed): nothing of the departure is orphaned any more. */
    record HandoverCompleted() implements HandoverEvent {
        public String type() { return "handover.completed"; }
    }

    /** Every event type by its type name: the codec's registry. */
    Map<String, Class<? extends HandoverEvent>> TYPES = Map.ofEntries(
            Map.entry("handover.opened", HandoverOpened.class),
            Map.entry("handover.item-assigned", HandoverItemAssigned.class),
            Map.entry("handover.deal-added", HandoverDealAdded.class),
            Map.entry("handover.deal-closed", HandoverDealClosed.class),
            Map.entry("handover.completed", HandoverCompleted.class));
}
