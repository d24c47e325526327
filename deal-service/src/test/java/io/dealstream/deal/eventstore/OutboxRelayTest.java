package io.dealstream.deal.eventstore;

import static io.dealstream.deal.DealTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dealstream.deal.DealTopics;
import io.dealstream.eventstore.EventRecord;
import io.dealstream.eventstore.HashChain;
import io.dealstream.eventstore.relay.OutboxConfig;
import io.dealstream.testing.IsolatedRun;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Events reach the real deal-events topic (this run's, in tests) as CloudEvents, in stream order, and a late commit is
 * never skipped.
 */
@QuarkusTest
class OutboxRelayTest {

    @Inject
    Pool pool;
    @Inject
    OutboxConfig outbox;

    /** Tests publish to this run's topics only ({@link DealTopics}), never to the shared ones. */
    @Test
    void everyStreamTypeIsPublishedToThisRunsTopic() {
        assertThat(outbox.topics()).containsOnlyKeys(DealTopics.OUTBOX.keySet().toArray(String[]::new))
                .allSatisfy((streamType, topic) -> assertThat(topic).isEqualTo(
                        IsolatedRun.topic(DealTopics.OUTBOX.get(streamType))));
        try (DealEventsTopic topic = new DealEventsTopic()) {
            assertThat(topic.partitions()).isEqualTo(IsolatedRun.PARTITIONS);
        }
    }

    @Test
    void commandEventsArePublishedAsCloudEventsKeyedByDealInVersionOrder() {
        UUID rep = UUID.randomUUID();
        String id = open(rep, "1000", "EUR", "2027-06-30");
        advanceTo(rep, id, 3);
        List<Map<String, Object>> history = as(rep, "rep").get("/deals/" + id + "/events").then().extract().path("$");
        try (DealEventsTopic topic = new DealEventsTopic()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> topic.recordsFor(id).size() >= history.size());
            List<ConsumerRecord<String, String>> records = topic.recordsFor(id);
            assertThat(records).hasSize(history.size());
            for (int i = 0; i < records.size(); i++) {
                Map<String, String> h = DealEventsTopic.headers(records.get(i));
                Map<String, Object> event = history.get(i);
                assertThat(h).containsEntry("ce_specversion", "1.0")
                        .containsEntry("ce_id", event.get("eventId").toString())
                        .containsEntry("ce_source", "/deal-service")
                        .containsEntry("ce_type", event.get("cloudEventType").toString())
                        .containsEntry("ce_subject", id)
                        .containsEntry("ce_streamversion", Integer.toString(i + 1))
                        .containsEntry("ce_actor", rep.toString())
                        .containsEntry("content-type", "application/json");
                assertThat(h).containsKeys("ce_time", "ce_recordedat");
            }
            assertThat(records.get(0).value()).contains("\"dealId\":\"" + id + "\"");
            assertThat(records.stream().map(r -> r.partition()).distinct()).hasSize(1);
        }
    }

    /**
     * Two transactions append; the one holding the lower position commits last. A relay reading by position alone
     * would have moved past it; ours publishes both, each stream in its order.
     */
    @Test
    void aRowWhoseTransactionCommitsLateIsStillPublished() {
        UUID early = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        SqlConnection slow = pool.getConnectionAndAwait();
        try {
            slow.query("BEGIN").executeAndAwait();
            insert(slow, late, 1);                            // takes the lower position, stays uncommitted
            SqlConnection fast = pool.getConnectionAndAwait();
            try {
                fast.query("BEGIN").executeAndAwait();
                insert(fast, early, 1);                       // higher position
                insert(fast, early, 2);
                fast.query("COMMIT").executeAndAwait();
            } finally {
                fast.closeAndAwait();
            }
            try (DealEventsTopic topic = new DealEventsTopic()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> topic.recordsFor(early.toString()).size() == 2);
                assertThat(topic.recordsFor(late.toString())).isEmpty();
                insert(slow, late, 2);
                slow.query("COMMIT").executeAndAwait();
                await().atMost(Duration.ofSeconds(30)).until(() -> topic.recordsFor(late.toString()).size() == 2);
                assertThat(topic.recordsFor(late.toString())).extracting(r -> DealEventsTopic.headers(r).get("ce_streamversion"))
                        .containsExactly("1", "2");
                assertThat(topic.recordsFor(early.toString())).extracting(r -> DealEventsTopic.headers(r).get("ce_streamversion"))
                        .containsExactly("1", "2");
            }
        } finally {
            slow.closeAndAwait();
        }
    }

    /** Appends a raw, correctly chained event row (as another writer would) inside the connection's transaction. */
    private static void insert(SqlConnection conn, UUID stream, long version) {
        String prev = version == 1 ? HashChain.GENESIS
                : conn.preparedQuery("SELECT hash FROM events WHERE stream_id = $1 AND version = $2")
                .executeAndAwait(Tuple.of(stream, version - 1)).iterator().next().getString(0);
        EventRecord r = new EventRecord();
        r.streamId = stream;
        r.streamType = "deal";
        r.version = version;
        r.eventId = UUID.randomUUID();
        r.type = "deal.reviewed";
        r.schemaVersion = 1;
        r.occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        r.recordedAt = r.occurredAt;
        r.actor = "test";
        r.payload = "{\"notes\":\"late commit test\"}";
        r.prevHash = prev;
        r.hash = HashChain.hash(prev, r);
        conn.preparedQuery("INSERT INTO events (stream_id, stream_type, version, event_id, type, schema_version,"
                        + " occurred_at, recorded_at, actor, payload, prev_hash, hash)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
                .executeAndAwait(Tuple.from(List.of(r.streamId, r.streamType, r.version, r.eventId, r.type,
                        r.schemaVersion, r.occurredAt.atOffset(ZoneOffset.UTC), r.recordedAt.atOffset(ZoneOffset.UTC),
                        r.actor, new io.vertx.core.json.JsonObject(r.payload), r.prevHash, r.hash)));
    }
}
