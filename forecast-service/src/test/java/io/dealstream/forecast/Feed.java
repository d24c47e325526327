package io.dealstream.forecast;

import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dealstream.forecast.projection.LiveConsumer;
import io.dealstream.forecast.projection.StreamKind;
import io.dealstream.testing.TestTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plays the producers in forecast-service tests: sends events to this run's topics exactly as the outbox relays do
 * (CloudEvents binary mode, key = stream id), with the business time the scenario says, numbering each stream's
 * versions; then waits until the read models have applied every stream up to its last version.
 */
public final class Feed {

    /** One event as sent: enough to send it again (duplicates) or in another order. */
    public record Sent(String channel, String type, UUID stream, long version, String at, UUID actor, String payload) {
    }

    private final Map<UUID, Long> versions = new HashMap<>();
    private final Map<UUID, StreamKind> kinds = new HashMap<>();
    private final List<Sent> sent = new ArrayList<>();
    private boolean hold;

    /** Collects events without sending them (see {@link #sent()} and {@link #send(Sent)}). */
    public Feed holding() {
        hold = true;
        return this;
    }

    public static String topic(String channel) {
        return ConfigProvider.getConfig().getOptionalValue("mp.messaging.incoming." + channel + ".topic", String.class)
                .orElse(channel);
    }

    /** Sends the next event of a stream; {@code type} like {@code deal.opened}, {@code at} an ISO instant. */
    public Sent event(String type, UUID stream, String at, UUID actor, String payload) {
        String prefix = type.substring(0, type.indexOf('.'));
        String channel = switch (prefix) {
            case "deal" -> LiveConsumer.DEAL_EVENTS;
            case "customer" -> LiveConsumer.CUSTOMER_EVENTS;
            case "process" -> LiveConsumer.PROCESS_EVENTS;
            default -> LiveConsumer.STAFF_EVENTS;
        };
        long version = versions.merge(stream, 1L, Long::sum);
        kinds.put(stream, StreamKind.of(type));
        Sent s = new Sent(channel, type, stream, version, at, actor, payload);
        sent.add(s);
        if (!hold) {
            send(s);
        }
        return s;
    }

    public static void send(Sent s) {
        Map<String, String> headers = TestTopics.cloudEvent(s.channel().startsWith("deal") ? "/deal-service"
                : "/customer-service", s.type(), s.stream(), s.version());
        headers.put("ce_time", s.at());
        headers.put("ce_actor", s.actor() == null ? UUID.randomUUID().toString() : s.actor().toString());
        TestTopics.send(topic(s.channel()), s.stream(), headers, s.payload());
    }

    public List<Sent> sent() {
        return sent;
    }

    /** Waits until every stream this feed wrote is applied up to its last version in the active generation. */
    public void awaitApplied() {
        try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:27017")) {
            var db = mongo.getDatabase(ConfigProvider.getConfig().getValue("quarkus.mongodb.database", String.class));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                int generation = db.getCollection("projection_state").find(new Document("_id", "generations"))
                        .first().getInteger("active");
                for (Map.Entry<UUID, Long> stream : versions.entrySet()) {
                    Document doc = db.getCollection(kinds.get(stream.getKey()).collection(generation))
                            .find(new Document("_id", stream.getKey().toString())).first();
                    if (doc == null || ((Number) doc.get("v")).longValue() < stream.getValue()) {
                        return false;
                    }
                }
                return true;
            });
        }
    }

    /** The stored document of a stream in the active generation, or null. */
    public static Document document(StreamKind kind, UUID stream) {
        try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:27017")) {
            var db = mongo.getDatabase(ConfigProvider.getConfig().getValue("quarkus.mongodb.database", String.class));
            int generation = db.getCollection("projection_state").find(new Document("_id", "generations")).first()
                    .getInteger("active");
            return db.getCollection(kind.collection(generation)).find(new Document("_id", stream.toString())).first();
        }
    }

    /** Waits until the stored document of a stream has reached {@code version}; returns it. */
    public static Document awaitDocument(StreamKind kind, UUID stream, long version) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> document(kind, stream), d -> d != null && ((Number) d.get("v")).longValue() >= version);
    }

    // --- the events of the scenarios, by name -----------------------------------------------------------------

    public UUID team(String at, UUID manager) {
        UUID team = UUID.randomUUID();
        event("team.created", team, at, manager, """
                {"teamId":"%s","name":"Team %s","managerId":"%s","timeZone":"Europe/Vienna"}""".formatted(team, team, manager));
        return team;
    }

    public void joined(UUID staff, UUID team, String at) {
        event("staff.joined", staff, at, null, """
                {"staffId":"%s","teamId":"%s","title":"Account manager","capabilities":["SALES_REP"]}""".formatted(staff, team));
    }

    public void departed(UUID staff, String effectiveDate, UUID departureId, UUID successor, String at) {
        event("staff.departed", staff, at, null, """
                {"departureId":"%s","effectiveDate":"%s","reason":"Resigned","successorId":%s}"""
                .formatted(departureId, effectiveDate, successor == null ? "null" : "\"" + successor + "\""));
    }

    public UUID customer(UUID owner, String region, String status, String at) {
        UUID customer = UUID.randomUUID();
        event("customer.registered", customer, at, owner, """
                {"customerId":"%s","name":"Customer %s","industry":"Machinery","region":"%s","status":"%s","ownerId":"%s"}"""
                .formatted(customer, customer, region, status, owner));
        return customer;
    }

    public void activity(UUID customer, UUID actor, UUID deal, String at, UUID... participants) {
        StringBuilder ids = new StringBuilder();
        for (UUID p : participants) {
            ids.append(ids.length() == 0 ? "" : ",").append('"').append(p).append('"');
        }
        event("customer.activity-logged", customer, at, actor, """
                {"activityId":"%s","activityType":"CALL","activityDate":"%s","summary":"s","dealId":%s,"participantIds":[%s]}"""
                .formatted(UUID.randomUUID(), at, deal == null ? "null" : "\"" + deal + "\"", ids));
    }

    public void contact(UUID customer, String role, String at) {
        event("customer.contact-added", customer, at, null, """
                {"contactId":"%s","buyingRole":"%s"}""".formatted(UUID.randomUUID(), role));
    }

    public void accountOwner(UUID customer, UUID from, UUID to, UUID departureId, String at) {
        event("customer.owner-changed", customer, at, null, """
                {"from":"%s","to":"%s","reason":"OWNER_DEPARTED","departureId":%s}"""
                .formatted(from, to, departureId == null ? "null" : "\"" + departureId + "\""));
    }

    public UUID deal(UUID customer, UUID owner, String amount, String currency, String closeDate, String at) {
        return deal(UUID.randomUUID(), customer, owner, amount, currency, closeDate, at);
    }

    public UUID deal(UUID deal, UUID customer, UUID owner, String amount, String currency, String closeDate, String at) {
        event("deal.opened", deal, at, owner, """
                {"dealId":"%s","customerId":"%s","title":"Deal %s","amount":{"amount":"%s","currency":"%s"},"expectedCloseDate":"%s","ownerId":"%s","stage":1}"""
                .formatted(deal, customer, deal, amount, currency, closeDate, owner));
        return deal;
    }

    public void stage(UUID deal, int from, int to, String at) {
        event("deal.stage-changed", deal, at, null, """
                {"from":%d,"to":%d,"reason":"r","override":true,"unmetGate":{}}""".formatted(from, to));
    }

    public void buyerStage(UUID deal, int stage, String at) {
        event("deal.buyer-stage-recorded", deal, at, null, """
                {"buyerStage":%d,"previous":null}""".formatted(stage));
    }

    public void amount(UUID deal, String amount, String currency, String at) {
        event("deal.amount-changed", deal, at, null, """
                {"amount":{"amount":"%s","currency":"%s"},"previous":null}""".formatted(amount, currency));
    }

    public void closeDate(UUID deal, String date, String at) {
        event("deal.expected-close-date-changed", deal, at, null, """
                {"expectedCloseDate":"%s","previous":null}""".formatted(date));
    }

    public void owner(UUID deal, UUID from, UUID to, UUID departureId, String at) {
        event("deal.owner-reassigned", deal, at, null, """
                {"from":"%s","to":"%s","reason":"handover","departureId":%s}"""
                .formatted(from, to, departureId == null ? "null" : "\"" + departureId + "\""));
    }

    public void won(UUID deal, String amount, String currency, String signedAt, String at) {
        event("deal.won", deal, at, null, """
                {"signedAt":"%s","amount":{"amount":"%s","currency":"%s"}}""".formatted(signedAt, amount, currency));
    }

    public void lost(UUID deal, String reason, String competitor, int stage, String at) {
        event("deal.lost", deal, at, null, """
                {"reason":"%s","competitor":%s,"note":null,"stage":%d}"""
                .formatted(reason, competitor == null ? "null" : "\"" + competitor + "\"", stage));
    }

    public void handoverOpened(UUID departureId, UUID staff, String effectiveDate, UUID successor, List<UUID> accounts,
                               Map<UUID, UUID> dealsToCustomers, String at) {
        StringBuilder deals = new StringBuilder();
        dealsToCustomers.forEach((d, c) -> deals.append(deals.length() == 0 ? "" : ",")
                .append("{\"dealId\":\"%s\",\"customerId\":\"%s\"}".formatted(d, c)));
        StringBuilder acc = new StringBuilder();
        accounts.forEach(a -> acc.append(acc.length() == 0 ? "" : ",").append('"').append(a).append('"'));
        event("handover.opened", departureId, at, null, """
                {"handoverId":"%s","staffId":"%s","effectiveDate":"%s","successorId":"%s","accounts":[%s],"deals":[%s]}"""
                .formatted(departureId, staff, effectiveDate, successor, acc, deals));
    }

    public void handoverAssigned(UUID departureId, String itemType, UUID item, UUID newOwner, long lagDays, String at) {
        event("handover.item-assigned", departureId, at, null, """
                {"itemType":"%s","itemId":"%s","newOwnerId":"%s","assignedAt":"%s","lagDays":%d}"""
                .formatted(itemType, item, newOwner, at, lagDays));
    }
}
