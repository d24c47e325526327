package io.dealstream.customer.domain;

import static io.dealstream.customer.domain.Inputs.*;

import io.dealstream.customer.domain.HandoverCommand.*;
import io.dealstream.customer.domain.HandoverEvent.*;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.domain.Rejection.Violation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The rules of a handover: everything a departed staff member owned gets a new owner, and the history shows who took
 * what and how long it lay orphaned. Pure: the assignment time is the command's occurredAt.
 *
 * <ul>
 *   <li>With a successor, the accounts go to the successor at once, in the opening decision. Deals are not assigned
 *       here: they follow their account in deal-service, which reports back, and the service then assigns them.</li>
 *   <li>When the last orphaned item is assigned, the same decision completes the handover; with nothing to hand over
 *       it completes as it opens.</li>
 *   <li>An item not in the handover is INVALID ({@code not-in-handover}); so is a departed new owner, the departed
 *       person included ({@code staff-departed}). A batch is assigned all or none.</li>
 *   <li>A deal learned of after the opening is added (and reopens a completed handover); one closed (won, lost)
 *       while orphaned is marked closed and needs no owner. Both are idempotent: a redelivery changes nothing.</li>
 *   <li>An item already assigned to another owner is refused ({@code already-assigned}, CONFLICT): the handover
 *       records who first took it over; later moves are ordinary owner changes of the account or deal. Assigning it
 *       again to the same owner changes nothing, so redelivered messages are harmless.</li>
 * </ul>
 */
public final class HandoverDecider {

    public List<HandoverEvent> decide(HandoverState state, HandoverCommand command, CommandContext ctx) {
        if (command instanceof OpenHandover c) {
            return open(state, c, ctx);
        }
        if (!state.exists()) {
            throw Rejection.notFound("no such handover");
        }
        if (command instanceof AssignHandoverItems c) return assign(state, c, ctx);
        if (command instanceof AddDeal c) return addDeal(state, c);
        if (command instanceof CloseDeal c) return closeDeal(state, c);
        throw new IllegalArgumentException("unknown command " + command);
    }

    /** Whole days from the start (UTC) of the effective date to {@code assignedAt}; never negative. */
    static long lagDays(LocalDate effectiveDate, Instant assignedAt) {
        Instant start = effectiveDate.atStartOfDay(ZoneOffset.UTC).toInstant();
        return Math.max(0, Duration.between(start, assignedAt).toDays());
    }

    private List<HandoverEvent> open(HandoverState state, OpenHandover c, CommandContext ctx) {
        if (state.exists()) {
            throw Rejection.conflict("handover-exists", "the handover of departure " + state.id() + " is already open");
        }
        required(c.handoverId(), "handoverId");
        UUID staffId = required(c.staffId(), "staffId");
        required(c.effectiveDate(), "effectiveDate");
        if (staffId.equals(c.successorId())) {
            throw Rejection.invalid("successorId", "a departing staff member cannot succeed themselves");
        }
        List<UUID> accounts = distinct(c.accounts(), "accounts");
        List<HandoverDeal> deals = distinct(c.deals(), "deals");
        for (HandoverDeal d : deals) {
            required(d.dealId(), "deals[].dealId");
            required(d.customerId(), "deals[].customerId");
        }
        List<HandoverEvent> events = new ArrayList<>();
        events.add(new HandoverOpened(c.handoverId(), staffId, c.effectiveDate(), c.successorId(), accounts, deals));
        if (c.successorId() != null) {
            long lag = lagDays(c.effectiveDate(), ctx.occurredAt());
            accounts.forEach(a -> events.add(new HandoverItemAssigned(HandoverItemType.ACCOUNT, a, c.successorId(),
                    ctx.occurredAt(), lag)));
        }
        if (deals.isEmpty() && (accounts.isEmpty() || c.successorId() != null)) {
            events.add(new HandoverCompleted());
        }
        return events;
    }

    private List<HandoverEvent> assign(HandoverState s, AssignHandoverItems c, CommandContext ctx) {
        List<Assignment> assignments = c.assignments() == null ? List.of() : c.assignments();
        if (assignments.isEmpty()) {
            throw Rejection.invalid("assignments", "name at least one item and its new owner");
        }
        long lag = lagDays(s.effectiveDate(), ctx.occurredAt());
        Set<HandoverItem> seen = new HashSet<>();
        List<HandoverEvent> events = new ArrayList<>();
        for (int n = 0; n < assignments.size(); n++) {
            Assignment a = required(assignments.get(n), "assignments[" + n + "]");
            String at = "assignments[" + n + "].";
            HandoverItemType type = required(a.itemType(), at + "itemType");
            UUID itemId = required(a.itemId(), at + "itemId");
            UUID newOwner = required(a.newOwnerId(), at + "newOwnerId");
            HandoverItem item = s.item(type, itemId).orElseThrow(() -> notInHandover(at + "itemId", type, itemId));
            if (!seen.add(item)) {
                throw Rejection.invalid(at + "itemId", type + " " + itemId + " is named twice");
            }
            if (newOwner.equals(item.newOwnerId())) {
                continue;
            }
            if (newOwner.equals(s.staffId()) || a.newOwnerDeparted()) {
                throw departed(at + "newOwnerId", newOwner);
            }
            if (item.closedAs() != null) {
                throw Rejection.conflict("deal-closed", "deal " + itemId + " was " + item.closedAs()
                        + " while orphaned; it needs no new owner");
            }
            if (!item.orphaned()) {
                throw Rejection.conflict("already-assigned", type + " " + itemId + " was already taken over by "
                        + item.newOwnerId() + "; move it with an owner change instead");
            }
            events.add(new HandoverItemAssigned(type, itemId, newOwner, ctx.occurredAt(), lag));
        }
        if (!events.isEmpty() && events.size() == s.orphaned().size()) {
            events.add(new HandoverCompleted());
        }
        return events;
    }

    private List<HandoverEvent> addDeal(HandoverState s, AddDeal c) {
        HandoverDeal deal = required(c.deal(), "deal");
        required(deal.dealId(), "deal.dealId");
        required(deal.customerId(), "deal.customerId");
        if (s.item(HandoverItemType.DEAL, deal.dealId()).isPresent()) {
            return List.of(); // listed already: a redelivery, or it was known at opening
        }
        return List.of(new HandoverDealAdded(deal.dealId(), deal.customerId()));
    }

    private List<HandoverEvent> closeDeal(HandoverState s, CloseDeal c) {
        UUID dealId = required(c.dealId(), "dealId");
        if (!"WON".equals(c.outcome()) && !"LOST".equals(c.outcome())) {
            throw Rejection.invalid("outcome", "a deal closes as WON or LOST, not " + c.outcome());
        }
        boolean orphaned = s.item(HandoverItemType.DEAL, dealId).map(HandoverItem::orphaned).orElse(false);
        if (!orphaned) {
            return List.of(); // not in this handover, or someone took it over: an ordinary outcome of theirs
        }
        List<HandoverEvent> events = new ArrayList<>();
        events.add(new HandoverDealClosed(dealId, c.outcome()));
        if (s.orphaned().size() == 1) {
            events.add(new HandoverCompleted());
        }
        return events;
    }

    private static Rejection notInHandover(String field, HandoverItemType type, UUID itemId) {
        String message = type + " " + itemId + " is not part of this handover";
        return new Rejection(Rejection.Kind.INVALID, "not-in-handover", message, List.of(new Violation(field, message)));
    }
}
