package io.dealstream.customer.domain;

import io.dealstream.customer.domain.TeamEvent.*;
import java.time.Instant;
import java.util.UUID;

/** A team as its events made it. {@link #evolve} only applies; {@link TeamDecider} judges. */
public record TeamState(UUID id, String name, UUID managerId, String timeZone, Instant createdAt, Instant updatedAt,
                        long version) {

    /** The state before the first event: no team. */
    public static final TeamState NONE = new TeamState(null, null, null, null, null, null, 0);

    public boolean exists() {
        return id != null;
    }

    /** Applies one event that happened at {@code occurredAt}; returns the next state (version + 1). */
    public TeamState evolve(TeamEvent event, Instant occurredAt) {
        if (event instanceof TeamCreated e) {
            return new TeamState(e.teamId(), e.name(), e.managerId(), e.timeZone(), occurredAt, occurredAt, version + 1);
        }
        if (event instanceof TeamManagerChanged e) {
            return new TeamState(id, name, e.managerId(), timeZone, createdAt, occurredAt, version + 1);
        }
        throw new IllegalArgumentException("unknown event " + event);
    }
}
