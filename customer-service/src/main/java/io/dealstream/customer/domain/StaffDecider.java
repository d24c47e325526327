package io.dealstream.customer.domain;

import static io.dealstream.customer.domain.Inputs.*;

import io.dealstream.customer.domain.StaffCommand.*;
import io.dealstream.customer.domain.StaffEvent.*;
import io.dealstream.support.domain.Rejection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The rules for staff: given a staff member's state and a command, the events that follow, or a {@link Rejection}.
 * Pure: no I/O, no clock.
 *
 * <ul>
 *   <li>A departed staff member changes no more: every command on them is refused ({@code staff-departed},
 *       CONFLICT), a second departure included.</li>
 *   <li>A successor must be someone else, and not departed themselves ({@code staff-departed}, INVALID).</li>
 *   <li>The departure takes effect in the state when it is recorded, even with a later effective date: the handover
 *       starts at once, and the lag of each item is measured from the effective date (never negative).</li>
 *   <li>A team is optional: the first manager joins before their team exists.</li>
 * </ul>
 */
public final class StaffDecider {

    public List<StaffEvent> decide(StaffState state, StaffCommand command, CommandContext ctx) {
        if (command instanceof AddStaffMember c) {
            return add(state, c);
        }
        if (!state.exists()) {
            throw Rejection.notFound("no such staff member");
        }
        if (state.departed()) {
            throw Rejection.conflict("staff-departed", "staff member " + state.id() + " departed on "
                    + state.effectiveDate() + " and can no longer change or be assigned anything");
        }
        if (command instanceof ChangeStaffTeam c) return changeTeam(state, c);
        if (command instanceof ChangeCapabilities c) return changeCapabilities(state, c);
        if (command instanceof RecordDeparture c) return depart(state, c);
        throw new IllegalArgumentException("unknown command " + command);
    }

    private List<StaffEvent> add(StaffState state, AddStaffMember c) {
        if (state.exists()) {
            throw Rejection.conflict("staff-exists", "staff member " + state.id() + " already exists");
        }
        required(c.staffId(), "staffId");
        String title = requiredText(c.title(), "title", MAX_SHORT);
        List<Capability> capabilities = distinct(c.capabilities(), "capabilities");
        personal(c.personal(), "personal");
        return List.of(new StaffJoined(c.staffId(), c.teamId(), title, capabilities, c.personal()));
    }

    private List<StaffEvent> changeTeam(StaffState s, ChangeStaffTeam c) {
        UUID teamId = required(c.teamId(), "teamId");
        return teamId.equals(s.teamId()) ? List.of() : List.of(new StaffTeamChanged(teamId, s.teamId()));
    }

    private List<StaffEvent> changeCapabilities(StaffState s, ChangeCapabilities c) {
        List<Capability> capabilities = Capability.canonical(
                distinct(required(c.capabilities(), "capabilities"), "capabilities"));
        if (capabilities.equals(s.capabilities())) {
            return List.of();
        }
        return List.of(new StaffCapabilitiesChanged(capabilities, s.capabilities()));
    }

    private List<StaffEvent> depart(StaffState s, RecordDeparture c) {
        required(c.departureId(), "departureId");
        required(c.effectiveDate(), "effectiveDate");
        String reason = requiredText(c.reason(), "reason", MAX_TEXT);
        if (Objects.equals(c.successorId(), s.id())) {
            throw Rejection.invalid("successorId", "a departing staff member cannot succeed themselves");
        }
        if (c.successorId() != null && c.successorDeparted()) {
            throw departed("successorId", c.successorId());
        }
        return List.of(new StaffDeparted(c.departureId(), c.effectiveDate(), reason, c.successorId()));
    }
}
