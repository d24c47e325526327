package io.dealstream.deal.eventstore;

import static io.dealstream.deal.DealTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Optimistic concurrency loses no update; rows are immutable; a tampered row is named by /audit/verify. */
@QuarkusTest
class EventStoreIntegrityTest {

    @Inject
    Pool pool;

    @Test
    void manyParallelCommandsOnOneDealLoseNoUpdate() throws Exception {
        UUID rep = UUID.randomUUID();
        String id = open(rep, "1000", "EUR", "2027-06-30");
        int parallel = 24;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                int n = i;
                results.add(pool.submit(() -> as(UUID.randomUUID(), "executive").body(Map.of("notes", "review " + n))
                        .post("/deals/" + id + "/reviews").statusCode()));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        as(rep, "rep").get("/deals/" + id).then().header("ETag", "\"" + (parallel + 1) + "\"");
        as(rep, "rep").get("/deals/" + id + "/events").then()
                .body("findAll { it.type == 'deal.reviewed' }", hasSize(parallel))
                .body("version", equalTo(java.util.stream.IntStream.rangeClosed(1, parallel + 1).boxed().toList()));
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteEventRows() {
        String id = open(UUID.randomUUID(), "1000", "EUR", "2027-06-30");
        assertThatThrownBy(() -> pool.preparedQuery("UPDATE events SET actor = 'mallory' WHERE stream_id = $1")
                .executeAndAwait(Tuple.of(UUID.fromString(id)))).hasMessageContaining("immutable");
        assertThatThrownBy(() -> pool.preparedQuery("DELETE FROM events WHERE stream_id = $1")
                .executeAndAwait(Tuple.of(UUID.fromString(id)))).hasMessageContaining("immutable");
    }

    @Test
    void aRowAlteredBehindTheTriggersBackIsNamedByTheAudit() {
        UUID rep = UUID.randomUUID();
        String id = open(rep, "1000", "EUR", "2027-06-30");
        advanceTo(rep, id, 2);
        UUID auditor = UUID.randomUUID();
        as(auditor, "auditor").get("/audit/verify").then().statusCode(200).body("ok", equalTo(true));
        String original = pool.preparedQuery("SELECT payload::text FROM events WHERE stream_id = $1 AND version = 2")
                .executeAndAwait(Tuple.of(UUID.fromString(id))).iterator().next().getString(0);
        tamper(id, "{\"stage\": 1, \"milestone\": \"first-meeting-booked-by-mallory\"}");
        try {
            as(auditor, "auditor").get("/audit/verify").then().statusCode(200)
                    .body("ok", equalTo(false))
                    .body("firstBroken.streamId", equalTo(id))
                    .body("firstBroken.version", equalTo(2))
                    .body("firstBroken.reason", containsString("hash"));
        } finally {
            tamper(id, original);
        }
        as(auditor, "auditor").get("/audit/verify").then().body("ok", equalTo(true));
    }

    private void tamper(String id, String payload) {
        pool.withTransaction(c -> c.query("ALTER TABLE events DISABLE TRIGGER events_immutable").execute()
                .chain(() -> c.preparedQuery("UPDATE events SET payload = $2 WHERE stream_id = $1 AND version = 2")
                        .execute(Tuple.of(UUID.fromString(id), new io.vertx.core.json.JsonObject(payload))))
                .chain(() -> c.query("ALTER TABLE events ENABLE TRIGGER events_immutable").execute()))
                .await().indefinitely();
    }
}
