package io.dealstream.customer.domain;

import static io.dealstream.customer.domain.Inputs.*;

import io.dealstream.customer.domain.TeamCommand.*;
import io.dealstream.customer.domain.TeamEvent.*;
import io.dealstream.support.domain.Rejection;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * The rules for teams: a name, one manager who has not departed ({@code staff-departed}), and a valid time zone,
 * stored in its normalised {@link ZoneId} form. Naming the current manager again changes nothing. Pure.
 */
public final class TeamDecider {

    public List<TeamEvent> decide(TeamState state, TeamCommand command, CommandContext ctx) {
        if (command instanceof CreateTeam c) {
            return create(state, c);
        }
        if (!state.exists()) {
            throw Rejection.notFound("no such team");
        }
        if (command instanceof ChangeTeamManager c) return changeManager(state, c);
        throw new IllegalArgumentException("unknown command " + command);
    }

    private List<TeamEvent> create(TeamState state, CreateTeam c) {
        if (state.exists()) {
            throw Rejection.conflict("team-exists", "team " + state.id() + " already exists");
        }
        required(c.teamId(), "teamId");
        String name = requiredText(c.name(), "name", MAX_NAME);
        UUID managerId = required(c.managerId(), "managerId");
        String timeZone = timeZone(c.timeZone());
        if (c.managerDeparted()) {
            throw departed("managerId", managerId);
        }
        return List.of(new TeamCreated(c.teamId(), name, managerId, timeZone));
    }

    private List<TeamEvent> changeManager(TeamState s, ChangeTeamManager c) {
        UUID managerId = required(c.managerId(), "managerId");
        if (c.managerDeparted()) {
            throw departed("managerId", managerId);
        }
        return managerId.equals(s.managerId()) ? List.of() : List.of(new TeamManagerChanged(managerId, s.managerId()));
    }

    private static String timeZone(String timeZone) {
        String id = requiredText(timeZone, "timeZone", MAX_LABEL);
        try {
            return ZoneId.of(id).getId();
        } catch (DateTimeException e) {
            throw Rejection.invalid("timeZone", "'" + id + "' is not a time zone; use an IANA id such as Europe/Vienna");
        }
    }
}
