package io.dealstream.notification;

import static io.dealstream.notification.consumer.EventsConsumer.CUSTOMER_EVENTS;
import static io.dealstream.notification.consumer.EventsConsumer.DEAL_EVENTS;
import static io.dealstream.notification.consumer.EventsConsumer.STAFF_EVENTS;

import io.dealstream.testing.TestTopics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes events as the producers' outbox relays do (CloudEvents binary mode, key = stream id) to this run's
 * topics, with a chosen business time ({@code ce_time}) and consecutive stream versions per stream. Remembers what it
 * sent, so a test can redeliver all of it.
 */
public final class Events {

    /** One record as sent. */
    public record Sent(String topic, UUID key, Map<String, String> headers, String payload) {
    }

    private final Map<UUID, Long> versions = new HashMap<>();
    private final List<Sent> sent = new ArrayList<>();

    public long send(String channel, String source, String type, UUID stream, Instant at, String payload) {
        long version = versions.merge(stream, 1L, Long::sum);
        Map<String, String> headers = TestTopics.cloudEvent(source, type, stream, version);
        headers.put("ce_time", at.toString());
        String topic = TestEnvironment.topic(channel);
        TestTopics.send(topic, stream, headers, payload);
        sent.add(new Sent(topic, stream, headers, payload));
        return version;
    }

    public long version(UUID stream) {
        return versions.getOrDefault(stream, 0L);
    }

    /** Sends everything again, as a consumer restart before committing offsets would redeliver it. */
    public void redeliverAll() {
        sent.forEach(s -> TestTopics.send(s.topic(), s.key(), s.headers(), s.payload()));
    }

    // --- staff-events ---

    public void team(UUID team, Instant at, UUID manager, String timeZone) {
        send(STAFF_EVENTS, "/customer-service", "team.created", team, at, """
                {"teamId":"%s","name":"Team %s","managerId":"%s","timeZone":"%s"}""".formatted(team, team, manager, timeZone));
    }

    /** A team (Europe/Berlin) with its manager and one rep, all at {@code at}. */
    public void teamWithRep(UUID team, UUID manager, UUID rep, Instant at) {
        team(team, at, manager, "Europe/Berlin");
        staff(manager, at, team, "SALES_MANAGER");
        staff(rep, at, team, "SALES_REP");
    }

    public void staff(UUID staff, Instant at, UUID team, String... capabilities) {
        send(STAFF_EVENTS, "/customer-service", "staff.joined", staff, at, """
                {"staffId":"%s","teamId":"%s","title":"Account manager","capabilities":[%s]}"""
                .formatted(staff, team, capabilities.length == 0 ? "\"SALES_REP\""
                        : String.join(",", java.util.Arrays.stream(capabilities).map(c -> "\"" + c + "\"").toList())));
    }

    public void departed(UUID staff, Instant at, UUID departure, String effectiveDate, UUID successor) {
        send(STAFF_EVENTS, "/customer-service", "staff.departed", staff, at, """
                {"departureId":"%s","effectiveDate":"%s","reason":"Resigned","successorId":%s}"""
                .formatted(departure, effectiveDate, successor == null ? "null" : "\"" + successor + "\""));
    }

    public void handoverOpened(UUID handover, Instant at, UUID staff, String effectiveDate, List<UUID> accounts,
                               Map<UUID, UUID> dealsToCustomers) {
        String accountList = String.join(",", accounts.stream().map(a -> "\"" + a + "\"").toList());
        String dealList = String.join(",", dealsToCustomers.entrySet().stream()
                .map(e -> "{\"dealId\":\"" + e.getKey() + "\",\"customerId\":\"" + e.getValue() + "\"}").toList());
        send(STAFF_EVENTS, "/customer-service", "handover.opened", handover, at, """
                {"handoverId":"%s","staffId":"%s","effectiveDate":"%s","successorId":null,"accounts":[%s],"deals":[%s]}"""
                .formatted(handover, staff, effectiveDate, accountList, dealList));
    }

    public void handoverItemAssigned(UUID handover, Instant at, String itemType, UUID item, UUID newOwner) {
        send(STAFF_EVENTS, "/customer-service", "handover.item-assigned", handover, at, """
                {"itemType":"%s","itemId":"%s","newOwnerId":"%s","assignedAt":"%s","lagDays":1}"""
                .formatted(itemType, item, newOwner, at));
    }

    // --- customer-events ---

    public void customer(UUID customer, Instant at, UUID owner, String status) {
        send(CUSTOMER_EVENTS, "/customer-service", "customer.registered", customer, at, """
                {"customerId":"%s","name":"Customer %s","industry":"Machinery","region":"North","address":null,
                 "phone":null,"web":null,"status":"%s","sizeNotes":null,"potentialProjects":[],"tags":[],"ownerId":"%s"}"""
                .formatted(customer, customer, status, owner));
    }

    public void activity(UUID customer, Instant at, UUID deal) {
        send(CUSTOMER_EVENTS, "/customer-service", "customer.activity-logged", customer, at, """
                {"activityId":"%s","activityType":"CALL","activityDate":"%s","summary":"Call","nextStep":null,
                 "dealId":%s,"participantIds":[]}""".formatted(UUID.randomUUID(), at, deal == null ? "null" : "\"" + deal + "\""));
    }

    // --- deal-events ---

    public void dealOpened(UUID deal, Instant at, UUID customer, UUID owner, String title) {
        send(DEAL_EVENTS, "/deal-service", "deal.opened", deal, at, """
                {"dealId":"%s","customerId":"%s","title":"%s","amount":{"amount":"100000.00","currency":"EUR"},
                 "expectedCloseDate":"2030-12-31","ownerId":"%s","stage":1}""".formatted(deal, customer, title, owner));
    }

    public void stageChanged(UUID deal, Instant at, int from, int to) {
        send(DEAL_EVENTS, "/deal-service", "deal.stage-changed", deal, at, """
                {"from":%d,"to":%d,"reason":null,"override":false,"unmetGate":{}}""".formatted(from, to));
    }

    public void stageRoleAssigned(UUID deal, Instant at, String role, UUID staff) {
        send(DEAL_EVENTS, "/deal-service", "deal.stage-role-assigned", deal, at, """
                {"role":"%s","staffId":"%s","previousStaffId":null}""".formatted(role, staff));
    }

    public void misaligned(UUID deal, Instant at, int stage, int buyerStage) {
        send(DEAL_EVENTS, "/deal-service", "deal.misaligned", deal, at, """
                {"stage":%d,"buyerStage":%d}""".formatted(stage, buyerStage));
    }

    public void realigned(UUID deal, Instant at, int stage, int buyerStage) {
        send(DEAL_EVENTS, "/deal-service", "deal.realigned", deal, at, """
                {"stage":%d,"buyerStage":%d}""".formatted(stage, buyerStage));
    }

    public void lost(UUID deal, Instant at) {
        send(DEAL_EVENTS, "/deal-service", "deal.lost", deal, at, """
                {"reason":"NO_BUDGET","competitor":null,"note":null,"stage":1}""");
    }
}
