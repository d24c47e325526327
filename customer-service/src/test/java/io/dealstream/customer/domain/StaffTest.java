package io.dealstream.customer.domain;

import static io.dealstream.customer.domain.Fixtures.*;
import static io.dealstream.support.domain.Rejection.Kind.CONFLICT;
import static io.dealstream.support.domain.Rejection.Kind.INVALID;
import static io.dealstream.support.domain.Rejection.Kind.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealstream.customer.domain.StaffCommand.AddStaffMember;
import io.dealstream.customer.domain.StaffCommand.ChangeCapabilities;
import io.dealstream.customer.domain.StaffCommand.ChangeStaffTeam;
import io.dealstream.customer.domain.StaffCommand.RecordDeparture;
import io.dealstream.customer.domain.StaffEvent.StaffCapabilitiesChanged;
import io.dealstream.customer.domain.StaffEvent.StaffDeparted;
import io.dealstream.customer.domain.StaffEvent.StaffJoined;
import io.dealstream.customer.domain.StaffEvent.StaffTeamChanged;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.domain.Rejection.Violation;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Staff: joining, team and capabilities, and departure (after which they change no more). */
class StaffTest {

    private static final StaffDeparted DEPARTED = new StaffDeparted(DEPARTURE, EFFECTIVE, "Joined a competitor", null);

    private static AddStaffMember add(String title, Capability... capabilities) {
        return new AddStaffMember(OWNER, TEAM, title, Arrays.asList(capabilities), joined().personal());
    }

    private static void assertInvalid(StaffCommand command, String field, StaffEvent... given) {
        Rejection r = STAFF.given(given).when(command).thenRejected(INVALID, "invalid-input");
        assertThat(r.violations()).extracting(Violation::field).containsExactly(field);
    }

    @Test
    void joinsWithEncryptedNameAndEmail() {
        STAFF.given().when(add(" Key Account Manager ", Capability.SALES_REP)).then(joined());
    }

    @Test
    void capabilitiesAreListedOnceInTheirOrder() {
        STAFF.given().when(add("Engineer", Capability.LEGAL, Capability.PRESALES_ENGINEER, Capability.LEGAL))
                .then(new StaffJoined(OWNER, TEAM, "Engineer",
                        List.of(Capability.PRESALES_ENGINEER, Capability.LEGAL), joined().personal()));
    }

    @Test
    void aTeamIsOptionalForTheFirstManagerAndCapabilitiesMayBeNone() {
        STAFF.given().when(new AddStaffMember(OWNER, null, "Head of Sales", null, joined().personal()))
                .then(new StaffJoined(OWNER, null, "Head of Sales", List.of(), joined().personal()));
    }

    @Test
    void joiningNeedsIdTitleAndPersonalData() {
        assertInvalid(new AddStaffMember(null, TEAM, "T", List.of(), joined().personal()), "staffId");
        assertInvalid(add(" "), "title");
        assertInvalid(add("t".repeat(101)), "title");
        assertInvalid(new AddStaffMember(OWNER, TEAM, "T", List.of(), null), "personal");
        assertInvalid(new AddStaffMember(OWNER, TEAM, "T", Arrays.asList(Capability.LEGAL, null),
                joined().personal()), "capabilities[]");
    }

    @Test
    void refusesAnExistingStaffMember() {
        STAFF.given(joined()).when(add("Again")).thenRejected(CONFLICT, "staff-exists");
    }

    @Test
    void anUnknownStaffMemberIsNotFound() {
        STAFF.given().when(new ChangeStaffTeam(OTHER_TEAM)).thenRejected(NOT_FOUND, "not-found");
    }

    @Test
    void changesTeam() {
        STAFF.given(joined()).when(new ChangeStaffTeam(OTHER_TEAM)).then(new StaffTeamChanged(OTHER_TEAM, TEAM));
        STAFF.given(joined()).when(new ChangeStaffTeam(TEAM)).then();
        assertInvalid(new ChangeStaffTeam(null), "teamId", joined());
    }

    @Test
    void changesCapabilities() {
        STAFF.given(joined()).when(new ChangeCapabilities(List.of(Capability.SALES_MANAGER, Capability.SALES_REP)))
                .then(new StaffCapabilitiesChanged(List.of(Capability.SALES_REP, Capability.SALES_MANAGER),
                        List.of(Capability.SALES_REP)));
        STAFF.given(joined()).when(new ChangeCapabilities(List.of(Capability.SALES_REP, Capability.SALES_REP))).then();
        assertInvalid(new ChangeCapabilities(null), "capabilities", joined());
    }

    @Test
    void recordsADepartureWithASuccessor() {
        STAFF.given(joined()).when(new RecordDeparture(DEPARTURE, EFFECTIVE, " Retired ", SUCCESSOR, false))
                .then(new StaffDeparted(DEPARTURE, EFFECTIVE, "Retired", SUCCESSOR));
    }

    @Test
    void recordsADepartureWithoutASuccessor() {
        STAFF.given(joined()).when(new RecordDeparture(DEPARTURE, EFFECTIVE, "Joined a competitor", null, false))
                .then(DEPARTED);
    }

    @Test
    void aDepartureNeedsIdDateAndReason() {
        assertInvalid(new RecordDeparture(null, EFFECTIVE, "r", null, false), "departureId", joined());
        assertInvalid(new RecordDeparture(DEPARTURE, null, "r", null, false), "effectiveDate", joined());
        assertInvalid(new RecordDeparture(DEPARTURE, EFFECTIVE, " ", null, false), "reason", joined());
    }

    @Test
    void noOneSucceedsThemselves() {
        assertInvalid(new RecordDeparture(DEPARTURE, EFFECTIVE, "r", OWNER, false), "successorId", joined());
    }

    @Test
    void aDepartedSuccessorIsRefused() {
        Rejection r = STAFF.given(joined()).when(new RecordDeparture(DEPARTURE, EFFECTIVE, "r", SUCCESSOR, true))
                .thenRejected(INVALID, "staff-departed");
        assertThat(r.violations()).extracting(Violation::field).containsExactly("successorId");
    }

    @Test
    void aDepartedStaffMemberChangesNoMore() {
        STAFF.given(joined(), DEPARTED).when(new ChangeStaffTeam(OTHER_TEAM)).thenRejected(CONFLICT, "staff-departed");
        STAFF.given(joined(), DEPARTED).when(new ChangeCapabilities(List.of(Capability.EXECUTIVE)))
                .thenRejected(CONFLICT, "staff-departed");
        STAFF.given(joined(), DEPARTED).when(new RecordDeparture(id("de02"), EFFECTIVE, "again", null, false))
                .thenRejected(CONFLICT, "staff-departed");
    }

    @Test
    void theStateFollowsTheEvents() {
        Instant joinedAt = Instant.parse("2020-04-01T08:00:00Z");
        Instant leftAt = Instant.parse("2025-02-20T16:00:00Z");
        StaffState s = StaffState.NONE.evolve(joined(), joinedAt)
                .evolve(new StaffTeamChanged(OTHER_TEAM, TEAM), joinedAt)
                .evolve(new StaffCapabilitiesChanged(List.of(Capability.SALES_MANAGER), List.of()), joinedAt);
        assertThat(s).extracting(StaffState::id, StaffState::teamId, StaffState::capabilities, StaffState::status,
                        StaffState::joinedAt, StaffState::version)
                .containsExactly(OWNER, OTHER_TEAM, List.of(Capability.SALES_MANAGER), StaffStatus.ACTIVE, joinedAt, 3L);
        assertThat(s.departed()).isFalse();
        s = s.evolve(new StaffDeparted(DEPARTURE, EFFECTIVE, "Retired", SUCCESSOR), leftAt);
        assertThat(s).extracting(StaffState::status, StaffState::departureId, StaffState::effectiveDate,
                        StaffState::departureReason, StaffState::successorId, StaffState::departedAt)
                .containsExactly(StaffStatus.DEPARTED, DEPARTURE, EFFECTIVE, "Retired", SUCCESSOR, leftAt);
        assertThat(s.departed()).isTrue();
    }
}
