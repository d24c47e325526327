package io.dealstream.customer.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One stretch of account ownership: who held the customer, from when to when, and why they got it.
 *
 * @param to          null while it lasts (the current owner)
 * @param reason      why this owner got the account: {@link #REGISTERED} for the first owner, else the change's reason
 * @param departureId the departure whose handover gave them the account, if any
 */
public record OwnershipPeriod(UUID staffId, Instant from, Instant to, String reason, UUID departureId) {

    /** Reason of the first period: the owner named when the customer was registered. */
    public static final String REGISTERED = "REGISTERED";

    public boolean current() {
        return to == null;
    }

    OwnershipPeriod endedAt(Instant end) {
        return new OwnershipPeriod(staffId, from, end, reason, departureId);
    }
}
