package io.dealstream.forecast;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.dealstream.testing.LocalServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The skeleton boots against a real MongoDB server and reports itself ready. */
@QuarkusTest
@QuarkusTestResource(value = LocalServers.class, initArgs = @ResourceArg(name = "servers", value = "mongo"))
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
