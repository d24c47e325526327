package io.dealstream.forecast.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dealstream.forecast.Feed;
import io.dealstream.forecast.TestClock;
import io.dealstream.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A rep's figures read only the customers their scope involves (their own, those they logged activities on, those
 * of their deals), not the whole company; this checks that what they need is not left out. Judged at
 * 2036-05-01T00:00Z.
 *
 * <pre>
 * rep X, rep Y (no team)
 * cy (Y, ACTIVE): X's deal x1 opened 2036-04-05; Y logged an activity on x1 2036-04-28  → 3 days: not overdue
 *                 X's deal x2 opened 2036-04-05, no activity                            → FOLLOW_UP_OVERDUE 26 days
 * cx (X, ACTIVE, registered 2036-04-10; activity by Y 2036-04-29)                       → not overdue
 * neither deal is stalled (26 days &lt; 30)
 * </pre>
 * Were cy (Y's account) not read for X, x1's last activity would be its opening: 26 days, overdue.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopedCustomersTest {

    @Inject
    TestClock clock;

    final UUID x = UUID.randomUUID();
    final UUID y = UUID.randomUUID();
    UUID x1;
    UUID x2;

    @BeforeAll
    void scenario() {
        Feed feed = new Feed();
        UUID cy = feed.customer(y, "North", "ACTIVE", "2036-01-01T00:00:00Z");
        x1 = feed.deal(cy, x, "1000.00", "EUR", "2036-12-31", "2036-04-05T00:00:00Z");
        x2 = feed.deal(cy, x, "2000.00", "EUR", "2036-12-31", "2036-04-05T00:00:00Z");
        feed.activity(cy, y, x1, "2036-04-28T00:00:00Z");
        UUID cx = feed.customer(x, "North", "ACTIVE", "2036-04-10T00:00:00Z");
        feed.activity(cx, y, null, "2036-04-29T00:00:00Z");
        feed.awaitApplied();
    }

    @BeforeEach
    void now() {
        clock.set("2036-05-01T00:00:00Z");
    }

    @Test
    void aRepsRisksSeeTheAccountsOfTheirDealsWhoeverOwnsThem() {
        JsonPath json = given().auth().oauth2(TestTokens.token(x, "rep")).when().get("/risks").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> items = json.getList("items");
        assertThat(items).extracting(i -> i.get("type"), i -> i.get("id"), i -> i.get("days"))
                .containsExactly(tuple("FOLLOW_UP_OVERDUE", x2.toString(), 26));
    }
}
