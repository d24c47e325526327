package io.dealstream.customer.domain;

import static io.dealstream.customer.domain.Fixtures.*;
import static io.dealstream.support.domain.Rejection.Kind.CONFLICT;
import static io.dealstream.support.domain.Rejection.Kind.INVALID;
import static io.dealstream.support.domain.Rejection.Kind.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealstream.customer.domain.TeamCommand.ChangeTeamManager;
import io.dealstream.customer.domain.TeamCommand.CreateTeam;
import io.dealstream.customer.domain.TeamEvent.TeamCreated;
import io.dealstream.customer.domain.TeamEvent.TeamManagerChanged;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.domain.Rejection.Violation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Teams: one manager each, and a time zone for the weekly review. */
class TeamTest {

    private static CreateTeam create(String timeZone) {
        return new CreateTeam(TEAM, " North ", COLLEAGUE, timeZone, false);
    }

    private static void assertInvalid(TeamCommand command, String field, TeamEvent... given) {
        Rejection r = TEAMS.given(given).when(command).thenRejected(INVALID, "invalid-input");
        assertThat(r.violations()).extracting(Violation::field).containsExactly(field);
    }

    @Test
    void createsATeam() {
        TEAMS.given().when(create(" Europe/Berlin ")).then(teamCreated());
    }

    @Test
    void anyJavaTimeZoneIdIsAccepted() {
        TEAMS.given().when(create("UTC")).then(new TeamCreated(TEAM, "North", COLLEAGUE, "UTC"));
        TEAMS.given().when(create("+01:00")).then(new TeamCreated(TEAM, "North", COLLEAGUE, "+01:00"));
    }

    @Test
    void anInvalidTimeZoneIsRefused() {
        assertInvalid(create("Europe/Atlantis"), "timeZone");
        assertInvalid(create("CET+99"), "timeZone");
        assertInvalid(create(null), "timeZone");
    }

    @Test
    void aTeamNeedsIdNameAndManager() {
        assertInvalid(new CreateTeam(null, "N", COLLEAGUE, "UTC", false), "teamId");
        assertInvalid(new CreateTeam(TEAM, " ", COLLEAGUE, "UTC", false), "name");
        assertInvalid(new CreateTeam(TEAM, "N", null, "UTC", false), "managerId");
    }

    @Test
    void aDepartedManagerIsRefused() {
        TEAMS.given().when(new CreateTeam(TEAM, "N", COLLEAGUE, "UTC", true)).thenRejected(INVALID, "staff-departed");
        TEAMS.given(teamCreated()).when(new ChangeTeamManager(SUCCESSOR, true)).thenRejected(INVALID, "staff-departed");
    }

    @Test
    void refusesAnExistingTeamAndAnUnknownOne() {
        TEAMS.given(teamCreated()).when(create("UTC")).thenRejected(CONFLICT, "team-exists");
        TEAMS.given().when(new ChangeTeamManager(SUCCESSOR, false)).thenRejected(NOT_FOUND, "not-found");
    }

    @Test
    void changesTheManager() {
        TEAMS.given(teamCreated()).when(new ChangeTeamManager(SUCCESSOR, false))
                .then(new TeamManagerChanged(SUCCESSOR, COLLEAGUE));
        TEAMS.given(teamCreated()).when(new ChangeTeamManager(COLLEAGUE, false)).then();
        assertInvalid(new ChangeTeamManager(null, false), "managerId", teamCreated());
    }

    @Test
    void theStateFollowsTheEvents() {
        Instant t1 = Instant.parse("2024-01-01T00:00:00Z");
        Instant t2 = Instant.parse("2024-07-01T00:00:00Z");
        TeamState s = TeamState.NONE.evolve(teamCreated(), t1).evolve(new TeamManagerChanged(SUCCESSOR, COLLEAGUE), t2);
        assertThat(s).isEqualTo(new TeamState(TEAM, "North", SUCCESSOR, "Europe/Berlin", t1, t2, 2));
    }
}
