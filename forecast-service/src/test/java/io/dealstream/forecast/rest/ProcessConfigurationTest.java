package io.dealstream.forecast.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealstream.forecast.Feed;
import io.dealstream.forecast.TestClock;
import io.dealstream.forecast.model.ProcessDoc;
import io.dealstream.forecast.projection.StreamKind;
import io.dealstream.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The forecast of a date uses the process configuration in force at that date: deal-service's configuration of
 * 2040-02-01 (stage 2 at 50% and in BEST_CASE) applies from then on; before it, the earlier one (DOMAIN.md's
 * defaults, 10% and PIPELINE, when none was recorded before).
 */
@QuarkusTest
class ProcessConfigurationTest {

    static final UUID PROCESS = UUID.fromString("00000000-0000-0000-0000-00000000d0c5");

    @Inject
    TestClock clock;

    @Test
    void theConfigurationInForceAtTheDate() {
        UUID rep = UUID.randomUUID();
        Feed feed = new Feed();
        UUID customer = feed.customer(rep, "North", "ACTIVE", "2040-01-01T00:00:00Z");
        UUID deal = feed.deal(customer, rep, "10000.00", "EUR", "2040-06-30", "2040-01-05T00:00:00Z");
        feed.stage(deal, 1, 2, "2040-01-10T00:00:00Z");
        feed.awaitApplied();
        Document process = Feed.document(StreamKind.PROCESS, PROCESS);
        long version = process == null ? 1 : ((Number) process.get("v")).longValue() + 1;
        StringBuilder stages = new StringBuilder();
        String[][] table = {{"0.05", "PIPELINE"}, {"0.50", "BEST_CASE"}, {"0.20", "PIPELINE"}, {"0.30", "PIPELINE"},
                {"0.45", "BEST_CASE"}, {"0.60", "BEST_CASE"}, {"0.75", "COMMIT"}, {"0.90", "COMMIT"}};
        for (int i = 0; i < 8; i++) {
            stages.append(i == 0 ? "" : ",").append("""
                    {"number":%d,"name":"Stage %d","buyerStage":"b","milestones":[],"roles":[],"probability":%s,"category":"%s"}"""
                    .formatted(i + 1, i + 1, table[i][0], table[i][1]));
        }
        var headers = io.dealstream.testing.TestTopics.cloudEvent("/deal-service", "process.configured", PROCESS, version);
        headers.put("ce_time", "2040-02-01T00:00:00Z");
        io.dealstream.testing.TestTopics.send(Feed.topic("process-events"), PROCESS, headers, """
                {"stages":[%s],"misalignmentGap":2,"wonProbability":1,"wonCategory":"CLOSED"}""".formatted(stages));
        Feed.awaitDocument(StreamKind.PROCESS, PROCESS, version);

        clock.set("2040-03-01T00:00:00Z");
        String token = TestTokens.token(rep, "rep");
        JsonPath now = given().auth().oauth2(token).when().get("/forecasts?period=2040").then().statusCode(200)
                .extract().jsonPath();
        assertThat(now.getString("groups[0].currencies[0].weightedAmount")).isEqualTo("5000.00"); // 10000 × 0.50
        assertThat(now.getString("processConfiguredAt")).isEqualTo("2040-02-01T00:00:00Z");
        assertThat(now.getList("groups[0].currencies[0].categories.findAll { it.count > 0 }.category"))
                .containsExactly("BEST_CASE");
        JsonPath before = given().auth().oauth2(token).when().get("/forecasts?period=2040&asOf=2040-01-31").then()
                .statusCode(200).extract().jsonPath();
        assertThat(before.getString("groups[0].currencies[0].weightedAmount")).isEqualTo("1000.00"); // × 0.10
        // before 2040-02-01: DOMAIN.md's defaults, or deal-service's published example configuration (the same
        // table) when ProducerContractTest ran first in this JVM (it publishes it at the wall-clock time)
        String configuredAt = before.getString("processConfiguredAt");
        assertThat(configuredAt == null || java.time.Instant.parse(configuredAt)
                .isBefore(java.time.Instant.parse("2040-02-01T00:00:00Z"))).as("configured at %s", configuredAt).isTrue();
        assertThat(before.getList("groups[0].currencies[0].categories.findAll { it.count > 0 }.category"))
                .containsExactly("PIPELINE");
        assertThat(ProcessDoc.inForce(null, java.time.Instant.EPOCH).stage(2).probability()).isEqualByComparingTo("0.10");
    }
}
