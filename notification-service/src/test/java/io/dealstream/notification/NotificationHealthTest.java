package io.dealstream.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.dealstream.testing.LocalServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Boots against the real Kafka and MongoDB servers (started by test-support unless running) and reports itself
 * ready. Declares the module's test resources: the servers, and {@link TestEnvironment} (per-run topics, database,
 * SMTP port).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServers.class, initArgs = @ResourceArg(name = "servers", value = "kafka,mongo"))
@QuarkusTestResource(TestEnvironment.class)
class NotificationHealthTest {

    @Test
    void readyWithItsDatabaseAndKafka() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("MongoDB")));
    }

    @Test
    void openApiIsPublished() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("Dealstream notification-service"))
                .body("paths.keySet()", org.hamcrest.Matchers.hasItems("/notifications", "/notifications/{id}/read",
                        "/notifications/stream", "/reviews/weekly", "/rules", "/admin/rules/run"));
    }
}
