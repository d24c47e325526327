package io.dealstream.customer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.dealstream.eventstore.relay.OutboxConfig;
import io.dealstream.testing.IsolatedRun;
import io.dealstream.testing.LocalServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The skeleton boots against real PostgreSQL and Kafka, creates its event store and reports itself ready. The test
 * resources declared here apply to every test of the module: the local servers, then this run's own topics
 * ({@link CustomerTopics}).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServers.class, initArgs = {
        @ResourceArg(name = "servers", value = "kafka,postgres"),
        @ResourceArg(name = "database", value = "customers_test")})
@QuarkusTestResource(CustomerTopics.class)
class CustomerHealthTest {

    @Inject
    OutboxConfig outbox;

    @Test
    void readyWithDatabaseAndKafka() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** Tests publish to this run's topics only ({@link CustomerTopics}), never to the shared ones. */
    @Test
    void everyStreamTypeIsPublishedToThisRunsTopic() {
        assertThat(outbox.topics()).containsOnlyKeys(CustomerTopics.OUTBOX.keySet().toArray(String[]::new))
                .allSatisfy((streamType, topic) -> assertThat(topic).isEqualTo(
                        IsolatedRun.topic(CustomerTopics.OUTBOX.get(streamType))));
    }

    @Test
    void openApiIsPublished() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("Dealstream customer-service"));
    }
}
