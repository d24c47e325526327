package io.dealstream.customer.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One account or open deal of a handover, and who took it.
 *
 * @param customerId the account itself, or the customer the deal belongs to
 * @param newOwnerId null while orphaned
 * @param lagDays    days from the departure's effective date to the assignment; null while orphaned
 * @param closedAs   for a deal closed while orphaned: WON or LOST (it needs no new owner any more); else null
 */
public record HandoverItem(HandoverItemType itemType, UUID itemId, UUID customerId, UUID newOwnerId,
                           Instant assignedAt, Long lagDays, String closedAs) {

    /** Still waiting for a new owner. */
    public boolean orphaned() {
        return newOwnerId == null && closedAs == null;
    }

    HandoverItem assigned(UUID owner, Instant at, long lag) {
        return new HandoverItem(itemType, itemId, customerId, owner, at, lag, closedAs);
    }

    HandoverItem closed(String outcome) {
        return new HandoverItem(itemType, itemId, customerId, newOwnerId, assignedAt, lagDays, outcome);
    }
}
