package io.dealstream.customer.domain;

import java.util.UUID;

/**
 * What a caller asks of a team, in the imperative. Decided by {@link TeamDecider}; {@code managerDeparted} is filled
 * by the service from its staff view.
 */
public sealed interface TeamCommand {

    record CreateTeam(UUID teamId, String name, UUID managerId, String timeZone, boolean managerDeparted)
            implements TeamCommand {
    }

    record ChangeTeamManager(UUID managerId, boolean managerDeparted) implements TeamCommand {
    }
}
