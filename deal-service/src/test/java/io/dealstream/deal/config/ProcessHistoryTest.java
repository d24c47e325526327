package io.dealstream.deal.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.deal.DealTopics;
import io.dealstream.deal.domain.DealProcess;
import io.dealstream.deal.eventstore.DealEventsTopic;
import io.dealstream.eventstore.EventStore;
import io.dealstream.testing.EventContract;
import io.dealstream.testing.JsonSchemaCheck;
import io.dealstream.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The process configuration is a stream of its own, published to process-events (this run's, in tests): recorded when the configuration in
 * force changes, never again when it does not, and described by a published contract.
 */
@QuarkusTest
class ProcessHistoryTest {

    private static final EventContract CONTRACT = new EventContract(ProcessHistoryTest.class, "process-events.asyncapi.yaml");

    @Inject
    ProcessHistory history;
    @Inject
    DealProcess process;
    @Inject
    EventStore store;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;
    @Inject
    Vertx vertx;
    @Inject
    Pool pool;

    @Test
    void theConfigurationInForceIsTheLastRecordedAndMatchesGetProcess() throws Exception {
        JsonNode served = json.readTree(given().header("Authorization", TestTokens.bearer(UUID.randomUUID(), "rep"))
                .get("/process").then().statusCode(200).extract().asString());
        assertThat(json.treeToValue(served, DealProcess.class)).isEqualTo(lastRecorded());
        assertThat(lastRecorded()).isEqualTo(process);
    }

    @Test
    void startingAgainWithTheSameConfigurationRecordsNothing() throws Exception {
        int before = recordedCount();
        history.onStart(null);
        history.onStart(null);
        assertThat(recordedCount()).isEqualTo(before);
    }

    @Test
    void aChangedConfigurationIsRecordedAndPublishedThenTheOriginalAgain() throws Exception {
        List<DealProcess.Stage> stages = new ArrayList<>(process.stages());
        DealProcess.Stage demo = stages.get(3);
        stages.set(3, new DealProcess.Stage(demo.number(), demo.name(), demo.buyerStage(), demo.milestones(), demo.roles(),
                new BigDecimal("0.35"), "BEST_CASE"));
        DealProcess changed = new DealProcess(stages, process.misalignmentGap(), process.wonProbability(), process.wonCategory());
        int before = recordedCount();
        try (DealEventsTopic topic = new DealEventsTopic(DealTopics.topic(DealTopics.PROCESS_EVENTS))) {
            new ProcessHistory(json, store, changed, clock, vertx).onStart(null);
            assertThat(recordedCount()).isEqualTo(before + 1);
            assertThat(lastRecorded()).isEqualTo(changed);
            history.onStart(null);
            assertThat(recordedCount()).isEqualTo(before + 2);
            assertThat(lastRecorded()).isEqualTo(process);

            String key = ProcessHistory.STREAM_ID.toString();
            List<ConsumerRecord<String, String>> published = await().atMost(Duration.ofSeconds(30))
                    .until(() -> topic.recordsFor(key), r -> r.size() >= 2);
            ConsumerRecord<String, String> first = published.get(published.size() - 2);
            ConsumerRecord<String, String> second = published.get(published.size() - 1);
            assertThat(json.readValue(first.value(), DealProcess.class)).isEqualTo(changed);
            assertThat(json.readValue(second.value(), DealProcess.class)).isEqualTo(process);
            Map<String, String> headers = DealEventsTopic.headers(second);
            assertThat(headers).containsEntry("ce_type", "io.dealstream.process.configured.v1")
                    .containsEntry("ce_subject", key)
                    .containsEntry("ce_streamtype", "process")
                    .containsEntry("ce_actor", "deal-service")
                    .containsEntry("ce_streamversion", String.valueOf(before + 2));
            JsonSchemaCheck envelope = new JsonSchemaCheck(CONTRACT.asyncApi());
            assertThat(envelope.violations(json.<JsonNode>valueToTree(headers),
                    CONTRACT.asyncApi().at("/components/messages/processConfigured/headers"))).isEmpty();
            assertThat(CONTRACT.schema(ProcessHistory.EVENT_TYPE, 1).violations(json.readTree(first.value()))).isEmpty();
        }
    }

    @Test
    void theExampleIsTheDefaultProcessAndBothMatchTheSchema() throws Exception {
        JsonNode example = CONTRACT.example(ProcessHistory.EVENT_TYPE, 1);
        JsonSchemaCheck schema = CONTRACT.schema(ProcessHistory.EVENT_TYPE, 1);
        assertThat(schema.violations(example)).isEmpty();
        assertThat(json.treeToValue(example, DealProcess.class)).isEqualTo(DealProcess.defaults());
        assertThat(schema.violations(json.<JsonNode>valueToTree(process))).isEmpty();
        JsonNode withoutStages = example.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) withoutStages).remove("stages");
        assertThat(schema.violations(withoutStages)).isNotEmpty();
        assertThat(CONTRACT.messageFor("io.dealstream.process.configured.v1").getValue()
                .at("/payload/schema/$ref").asText()).isEqualTo("./schemas/process.configured.v1.json");
    }

    private List<String> recorded() {
        List<String> payloads = new ArrayList<>();
        pool.preparedQuery("SELECT payload::text FROM events WHERE stream_id = $1 AND type = $2 ORDER BY version")
                .execute(Tuple.of(ProcessHistory.STREAM_ID, ProcessHistory.EVENT_TYPE))
                .await().atMost(Duration.ofSeconds(10))
                .forEach(row -> payloads.add(row.getString(0)));
        return payloads;
    }

    private DealProcess lastRecorded() throws Exception {
        List<String> payloads = recorded();
        return json.readValue(payloads.get(payloads.size() - 1), DealProcess.class);
    }

    private int recordedCount() {
        return recorded().size();
    }
}
