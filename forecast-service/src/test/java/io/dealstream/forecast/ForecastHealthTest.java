package io.dealstream.forecast;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.dealstream.testing.LocalServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The service boots against real MongoDB and Kafka servers and reports itself ready. The test resources declared
 * here apply to every test of the module: the local servers, then this run's own topics and database.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServers.class, initArgs = @ResourceArg(name = "servers", value = "kafka,mongo"))
@QuarkusTestResource(ForecastTopics.class)
class ForecastHealthTest {

    @Test
    void readyWithItsDatabase() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("MongoDB")));
    }

    @Test
    void openApiIsPublished() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("Dealstream forecast-service"));
    }
}
