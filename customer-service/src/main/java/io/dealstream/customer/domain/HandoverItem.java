package io.dealstream.customer.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One account or open deal of a handover, and who took it.
 *
 * @param customerId the account itself, or the customer the deal belongs to
 * @param newOwnerId null while orphaned
 * @param lagDays    days from the departure's effective date to the assignment; null while orphaned
 */
public record HandoverItem(HandoverItemType itemType, UUID itemId, UUID customerId, UUID newOwnerId,
                           Instant assignedAt, Long lagDays) {

    /** Still waiting for a new owner. */
    public boolean orphaned() {
        return newOwnerId == null;
    }

    HandoverItem assigned(UUID owner, Instant at, long lag) {
        return new HandoverItem(itemType, itemId, customerId, owner, at, lag);
    }
}
