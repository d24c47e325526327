package io.dealstream.customer.domain;

import io.dealstream.customer.domain.HandoverEvent.*;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A handover as its events made it: every item of the departure with who took it and the lag. {@link #evolve} only
 * applies; {@link HandoverDecider} judges.
 *
 * @param items accounts first, then deals, in the order the handover listed them
 */
public record HandoverState(UUID id, UUID staffId, LocalDate effectiveDate, UUID successorId, HandoverStatus status,
                            List<HandoverItem> items, Instant openedAt, Instant completedAt, long version) {

    /** The state before the first event: no handover. */
    public static final HandoverState NONE = new HandoverState(null, null, null, null, null, List.of(), null, null, 0);

    public boolean exists() {
        return id != null;
    }

    public Optional<HandoverItem> item(HandoverItemType type, UUID itemId) {
        return items.stream().filter(i -> i.itemType() == type && i.itemId().equals(itemId)).findFirst();
    }

    /** Items with no new owner yet. */
    public List<HandoverItem> orphaned() {
        return items.stream().filter(HandoverItem::orphaned).toList();
    }

    /** Applies one event that happened at {@code occurredAt}; returns the next state (version + 1). */
    public HandoverState evolve(HandoverEvent event, Instant occurredAt) {
        long next = version + 1;
        if (event instanceof HandoverOpened e) {
            List<HandoverItem> opened = new ArrayList<>();
            e.accounts().forEach(a -> opened.add(new HandoverItem(HandoverItemType.ACCOUNT, a, a, null, null, null, null)));
            e.deals().forEach(d -> opened.add(
                    new HandoverItem(HandoverItemType.DEAL, d.dealId(), d.customerId(), null, null, null, null)));
            return new HandoverState(e.handoverId(), e.staffId(), e.effectiveDate(), e.successorId(),
                    HandoverStatus.OPEN, List.copyOf(opened), occurredAt, null, next);
        }
        if (event instanceof HandoverItemAssigned e) {
            List<HandoverItem> updated = items.stream()
                    .map(i -> i.itemType() == e.itemType() && i.itemId().equals(e.itemId())
                            ? i.assigned(e.newOwnerId(), e.assignedAt(), e.lagDays()) : i)
                    .toList();
            return new HandoverState(id, staffId, effectiveDate, successorId, status, updated, openedAt, completedAt,
                    next);
        }
        if (event instanceof HandoverDealAdded e) {
            List<HandoverItem> added = new ArrayList<>(items);
            added.add(new HandoverItem(HandoverItemType.DEAL, e.dealId(), e.customerId(), null, null, null, null));
            return new HandoverState(id, staffId, effectiveDate, successorId, HandoverStatus.OPEN, List.copyOf(added),
                    openedAt, null, next);
        }
        if (event instanceof HandoverDealClosed e) {
            List<HandoverItem> updated = items.stream()
                    .map(i -> i.itemType() == HandoverItemType.DEAL && i.itemId().equals(e.dealId()) ? i.closed(e.outcome()) : i)
                    .toList();
            return new HandoverState(id, staffId, effectiveDate, successorId, status, updated, openedAt, completedAt,
                    next);
        }
        if (event instanceof HandoverCompleted) {
            return new HandoverState(id, staffId, effectiveDate, successorId, HandoverStatus.COMPLETED, items,
                    openedAt, occurredAt, next);
        }
        throw new IllegalArgumentException("unknown event " + event);
    }
}
