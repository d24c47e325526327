package io.dealstream.customer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.dealstream.testing.LocalServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The skeleton boots against real PostgreSQL and Kafka, creates its event store and reports itself ready. */
@QuarkusTest
@QuarkusTestResource(value = LocalServers.class, initArgs = {
        @ResourceArg(name = "servers", value = "kafka,postgres"),
        @ResourceArg(name = "database", value = "customers_test")})
class CustomerHealthTest {

    @Test
    void readyWithDatabaseAndKafka() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiIsPublished() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("Dealstream customer-service"));
    }
}
