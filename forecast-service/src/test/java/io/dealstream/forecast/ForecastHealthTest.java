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
    void queriesAreTimedInTheMetrics() {
        given().auth().oauth2(io.dealstream.testing.TestTokens.token(java.util.UUID.randomUUID(), "executive"))
                .when().get("/forecasts?period=2027").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("forecast_query_forecasts_seconds_count"));
    }

    @Test
    void openApiIsPublished() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("Dealstream forecast-service"))
                .body("paths.keySet()", org.hamcrest.Matchers.hasItems("/forecasts", "/pipeline", "/scorecards", "/risks",
                        "/turnover/departures", "/turnover/departures/{staffId}", "/turnover/comparison",
                        "/turnover/key-person-risk", "/admin/projections/rebuild", "/admin/projections/status"));
    }
}
