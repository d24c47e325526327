package io.dealstream.notification.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealstream.support.messaging.IncomingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What one event changes in the state the rules read: exactly one document of one collection, by one update that is
 * idempotent by stream version. {@link #filter()} matches the stream's document only while it has not yet applied
 * this version; applied as an upsert, an event seen before then meets the existing {@code _id} and fails with a
 * duplicate key, which means "already applied". Pure: no I/O, plain-JUnit testable.
 *
 * @param collection where the stream's document lives
 * @param id         the stream id, the document's {@code _id}
 * @param update     the update operators ($set, $unset, $push)
 */
public record StateUpdate(String collection, String id, long version, Document update) {

    private static final Pattern ROLE = Pattern.compile("[A-Z][A-Z_]*");
    /** How many of a deal's latest events its document keeps (type and time) for the weekly review. */
    public static final int KEPT_CHANGES = 20;

    /** The event types whose payload fields are read here (every other type only advances its stream's version). */
    public static final java.util.Set<String> READS = java.util.Set.of("deal.opened", "deal.title-changed",
            "deal.amount-changed", "deal.expected-close-date-changed", "deal.next-step-changed", "deal.owner-reassigned",
            "deal.stage-changed", "deal.stage-role-assigned", "deal.buyer-stage-recorded", "deal.misaligned",
            "deal.realigned", "deal.won", "deal.lost", "deal.reopened", "customer.registered", "customer.owner-changed",
            "customer.status-changed", "customer.activity-logged", "staff.joined", "staff.team-changed",
            "staff.capabilities-changed", "staff.departed", "team.created", "team.manager-changed", "handover.opened",
            "handover.item-assigned", "handover.deal-added", "handover.deal-closed", "handover.completed");

    /** Matches the stream's document while its version is below this event's (or it has none yet). */
    public Bson filter() {
        return new Document("_id", id).append("$or", List.of(
                new Document("version", new Document("$exists", false)),
                new Document("version", new Document("$lt", version))));
    }

    /** The update for an event of deal-events, customer-events or staff-events; empty for a type nobody needs. */
    public static Optional<StateUpdate> of(IncomingEvent e) {
        int dot = e.type().indexOf('.');
        return switch (dot < 0 ? "" : e.type().substring(0, dot)) {
            case "deal" -> Optional.of(deal(e));
            case "customer" -> Optional.of(customer(e));
            case "staff" -> Optional.of(staff(e));
            case "team" -> Optional.of(team(e));
            case "handover" -> Optional.of(handover(e));
            default -> Optional.empty();
        };
    }

    private static StateUpdate deal(IncomingEvent e) {
        Document set = new Document("version", e.streamVersion());
        Document unset = new Document();
        // Only the latest changes are kept (the weekly review shows a week's): a deal's document stays small.
        Document push = new Document("changes", new Document("$each", List.of(new Document("v", e.streamVersion())
                .append("type", e.type()).append("at", date(e.occurredAt())))).append("$slice", -KEPT_CHANGES));
        Date at = date(e.occurredAt());
        switch (e.type()) {
            case "deal.opened" -> {
                set.append("customerId", e.text("customerId")).append("title", e.text("title"))
                        .append("ownerId", e.text("ownerId")).append("stage", e.payload().path("stage").asInt(1))
                        .append("amount", money(e.payload().get("amount")))
                        .append("expectedCloseDate", e.text("expectedCloseDate"))
                        .append("status", "OPEN").append("openedAt", at).append("stageEnteredAt", at);
            }
            case "deal.title-changed" -> set.append("title", e.text("title"));
            case "deal.amount-changed" -> set.append("amount", money(e.payload().get("amount")));
            case "deal.expected-close-date-changed" -> set.append("expectedCloseDate", e.text("expectedCloseDate"));
            case "deal.next-step-changed" -> set.append("nextStep", e.text("nextStep"));
            case "deal.owner-reassigned" -> set.append("ownerId", e.text("to"));
            case "deal.stage-changed" -> {
                int from = e.payload().path("from").asInt();
                int to = e.payload().path("to").asInt();
                set.append("stage", to).append("stageEnteredAt", at);
                if (to > from) {
                    push.append("progress", at);
                }
            }
            case "deal.stage-role-assigned" -> {
                String role = e.text("role");
                if (role != null && ROLE.matcher(role).matches()) {
                    set.append("stageRoles." + role, e.text("staffId"));
                }
            }
            case "deal.buyer-stage-recorded" -> set.append("buyerStage", e.payload().path("buyerStage").asInt());
            case "deal.misaligned" -> set.append("misalignedAt", at)
                    .append("misalignedStage", e.payload().path("stage").asInt())
                    .append("buyerStage", e.payload().path("buyerStage").asInt());
            case "deal.realigned" -> {
                unset.append("misalignedAt", "").append("misalignedStage", "");
                set.append("buyerStage", e.payload().path("buyerStage").asInt());
            }
            case "deal.won" -> set.append("status", "WON").append("closedAt", at);
            case "deal.lost" -> set.append("status", "LOST").append("closedAt", at);
            case "deal.reopened" -> {
                set.append("status", "OPEN").append("stage", e.payload().path("stage").asInt())
                        .append("stageEnteredAt", at);
                unset.append("closedAt", "");
                push.append("progress", at);
            }
            default -> { }
        }
        return of(Collections.DEALS, e, set, unset, push);
    }

    private static StateUpdate customer(IncomingEvent e) {
        Document set = new Document("version", e.streamVersion());
        Document push = new Document();
        switch (e.type()) {
            case "customer.registered" -> set.append("ownerId", e.text("ownerId")).append("status", e.text("status"))
                    .append("registeredAt", date(e.occurredAt()));
            case "customer.owner-changed" -> set.append("ownerId", e.text("to"));
            case "customer.status-changed" -> set.append("status", e.text("status"));
            case "customer.activity-logged" -> {
                // The follow-up counts from when it took place; ce_time (when it was logged) if the date is missing.
                String date = e.text("activityDate");
                push.append("activities", new Document("id", e.text("activityId"))
                        .append("at", date(date != null ? Instant.parse(date) : e.occurredAt()))
                        .append("type", e.text("activityType")).append("dealId", e.text("dealId")));
            }
            default -> { }
        }
        return of(Collections.CUSTOMERS, e, set, new Document(), push);
    }

    private static StateUpdate staff(IncomingEvent e) {
        Document set = new Document("version", e.streamVersion());
        switch (e.type()) {
            case "staff.joined" -> set.append("teamId", e.text("teamId")).append("capabilities", texts(e.payload().get("capabilities")))
                    .append("departed", false);
            case "staff.team-changed" -> set.append("teamId", e.text("teamId"));
            case "staff.capabilities-changed" -> set.append("capabilities", texts(e.payload().get("capabilities")));
            case "staff.departed" -> set.append("departed", true).append("departureId", e.text("departureId"))
                    .append("effectiveDate", e.text("effectiveDate"));
            default -> { }
        }
        return of(Collections.STAFF, e, set, new Document(), new Document());
    }

    private static StateUpdate team(IncomingEvent e) {
        Document set = new Document("version", e.streamVersion());
        switch (e.type()) {
            case "team.created" -> set.append("name", e.text("name")).append("managerId", e.text("managerId"))
                    .append("timeZone", e.text("timeZone")).append("createdAt", date(e.occurredAt()));
            case "team.manager-changed" -> set.append("managerId", e.text("managerId"));
            default -> { }
        }
        return of(Collections.TEAMS, e, set, new Document(), new Document());
    }

    private static StateUpdate handover(IncomingEvent e) {
        Document set = new Document("version", e.streamVersion());
        Document unset = new Document();
        Document push = new Document();
        switch (e.type()) {
            case "handover.opened" -> {
                List<String> deals = new ArrayList<>();
                e.payload().path("deals").forEach(d -> deals.add(d.path("dealId").asText()));
                set.append("staffId", e.text("staffId")).append("effectiveDate", e.text("effectiveDate"))
                        .append("successorId", e.text("successorId")).append("accounts", texts(e.payload().get("accounts")))
                        .append("deals", deals).append("openedAt", date(e.occurredAt()));
            }
            case "handover.item-assigned" -> {
                String assignedAt = e.text("assignedAt");
                push.append("assigned", new Document("itemType", e.text("itemType")).append("itemId", e.text("itemId"))
                        .append("newOwnerId", e.text("newOwnerId"))
                        .append("at", date(assignedAt != null ? Instant.parse(assignedAt) : e.occurredAt())));
            }
            case "handover.deal-added" -> { // a deal learned of late: orphaned, and the handover is open again
                push.append("deals", e.text("dealId"));
                unset.append("completedAt", "");
            }
            case "handover.deal-closed" -> push.append("closed", new Document("dealId", e.text("dealId"))
                    .append("outcome", e.text("outcome")));
            case "handover.completed" -> set.append("completedAt", date(e.occurredAt()));
            default -> { }
        }
        return of(Collections.HANDOVERS, e, set, unset, push);
    }

    private static StateUpdate of(String collection, IncomingEvent e, Document set, Document unset, Document push) {
        Document update = new Document("$set", set);
        if (!unset.isEmpty()) {
            update.append("$unset", unset);
        }
        if (!push.isEmpty()) {
            update.append("$push", push);
        }
        return new StateUpdate(collection, e.streamId().toString(), e.streamVersion(), update);
    }

    private static Date date(Instant instant) {
        return Date.from(instant);
    }

    private static Document money(JsonNode amount) {
        return amount == null || amount.isNull() ? null
                : new Document("amount", amount.path("amount").asText()).append("currency", amount.path("currency").asText());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

}
