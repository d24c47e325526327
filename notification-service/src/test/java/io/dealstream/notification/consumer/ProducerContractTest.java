package io.dealstream.notification.consumer;

import static io.dealstream.notification.Api.awaitState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import io.dealstream.notification.TestEnvironment;
import io.dealstream.notification.state.Collections;
import io.dealstream.notification.state.StateUpdate;
import io.dealstream.testing.DeadLetters;
import io.dealstream.testing.PublishedExamples;
import io.dealstream.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Consumer side of deal-service's and customer-service's contracts: their published examples (read from their
 * modules, fresh ids), sent through the real broker with their published example headers, end up in the state the
 * rules read, and none is dead-lettered. Every event type whose fields notification-service reads has an example.
 */
@QuarkusTest
class ProducerContractTest {

    @Inject
    MongoClient mongo;

    final List<String> keys = new ArrayList<>();

    private long publish(PublishedExamples examples, String headers, String channel, String streamType, UUID stream,
                         long from, String... types) {
        keys.add(stream.toString());
        long version = from;
        for (String type : types) {
            version++;
            TestTopics.send(TestEnvironment.topic(channel), stream,
                    examples.headers(headers, "io.dealstream." + type + ".v1", streamType, stream, version),
                    examples.payload(type, 1));
        }
        return version;
    }

    private Document doc(String collection, UUID id) {
        return mongo.getDatabase(TestEnvironment.database()).getCollection(collection)
                .find(new Document("_id", id.toString())).first();
    }

    @Test
    void everyTypeReadHasAPublishedExample() {
        Path root = Path.of(System.getProperty("dealstream.root", ".."));
        for (String type : StateUpdate.READS) {
            String module = type.startsWith("deal.") ? "deal-service" : "customer-service";
            assertThat(root.resolve(module + "/src/main/resources/contracts/examples/" + type + ".v1.json"))
                    .as(type).satisfies(p -> assertThat(Files.isRegularFile(p)).isTrue());
        }
    }

    @Test
    void aDealsWholeLife() {
        PublishedExamples examples = new PublishedExamples("deal-service");
        JsonNode opened = examples.json("deal.opened.v1.json");
        UUID deal = UUID.fromString(opened.path("dealId").asText());
        long version = publish(examples, "headers.example.json", EventsConsumer.DEAL_EVENTS, "deal", deal, 0,
                "deal.opened", "deal.title-changed", "deal.amount-changed", "deal.expected-close-date-changed",
                "deal.next-step-changed", "deal.milestone-completed", "deal.stage-role-assigned", "deal.stage-changed",
                "deal.buyer-stage-recorded", "deal.misaligned", "deal.realigned", "deal.owner-reassigned",
                "deal.reviewed", "deal.won", "deal.handed-over");
        awaitState(mongo, Collections.DEALS, deal, version);
        Document d = doc(Collections.DEALS, deal);
        assertThat(d.getString("customerId")).isEqualTo(opened.path("customerId").asText());
        assertThat(d.getString("ownerId")).isEqualTo(examples.json("deal.owner-reassigned.v1.json").path("to").asText());
        assertThat(d.getString("title")).isEqualTo(examples.json("deal.title-changed.v1.json").path("title").asText());
        assertThat(d.getInteger("stage")).isEqualTo(6);
        assertThat(d.get("stageRoles", Document.class).getString("CONSULTANT"))
                .isEqualTo(examples.json("deal.stage-role-assigned.v1.json").path("staffId").asText());
        assertThat(d.get("amount", Document.class).getString("amount")).isEqualTo("512500.00");
        assertThat(d.getString("status")).isEqualTo("WON");
        assertThat(d.get("misalignedAt")).as("realigned").isNull();
        assertThat(d.getList("changes", Document.class)).hasSize((int) version);
        // Reviews go on after the win: the document keeps only the latest changes.
        long last = publish(examples, "headers.example.json", EventsConsumer.DEAL_EVENTS, "deal", deal, version,
                java.util.Collections.nCopies(StateUpdate.KEPT_CHANGES, "deal.reviewed").toArray(String[]::new));
        awaitState(mongo, Collections.DEALS, deal, last);
        List<Document> kept = doc(Collections.DEALS, deal).getList("changes", Document.class);
        assertThat(kept).hasSize(StateUpdate.KEPT_CHANGES);
        assertThat(((Number) kept.get(kept.size() - 1).get("v")).longValue()).isEqualTo(last);

        PublishedExamples second = new PublishedExamples("deal-service");
        UUID again = UUID.fromString(second.json("deal.opened.v1.json").path("dealId").asText());
        publish(second, "headers.example.json", EventsConsumer.DEAL_EVENTS, "deal", again, 0, "deal.opened",
                "deal.lost", "deal.reopened");
        awaitState(mongo, Collections.DEALS, again, 3);
        assertThat(doc(Collections.DEALS, again).getString("status")).isEqualTo("OPEN");
        assertThat(doc(Collections.DEALS, again).getInteger("stage")).isEqualTo(6);
        assertNoDeadLetters(EventsConsumer.DEAL_EVENTS);
    }

    @Test
    void customersStaffTeamsAndHandovers() {
        PublishedExamples examples = new PublishedExamples("customer-service");
        UUID customer = UUID.fromString(examples.json("customer.registered.v1.json").path("customerId").asText());
        long version = publish(examples, "headers.customer-events.example.json", EventsConsumer.CUSTOMER_EVENTS,
                "customer", customer, 0, "customer.registered", "customer.details-changed", "customer.contact-added",
                "customer.contact-changed", "customer.team-member-added", "customer.activity-logged",
                "customer.team-member-removed", "customer.contact-personal-data-erased", "customer.status-changed",
                "customer.owner-changed");
        awaitState(mongo, Collections.CUSTOMERS, customer, version);
        Document c = doc(Collections.CUSTOMERS, customer);
        assertThat(c.getString("ownerId")).isEqualTo(examples.json("customer.owner-changed.v1.json").path("to").asText());
        assertThat(c.getString("status")).isEqualTo("ACTIVE");
        assertThat(c.getList("activities", Document.class)).singleElement()
                .satisfies(a -> assertThat(a.getString("dealId"))
                        .isEqualTo(examples.json("customer.activity-logged.v1.json").path("dealId").asText()));

        String staffHeaders = "headers.staff-events.example.json";
        UUID staff = UUID.fromString(examples.json("staff.joined.v1.json").path("staffId").asText());
        publish(examples, staffHeaders, EventsConsumer.STAFF_EVENTS, "staff", staff, 0, "staff.joined",
                "staff.capabilities-changed", "staff.team-changed", "staff.departed");
        UUID team = UUID.fromString(examples.json("team.created.v1.json").path("teamId").asText());
        publish(examples, staffHeaders, EventsConsumer.STAFF_EVENTS, "team", team, 0, "team.created",
                "team.manager-changed");
        UUID handover = UUID.fromString(examples.json("handover.opened.v1.json").path("handoverId").asText());
        publish(examples, staffHeaders, EventsConsumer.STAFF_EVENTS, "handover", handover, 0, "handover.opened",
                "handover.item-assigned", "handover.completed");
        awaitState(mongo, Collections.STAFF, staff, 4);
        awaitState(mongo, Collections.TEAMS, team, 2);
        awaitState(mongo, Collections.HANDOVERS, handover, 3);
        Document s = doc(Collections.STAFF, staff);
        assertThat(s.getString("teamId")).isEqualTo(examples.json("staff.team-changed.v1.json").path("teamId").asText());
        assertThat(s.getList("capabilities", String.class)).containsExactly("SALES_REP", "SALES_MANAGER");
        assertThat(s.getBoolean("departed")).isTrue();
        Document t = doc(Collections.TEAMS, team);
        assertThat(t.getString("timeZone")).isEqualTo("Europe/Vienna");
        assertThat(t.getString("managerId")).isEqualTo(examples.json("team.manager-changed.v1.json").path("managerId").asText());
        Document h = doc(Collections.HANDOVERS, handover);
        assertThat(h.getString("staffId")).isEqualTo(staff.toString());
        assertThat(h.getList("deals", String.class)).hasSize(2);
        assertThat(h.getList("assigned", Document.class)).singleElement()
                .satisfies(a -> assertThat(a.getString("itemType")).isEqualTo("DEAL"));
        assertThat(h.get("completedAt")).isNotNull();
        assertNoDeadLetters(EventsConsumer.CUSTOMER_EVENTS);
        assertNoDeadLetters(EventsConsumer.STAFF_EVENTS);
    }

    @Test
    void aPoisonMessageIsDeadLetteredAndConsumptionGoesOn() {
        UUID poison = UUID.randomUUID();
        java.util.Map<String, String> headers = TestTopics.cloudEvent("/customer-service", "customer.registered", poison, 1);
        TestTopics.send(TestEnvironment.topic(EventsConsumer.CUSTOMER_EVENTS), poison, headers, "{not json");
        UUID next = UUID.randomUUID();
        new io.dealstream.notification.Events().customer(next, java.time.Instant.parse("2018-01-01T00:00:00Z"),
                UUID.randomUUID(), "ACTIVE");
        awaitState(mongo, Collections.CUSTOMERS, next, 1);
        assertThat(doc(Collections.CUSTOMERS, poison)).isNull();
        try (DeadLetters dlq = new DeadLetters(TestEnvironment.topic(EventsConsumer.CUSTOMER_EVENTS)
                + ".dlq.notification-service")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> dlq.keys().contains(poison.toString()));
        }
    }

    private void assertNoDeadLetters(String channel) {
        try (DeadLetters dlq = new DeadLetters(TestEnvironment.topic(channel) + ".dlq.notification-service")) {
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> keys.stream().noneMatch(dlq.keys()::contains));
        }
    }
}
