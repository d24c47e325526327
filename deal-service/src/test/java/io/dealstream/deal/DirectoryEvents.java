package io.dealstream.deal;

import static org.awaitility.Awaitility.await;

import io.dealstream.deal.directory.DirectoryConsumer;
import io.dealstream.testing.TestTopics;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Plays customer-service in deal-service tests: publishes customer, staff and team events to this run's topics
 * ({@link DealTopics}) exactly as its outbox relay does (CloudEvents, binary mode, key = stream id), then waits for deal-service's view.
 */
public final class DirectoryEvents {

    private DirectoryEvents() {
    }

    /** Sends one event as customer-service's relay would; {@code type} like {@code customer.registered}. */
    public static void publish(String topic, UUID stream, long version, String type, String payloadJson) {
        TestTopics.send(topic, stream, TestTopics.cloudEvent("/customer-service", type, stream, version), payloadJson);
    }

    /** Sends one record with exactly these headers (e.g. built from customer-service's published header example). */
    public static void publish(String topic, UUID key, Map<String, String> headers, String payloadJson) {
        TestTopics.send(topic, key, headers, payloadJson);
    }

    /** A customer registered by customer-service (deal-service waits for it when a deal is opened). */
    public static UUID customer(UUID ownerId) {
        UUID id = UUID.randomUUID();
        publish(DealTopics.topic(DirectoryConsumer.CUSTOMER_EVENTS), id, 1, "customer.registered", """
                {"customerId":"%s","name":"Acme Presses","industry":"Machinery","region":"DACH","status":"PROSPECT","ownerId":"%s"}
                """.formatted(id, ownerId));
        return id;
    }

    /** A team managed by {@code manager} with {@code members}; returns once deal-service knows all of them. */
    public static UUID team(Pool pool, UUID manager, UUID... members) {
        UUID team = UUID.randomUUID();
        publish(DealTopics.topic(DirectoryConsumer.STAFF_EVENTS), team, 1, "team.created", """
                {"teamId":"%s","name":"Team North","managerId":"%s","timeZone":"Europe/Berlin"}""".formatted(team, manager));
        for (UUID member : members) {
            publish(DealTopics.topic(DirectoryConsumer.STAFF_EVENTS), member, 1, "staff.joined", """
                    {"staffId":"%s","teamId":"%s","title":"Account manager","capabilities":["SALES_REP"]}""".formatted(member, team));
        }
        awaitRow(pool, "known_team", team, 1);
        for (UUID member : members) {
            awaitRow(pool, "known_staff", member, 1);
        }
        return team;
    }

    /** Waits until deal-service's view table holds the stream at least at that version. */
    public static void awaitRow(Pool pool, String table, UUID id, long version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> pool
                .preparedQuery("SELECT 1 FROM " + table + " WHERE id = $1 AND version >= $2")
                .executeAndAwait(Tuple.of(id, version)).size() == 1);
    }
}
