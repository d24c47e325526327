package io.dealstream.customer.domain;

import static io.dealstream.customer.domain.Inputs.*;

import io.dealstream.customer.domain.CustomerCommand.*;
import io.dealstream.customer.domain.CustomerEvent.*;
import io.dealstream.support.domain.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The rules of the customer archive: given a customer's state and a command, the events that follow, or a
 * {@link Rejection}. Pure: no I/O, no clock (time and actor come in the {@link CommandContext}).
 *
 * <p>Rules beyond plain input checks:
 * <ul>
 *   <li>A command that changes nothing yields no event (same status, same role, unchanged details, removing someone
 *       not on the team, erasing personal data already erased).</li>
 *   <li>An owner change needs a reason and another owner ({@code same-owner}); reason {@code OWNER_DEPARTED} needs
 *       the departure id. A team member who becomes owner leaves the account team in the same decision, and the
 *       owner cannot join the team ({@code already-owner}): the team is the <em>other</em> staff on the account.</li>
 *   <li>A departed staff member is made owner or team member of nothing ({@code staff-departed}).</li>
 *   <li>Activities may be logged whatever the status, LOST included: a win-back call is history worth keeping, and
 *       refusing it would push it out of the archive. The status never changes as a side effect of an activity.</li>
 *   <li>An activity must have happened: its date may not lie more than {@link #FUTURE_TOLERANCE} after the
 *       command's occurredAt (clock skew), else it would silence the 15-day follow-up rule in advance.</li>
 * </ul>
 * Contacts are decided by {@link ContactRules}.
 */
public final class CustomerDecider {

    static final Duration FUTURE_TOLERANCE = Duration.ofHours(1);

    public List<CustomerEvent> decide(CustomerState state, CustomerCommand command, CommandContext ctx) {
        if (command instanceof RegisterCustomer c) {
            return register(state, c);
        }
        if (!state.exists()) {
            throw Rejection.notFound("no such customer");
        }
        if (command instanceof ChangeCustomerDetails c) return changeDetails(state, c);
        if (command instanceof ChangeCustomerStatus c) return changeStatus(state, c);
        if (command instanceof ChangeOwner c) return changeOwner(state, c);
        if (command instanceof AddAccountTeamMember c) return addTeamMember(state, c);
        if (command instanceof RemoveAccountTeamMember c) return removeTeamMember(state, c);
        if (command instanceof AddContact c) return ContactRules.add(state, c);
        if (command instanceof ChangeContact c) return ContactRules.change(state, c);
        if (command instanceof EraseContactPersonalData c) return ContactRules.erase(state, c);
        if (command instanceof LogActivity c) return logActivity(c, ctx);
        throw new IllegalArgumentException("unknown command " + command);
    }

    private List<CustomerEvent> register(CustomerState state, RegisterCustomer c) {
        if (state.exists()) {
            throw Rejection.conflict("customer-exists", "customer " + state.id() + " already exists");
        }
        required(c.customerId(), "customerId");
        String name = requiredText(c.name(), "name", MAX_NAME);
        required(c.ownerId(), "ownerId");
        if (c.ownerDeparted()) {
            throw departed("ownerId", c.ownerId());
        }
        Address address = address(c.address());
        return List.of(new CustomerRegistered(c.customerId(), name,
                optionalText(c.industry(), "industry", MAX_SHORT), optionalText(c.region(), "region", MAX_SHORT),
                address.blank() ? null : address, optionalText(c.phone(), "phone", MAX_LABEL),
                optionalText(c.web(), "web", MAX_NAME), c.status() != null ? c.status() : CustomerStatus.PROSPECT,
                optionalText(c.sizeNotes(), "sizeNotes", MAX_TEXT),
                textList(c.potentialProjects(), "potentialProjects", MAX_NAME), textList(c.tags(), "tags", MAX_LABEL),
                c.ownerId()));
    }

    private List<CustomerEvent> changeDetails(CustomerState s, ChangeCustomerDetails c) {
        String name = c.name() == null ? null : requiredText(c.name(), "name", MAX_NAME);
        CustomerDetailsChanged e = new CustomerDetailsChanged(
                changed(name, s.name()),
                changed(changedText(c.industry(), "industry", MAX_SHORT), s.industry()),
                changed(changedText(c.region(), "region", MAX_SHORT), s.region()),
                c.address() == null ? null : changed(address(c.address()), s.address()),
                changed(changedText(c.phone(), "phone", MAX_LABEL), s.phone()),
                changed(changedText(c.web(), "web", MAX_NAME), s.web()),
                changed(changedText(c.sizeNotes(), "sizeNotes", MAX_TEXT), s.sizeNotes()),
                c.potentialProjects() == null ? null
                        : changed(textList(c.potentialProjects(), "potentialProjects", MAX_NAME), s.potentialProjects()),
                c.tags() == null ? null : changed(textList(c.tags(), "tags", MAX_LABEL), s.tags()));
        boolean nothing = Stream.of(e.name(), e.industry(), e.region(), e.address(), e.phone(), e.web(), e.sizeNotes(),
                e.potentialProjects(), e.tags()).allMatch(Objects::isNull);
        return nothing ? List.of() : List.of(e);
    }

    private List<CustomerEvent> changeStatus(CustomerState s, ChangeCustomerStatus c) {
        CustomerStatus status = required(c.status(), "status");
        String reason = optionalText(c.reason(), "reason", MAX_TEXT);
        if (status == s.status()) {
            return List.of();
        }
        return List.of(new CustomerStatusChanged(status, s.status(), reason));
    }

    private List<CustomerEvent> changeOwner(CustomerState s, ChangeOwner c) {
        UUID to = required(c.staffId(), "staffId");
        String reason = optionalText(c.reason(), "reason", MAX_TEXT);
        if (reason == null) {
            throw Rejection.invalid("reason", "changing the account owner needs a reason");
        }
        if (reason.equals(CustomerOwnerChanged.OWNER_DEPARTED) && c.departureId() == null) {
            throw Rejection.invalid("departureId", "reason " + reason + " needs the id of the departure");
        }
        if (c.newOwnerDeparted()) {
            throw departed("staffId", to);
        }
        if (to.equals(s.ownerId())) {
            throw Rejection.conflict("same-owner", "staff member " + to + " already owns this account");
        }
        List<CustomerEvent> events = new ArrayList<>();
        events.add(new CustomerOwnerChanged(s.ownerId(), to, reason, c.departureId()));
        if (s.accountTeam().containsKey(to)) {
            events.add(new AccountTeamMemberRemoved(to));
        }
        return events;
    }

    private List<CustomerEvent> addTeamMember(CustomerState s, AddAccountTeamMember c) {
        UUID staffId = required(c.staffId(), "staffId");
        String role = role(c.role());
        if (c.staffDeparted()) {
            throw departed("staffId", staffId);
        }
        if (staffId.equals(s.ownerId())) {
            throw Rejection.conflict("already-owner", "staff member " + staffId
                    + " owns this account; the account team is the other staff with a role on it");
        }
        if (role.equals(s.accountTeam().get(staffId))) {
            return List.of();
        }
        return List.of(new AccountTeamMemberAdded(staffId, role));
    }

    private List<CustomerEvent> removeTeamMember(CustomerState s, RemoveAccountTeamMember c) {
        UUID staffId = required(c.staffId(), "staffId");
        return s.accountTeam().containsKey(staffId) ? List.of(new AccountTeamMemberRemoved(staffId)) : List.of();
    }

    private List<CustomerEvent> logActivity(LogActivity c, CommandContext ctx) {
        required(c.activityId(), "activityId");
        required(c.activityType(), "activityType");
        Instant date = c.activityDate() != null ? c.activityDate() : ctx.occurredAt();
        if (date.isAfter(ctx.occurredAt().plus(FUTURE_TOLERANCE))) {
            throw Rejection.invalid("activityDate", "an activity is logged once it happened; activityDate "
                    + date + " is in the future");
        }
        String summary = requiredText(c.summary(), "summary", MAX_SUMMARY);
        String nextStep = optionalText(c.nextStep(), "nextStep", MAX_TEXT);
        return List.of(new ActivityLogged(c.activityId(), c.activityType(), date, summary, nextStep, c.dealId(),
                distinct(c.participantIds(), "participantIds")));
    }

    /** A capability name in any case ({@code presales engineer} → {@code PRESALES_ENGINEER}), else free text. */
    static String role(String role) {
        String text = requiredText(role, "role", MAX_LABEL);
        String asCapability = text.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        return Arrays.stream(Capability.values()).map(Enum::name).filter(asCapability::equals).findFirst().orElse(text);
    }

    /** Each part stripped, blank parts null; never null itself. */
    private static Address address(Address a) {
        if (a == null) {
            return new Address(null, null, null, null);
        }
        return new Address(optionalText(a.street(), "address.street", MAX_NAME),
                optionalText(a.postalCode(), "address.postalCode", MAX_LABEL),
                optionalText(a.city(), "address.city", MAX_SHORT),
                optionalText(a.country(), "address.country", MAX_SHORT));
    }

    /** The proposed value if it differs from the current one, else null (unchanged); clearing nothing is no change. */
    private static <T> T changed(T proposed, T current) {
        if (proposed == null) {
            return null;
        }
        boolean clears = proposed instanceof String text && text.isEmpty() || proposed instanceof Address a && a.blank();
        if (clears && current == null) {
            return null;
        }
        return Objects.equals(proposed, current) ? null : proposed;
    }
}
