package io.dealstream.customer.domain;

import io.dealstream.customer.domain.StaffEvent.*;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A staff member as their events made them. {@link #evolve} only applies; {@link StaffDecider} judges.
 *
 * @param departedAt when the departure was recorded (business time); {@code effectiveDate} is the day they left
 */
public record StaffState(UUID id, UUID teamId, String title, List<Capability> capabilities,
                         EncryptedPersonalData personal, StaffStatus status, UUID departureId, LocalDate effectiveDate,
                         String departureReason, UUID successorId, Instant joinedAt, Instant departedAt,
                         Instant updatedAt, long version) {

    /** The state before the first event: no staff member. */
    public static final StaffState NONE = new StaffState(null, null, null, List.of(), null, null, null, null, null,
            null, null, null, null, 0);

    public boolean exists() {
        return id != null;
    }

    public boolean departed() {
        return status == StaffStatus.DEPARTED;
    }

    /** Applies one event that happened at {@code occurredAt}; returns the next state (version + 1). */
    public StaffState evolve(StaffEvent event, Instant occurredAt) {
        long next = version + 1;
        if (event instanceof StaffJoined e) {
            return new StaffState(e.staffId(), e.teamId(), e.title(), e.capabilities(), e.personal(),
                    StaffStatus.ACTIVE, null, null, null, null, occurredAt, null, occurredAt, next);
        }
        if (event instanceof StaffTeamChanged e) {
            return new StaffState(id, e.teamId(), title, capabilities, personal, status, departureId, effectiveDate,
                    departureReason, successorId, joinedAt, departedAt, occurredAt, next);
        }
        if (event instanceof StaffCapabilitiesChanged e) {
            return new StaffState(id, teamId, title, e.capabilities(), personal, status, departureId, effectiveDate,
                    departureReason, successorId, joinedAt, departedAt, occurredAt, next);
        }
        if (event instanceof StaffDeparted e) {
            return new StaffState(id, teamId, title, capabilities, personal, StaffStatus.DEPARTED, e.departureId(),
                    e.effectiveDate(), e.reason(), e.successorId(), joinedAt, occurredAt, occurredAt, next);
        }
        throw new IllegalArgumentException("unknown event " + event);
    }
}
