package io.dealstream.customer.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the service asks of a handover, in the imperative. Decided by {@link HandoverDecider}. */
public sealed interface HandoverCommand {

    /**
     * Open the handover of a departure ({@code handoverId} = the departure's id) with what the staff member owned:
     * accounts from the customer views, open deals from the deal-events view.
     */
    record OpenHandover(UUID handoverId, UUID staffId, LocalDate effectiveDate, UUID successorId, List<UUID> accounts,
                        List<HandoverDeal> deals) implements HandoverCommand {
    }

    /** Give items new owners, all or none. */
    record AssignHandoverItems(List<Assignment> assignments) implements HandoverCommand {
    }

    /** A deal of the departed owner learned of after the handover opened; nothing when it is listed already. */
    record AddDeal(HandoverDeal deal) implements HandoverCommand {
    }

    /** A deal of the handover was won or lost; an orphaned one needs no new owner any more. */
    record CloseDeal(UUID dealId, String outcome) implements HandoverCommand {
    }

    /**
     * One item to one new owner. {@code newOwnerDeparted} is filled by the service from its staff view: the pure core
     * cannot look staff up, but it owns the rule that a departed person is assigned nothing.
     */
    record Assignment(HandoverItemType itemType, UUID itemId, UUID newOwnerId, boolean newOwnerDeparted) {
    }
}
