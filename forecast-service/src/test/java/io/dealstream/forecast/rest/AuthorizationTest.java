package io.dealstream.forecast.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealstream.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint × every role, and without a token: the read endpoints are open to rep, manager, executive, admin,
 * auditor and bi (each sees what its scope allows: other tests check the figures); the admin endpoints to admin
 * only. No token, a forged token or a token without a known role is refused with problem+json.
 */
@QuarkusTest
class AuthorizationTest {

    static final List<String> ROLES = List.of("rep", "manager", "executive", "admin", "auditor", "bi");
    static final List<String> READS = List.of("/forecasts?period=2031-Q1", "/pipeline?groupBy=stage", "/scorecards",
            "/risks", "/turnover/departures", "/turnover/comparison", "/turnover/key-person-risk",
            "/admin/projections/status");

    private static int expected(String path, String role) {
        return path.startsWith("/admin") && !role.equals("admin") ? 403 : 200;
    }

    @Test
    void everyReadEndpointForEveryRole() {
        List<String> wrong = new ArrayList<>();
        for (String path : READS) {
            for (String role : ROLES) {
                int status = given().auth().oauth2(TestTokens.token(UUID.randomUUID(), role)).when().get(path)
                        .then().extract().statusCode();
                if (status != expected(path, role)) {
                    wrong.add(role + " GET " + path + " → " + status);
                }
            }
            given().when().get(path).then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2(TestTokens.forged(UUID.randomUUID().toString(), "admin")).when().get(path)
                    .then().statusCode(401);
            given().auth().oauth2(TestTokens.token(UUID.randomUUID(), "visitor")).when().get(path)
                    .then().statusCode(403).contentType("application/problem+json");
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aDepartureNobodyMaySeeIs404ForEveryRole() {
        UUID nobody = UUID.randomUUID();
        for (String role : ROLES) {
            given().auth().oauth2(TestTokens.token(UUID.randomUUID(), role)).when()
                    .get("/turnover/departures/" + nobody).then().statusCode(404).contentType("application/problem+json");
        }
        given().when().get("/turnover/departures/" + nobody).then().statusCode(401);
    }

    @Test
    void onlyAnAdminMayRebuild() {
        for (String role : ROLES) {
            if (!role.equals("admin")) {
                given().auth().oauth2(TestTokens.token(UUID.randomUUID(), role)).when()
                        .post("/admin/projections/rebuild").then().statusCode(403).contentType("application/problem+json");
            }
        }
        given().when().post("/admin/projections/rebuild").then().statusCode(401);
        // the admin's rebuild itself is exercised by RebuildTest
    }
}
