package io.dealstream.deal.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health (readiness checks PostgreSQL and Kafka), metrics, OpenAPI and the process in force. */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void readinessChecksDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(containsStringIgnoringCase("postgresql"), containsStringIgnoringCase("kafka")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"))
                .body(containsString("dealstream_outbox_published_total"));
    }

    @Test
    void openApiDescribesTheDealApiWithBearerSecurity() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", hasItems("/deals", "/deals/{id}", "/deals/{id}/stage", "/deals/{id}/events",
                        "/process", "/import/deals", "/audit/verify"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"));
    }

    @Test
    void processIsServedFromConfigurationWithTheDomainDefaults() {
        given().header("Authorization", io.dealstream.testing.TestTokens.bearer(java.util.UUID.randomUUID(), "rep"))
                .get("/process").then().statusCode(200)
                .body("stages", hasSize(8))
                .body("stages[3].roles", contains("PRESALES_ENGINEER"))
                .body("stages[6].roles", contains("COMMERCIAL", "FINANCE", "LEGAL"))
                .body("stages.probability", contains(0.05f, 0.10f, 0.20f, 0.30f, 0.45f, 0.60f, 0.75f, 0.90f))
                .body("stages.category", contains("PIPELINE", "PIPELINE", "PIPELINE", "PIPELINE", "BEST_CASE",
                        "BEST_CASE", "COMMIT", "COMMIT"))
                .body("misalignmentGap", equalTo(2));
    }
}
