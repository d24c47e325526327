package io.dealstream.forecast.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dealstream.support.messaging.IncomingEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The read model of one departure's handover ({@code handover} stream, id = the departure id): the accounts and open
 * deals the departed staff member left (and deals learned of late), when each got its new owner, and the deals closed
 * while still orphaned.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HandoverDoc(@JsonProperty("_id") UUID id, long v, UUID staffId, LocalDate effectiveDate,
                          UUID successorId, Instant openedAt, List<UUID> accounts, List<DealRef> deals,
                          List<Assignment> assignments, List<UUID> closedDeals, Instant completedAt) {

    public static final String STREAM_TYPE = "handover";

    /** An open deal the departure left, with its account. */
    public record DealRef(UUID dealId, UUID customerId) {
    }

    /** An account ({@code ACCOUNT}) or deal ({@code DEAL}) got its new owner, {@code lagDays} after the effective date. */
    public record Assignment(String itemType, UUID itemId, UUID newOwnerId, Instant assignedAt, long lagDays) {
    }

    public static HandoverDoc evolve(HandoverDoc doc, IncomingEvent e) {
        long v = e.streamVersion();
        if (e.type().equals("handover.opened")) {
            List<DealRef> deals = new ArrayList<>();
            e.payload().path("deals").forEach(d -> deals.add(new DealRef(UUID.fromString(d.path("dealId").asText()),
                    d.hasNonNull("customerId") ? UUID.fromString(d.path("customerId").asText()) : null)));
            return new HandoverDoc(e.streamId(), v, Payloads.uuid(e, "staffId"), Payloads.date(e, "effectiveDate"),
                    e.uuid("successorId"), e.occurredAt(), List.copyOf(Payloads.uuids(e, "accounts")),
                    List.copyOf(deals), List.of(), List.of(), null);
        }
        if (doc == null) {
            throw new IllegalStateException(e.type() + " v" + v + " of handover " + e.streamId() + " before it was opened");
        }
        return switch (e.type()) {
            case "handover.item-assigned" -> {
                List<Assignment> assignments = new ArrayList<>(doc.assignments);
                Instant assignedAt = Payloads.optionalInstant(e, "assignedAt");
                assignments.add(new Assignment(Payloads.text(e, "itemType"), Payloads.uuid(e, "itemId"),
                        Payloads.uuid(e, "newOwnerId"), assignedAt != null ? assignedAt : e.occurredAt(),
                        e.payload().path("lagDays").asLong(0)));
                yield new HandoverDoc(doc.id, v, doc.staffId, doc.effectiveDate, doc.successorId, doc.openedAt,
                        doc.accounts, doc.deals, List.copyOf(assignments), doc.closedDeals, doc.completedAt);
            }
            case "handover.deal-added" -> {
                DealRef added = new DealRef(Payloads.uuid(e, "dealId"), e.uuid("customerId"));
                List<DealRef> deals = new ArrayList<>(doc.deals);
                if (deals.stream().noneMatch(d -> d.dealId().equals(added.dealId()))) {
                    deals.add(added);
                }
                yield new HandoverDoc(doc.id, v, doc.staffId, doc.effectiveDate, doc.successorId, doc.openedAt,
                        doc.accounts, List.copyOf(deals), doc.assignments, doc.closedDeals, doc.completedAt);
            }
            case "handover.deal-closed" -> {
                List<UUID> closed = new ArrayList<>(doc.closedDeals);
                closed.add(Payloads.uuid(e, "dealId"));
                yield new HandoverDoc(doc.id, v, doc.staffId, doc.effectiveDate, doc.successorId, doc.openedAt,
                        doc.accounts, doc.deals, doc.assignments, List.copyOf(closed), doc.completedAt);
            }
            case "handover.completed" -> new HandoverDoc(doc.id, v, doc.staffId, doc.effectiveDate, doc.successorId,
                    doc.openedAt, doc.accounts, doc.deals, doc.assignments, doc.closedDeals, e.occurredAt());
            default -> new HandoverDoc(doc.id, v, doc.staffId, doc.effectiveDate, doc.successorId, doc.openedAt,
                    doc.accounts, doc.deals, doc.assignments, doc.closedDeals, doc.completedAt);
        };
    }

    /** The assignment of an item, or null while it is orphaned. */
    public Assignment assignment(UUID itemId) {
        return assignments.stream().filter(a -> a.itemId().equals(itemId)).reduce((a, b) -> b).orElse(null);
    }
}
