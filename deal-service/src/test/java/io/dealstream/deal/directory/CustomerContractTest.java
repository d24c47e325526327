package io.dealstream.deal.directory;

import static io.dealstream.deal.DealTopics.deadLetters;
import static io.dealstream.deal.DealTopics.topic;
import static io.dealstream.deal.directory.DirectoryConsumer.CUSTOMER_EVENTS;
import static io.dealstream.deal.directory.DirectoryConsumer.STAFF_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealstream.deal.DirectoryEvents;
import io.dealstream.testing.DeadLetters;
import io.dealstream.testing.PublishedExamples;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Consumer side of customer-service's contract: deal-service reads customer-service's published examples
 * ({@code customer-service/src/main/resources/contracts/examples/}, with fresh ids), sent through the real broker with
 * the headers of customer-service's published header examples, and its view of customers, teams and staff
 * ({@code known_customer}, {@code known_team}, {@code known_staff}) follows them. Every example of both topics is
 * sent, in an order customer-service could publish them; none may end up in a dead-letter topic.
 */
@QuarkusTest
class CustomerContractTest {

    private static final String CUSTOMER_HEADERS = "headers.customer-events.example.json";
    private static final String STAFF_HEADERS = "headers.staff-events.example.json";

    @Inject
    Pool pool;

    final PublishedExamples examples = new PublishedExamples("customer-service");
    final Set<UUID> streams = new HashSet<>();

    /** Sends the examples of one stream as stream versions 1, 2, ... (after {@code from}); returns the last version. */
    private long publish(String topic, String headerExample, String streamType, UUID stream, long from,
                         String... types) {
        streams.add(stream);
        long version = from;
        for (String type : types) {
            version++;
            DirectoryEvents.publish(topic, stream,
                    examples.headers(headerExample, "io.dealstream." + type + ".v1", streamType, stream, version),
                    examples.payload(type, 1));
        }
        return version;
    }

    private UUID id(String type, String field) {
        return UUID.fromString(examples.json(type + ".v1.json").path(field).asText());
    }

    private void awaitRow(String table, UUID id, long version, Consumer<Row> check) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            RowSet<Row> rows = pool.preparedQuery("SELECT * FROM " + table + " WHERE id = $1")
                    .executeAndAwait(Tuple.of(id));
            assertThat(rows.size()).as(table + " " + id).isEqualTo(1);
            Row row = rows.iterator().next();
            assertThat(row.getLong("version")).as(table + " version").isEqualTo(version);
            check.accept(row);
        });
    }

    @Test
    void theCustomerEventsExamplesKeepTheKnownCustomer() {
        UUID customer = id("customer.registered", "customerId");
        JsonNode registered = examples.json("customer.registered.v1.json");
        publish(topic(CUSTOMER_EVENTS), CUSTOMER_HEADERS, "customer", customer, 0, "customer.registered");
        awaitRow("known_customer", customer, 1, row -> {
            assertThat(row.getUUID("owner_id")).isEqualTo(UUID.fromString(registered.path("ownerId").asText()));
            assertThat(row.getString("status")).isEqualTo(registered.path("status").asText());
        });

        long last = publish(topic(CUSTOMER_EVENTS), CUSTOMER_HEADERS, "customer", customer, 1,
                "customer.details-changed", "customer.team-member-added", "customer.contact-added",
                "customer.contact-changed", "customer.activity-logged", "customer.owner-changed",
                "customer.team-member-removed", "customer.status-changed", "customer.contact-personal-data-erased");
        JsonNode ownerChanged = examples.json("customer.owner-changed.v1.json");
        JsonNode statusChanged = examples.json("customer.status-changed.v1.json");
        assertThat(ownerChanged.path("from").asText()).as("the examples tell one story")
                .isEqualTo(registered.path("ownerId").asText());
        // The last example (contact-personal-data-erased) is one deal-service does not need: it skips it.
        awaitRow("known_customer", customer, last - 1, row -> {
            assertThat(row.getUUID("owner_id")).isEqualTo(UUID.fromString(ownerChanged.path("to").asText()));
            assertThat(row.getString("status")).isEqualTo(statusChanged.path("status").asText());
        });
        assertNoDeadLetters(deadLetters(CUSTOMER_EVENTS));
    }

    @Test
    void theStaffEventsExamplesKeepTheKnownTeamsAndStaff() {
        // Handover events share the topic; deal-service skips them, without a dead letter.
        publish(topic(STAFF_EVENTS), STAFF_HEADERS, "handover", id("handover.opened", "handoverId"), 0,
                "handover.opened", "handover.item-assigned", "handover.completed");

        UUID team = id("team.created", "teamId");
        JsonNode created = examples.json("team.created.v1.json");
        publish(topic(STAFF_EVENTS), STAFF_HEADERS, "team", team, 0, "team.created");
        awaitRow("known_team", team, 1, row -> assertThat(row.getUUID("manager_id"))
                .isEqualTo(UUID.fromString(created.path("managerId").asText())));
        JsonNode managerChanged = examples.json("team.manager-changed.v1.json");
        publish(topic(STAFF_EVENTS), STAFF_HEADERS, "team", team, 1, "team.manager-changed");
        awaitRow("known_team", team, 2, row -> assertThat(row.getUUID("manager_id"))
                .isEqualTo(UUID.fromString(managerChanged.path("managerId").asText())));

        UUID staff = id("staff.joined", "staffId");
        JsonNode joined = examples.json("staff.joined.v1.json");
        assertThat(joined.path("teamId").asText()).isEqualTo(team.toString());
        publish(topic(STAFF_EVENTS), STAFF_HEADERS, "staff", staff, 0, "staff.joined");
        awaitRow("known_staff", staff, 1, row -> {
            assertThat(row.getUUID("team_id")).isEqualTo(team);
            assertThat(row.getBoolean("departed")).isFalse();
        });
        JsonNode teamChanged = examples.json("staff.team-changed.v1.json");
        publish(topic(STAFF_EVENTS), STAFF_HEADERS, "staff", staff, 1, "staff.team-changed");
        awaitRow("known_staff", staff, 2, row -> assertThat(row.getUUID("team_id"))
                .isEqualTo(UUID.fromString(teamChanged.path("teamId").asText())));
        JsonNode departed = examples.json("staff.departed.v1.json");
        long last = publish(topic(STAFF_EVENTS), STAFF_HEADERS, "staff", staff, 2, "staff.capabilities-changed",
                "staff.departed");
        awaitRow("known_staff", staff, last, row -> {
            assertThat(row.getBoolean("departed")).isTrue();
            assertThat(row.getUUID("departure_id")).isEqualTo(UUID.fromString(departed.path("departureId").asText()));
            assertThat(row.getUUID("team_id")).as("a departure keeps the team")
                    .isEqualTo(UUID.fromString(teamChanged.path("teamId").asText()));
        });
        assertNoDeadLetters(deadLetters(STAFF_EVENTS));
    }

    /** None of this test's streams went to the dead-letter topic (checked for a while: it is written asynchronously). */
    private void assertNoDeadLetters(String topic) {
        try (DeadLetters dlq = new DeadLetters(topic)) {
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> {
                List<String> keys = dlq.keys();
                return streams.stream().map(UUID::toString).noneMatch(keys::contains);
            });
        }
    }
}
