package io.dealstream.forecast.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealstream.forecast.Feed;
import io.dealstream.forecast.TestClock;
import io.dealstream.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Each scorecard figure of rep S for 2034-Q1, judged at 2034-04-10 (all events at 00:00Z).
 *
 * <pre>
 * e0 30000 EUR opened 2033-12-01; 1→2 2034-01-02                                  (no activity ever)
 * e1 50000 EUR opened 2034-01-05; 1→2 01-15; 2→3 02-04; 3→8 02-14; won 02-24 (signed 02-24)
 *    activities: S 01-12, O (another person) 01-20, S 02-01
 * e2 20000 USD opened 2034-01-10; 1→3 01-20; lost 03-01;  activity: S 02-10
 * e3 10000 EUR opened 2034-03-20
 * account activity by S 03-05
 * account activity by S 03-06 on a customer of O's (a rep's activities count wherever they are logged)
 * </pre>
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScorecardTest {

    @Inject
    TestClock clock;

    final UUID s = UUID.randomUUID();
    final UUID o = UUID.randomUUID();

    @BeforeAll
    void scenario() {
        Feed feed = new Feed();
        UUID team = feed.team("2033-01-01T00:00:00Z", UUID.randomUUID());
        feed.joined(s, team, "2033-01-01T00:00:00Z");
        UUID cs = feed.customer(s, "East", "ACTIVE", "2033-01-01T00:00:00Z");
        UUID e0 = feed.deal(cs, s, "30000.00", "EUR", "2034-06-30", "2033-12-01T00:00:00Z");
        feed.stage(e0, 1, 2, "2034-01-02T00:00:00Z");
        UUID e1 = feed.deal(cs, s, "50000.00", "EUR", "2034-03-31", "2034-01-05T00:00:00Z");
        feed.stage(e1, 1, 2, "2034-01-15T00:00:00Z");
        feed.stage(e1, 2, 3, "2034-02-04T00:00:00Z");
        feed.stage(e1, 3, 8, "2034-02-14T00:00:00Z");
        feed.won(e1, "50000.00", "EUR", "2034-02-24", "2034-02-24T00:00:00Z");
        UUID e2 = feed.deal(cs, s, "20000.00", "USD", "2034-03-31", "2034-01-10T00:00:00Z");
        feed.stage(e2, 1, 3, "2034-01-20T00:00:00Z");
        feed.lost(e2, "NO_BUDGET", null, 3, "2034-03-01T00:00:00Z");
        feed.deal(cs, s, "10000.00", "EUR", "2034-06-30", "2034-03-20T00:00:00Z");
        feed.activity(cs, s, e1, "2034-01-12T00:00:00Z");
        feed.activity(cs, o, e1, "2034-01-20T00:00:00Z");
        feed.activity(cs, s, e1, "2034-02-01T00:00:00Z");
        feed.activity(cs, s, e2, "2034-02-10T00:00:00Z");
        feed.activity(cs, s, null, "2034-03-05T00:00:00Z");
        UUID others = feed.customer(o, "West", "ACTIVE", "2033-01-01T00:00:00Z");
        feed.activity(others, s, null, "2034-03-06T00:00:00Z");
        feed.awaitApplied();
    }

    private JsonPath scorecard(String token) {
        clock.set("2034-04-10T00:00:00Z");
        JsonPath json = given().auth().oauth2(token).when().get("/scorecards?period=2034-Q1&repId=" + s)
                .then().statusCode(200).extract().jsonPath();
        assertThat(json.getList("items")).hasSize(1);
        return json.setRootPath("items[0]");
    }

    @Test
    void everyFigure() {
        JsonPath card = scorecard(TestTokens.token(s, "rep"));
        assertThat(card.getString("repId")).isEqualTo(s.toString());
        // S logged 01-12, 02-01, 02-10, 03-05 and 03-06 (on O's customer); O's activity of 01-20 is not S's
        assertThat(card.getInt("activitiesLogged")).isEqualTo(5);
        // forward moves in Q1: e0 1→2, e1 1→2, 2→3, 3→8, e2 1→3
        assertThat(card.getInt("stageAdvances")).isEqualTo(5);
        // 15-day windows due in Q1 (due = previous point + 15 days, consecutive while nothing happens):
        // e0 (opened 12-01, nothing since): due 01-15, 01-30, 02-14, 03-01, 03-16, 03-31 → 6 missed
        // e1: 01-05→01-12 met, 01-12→01-20 met, 01-20→02-01 met, after 02-01 due 02-16 missed (open until 02-24)
        // e2: after 01-10 due 01-25 missed, 02-09 missed, 02-24 met (02-10); after 02-10 due 02-25 missed (lost 03-01)
        // e3: first due 04-04, after Q1 → 4 met of 14
        assertThat(card.getMap("followUp")).isEqualTo(Map.of("windows", 14, "met", 4, "compliance", 0.2857f));
        // entered in Q1 and left forward by now: stage 1 e1, e2, e3 → 2 of 3; stage 2 e0, e1 → 1 of 2;
        // stage 3 e1 (→8), e2 (lost) → 1 of 2; stage 8 e1 (won) → 1 of 1
        assertThat(card.getList("conversion.entered")).containsExactly(3, 2, 2, 0, 0, 0, 0, 1);
        assertThat(card.getList("conversion.advanced")).containsExactly(2, 1, 1, 0, 0, 0, 0, 1);
        assertThat(card.getString("conversion[0].rate")).isEqualTo("0.6667");
        assertThat(card.getString("conversion[1].rate")).isEqualTo("0.5");
        assertThat(card.getString("conversion[3].rate")).isNull();
        // stays that ended in Q1: stage 1 e0 32 d, e1 10 d, e2 10 d → 17.3; stage 2 e1 20 d; stage 3 e1 10 d, e2 40 d
        // → 25; stage 8 e1 10 d
        assertThat(card.getMap("averageDaysPerStage")).isEqualTo(Map.of("1", 17.3f, "2", 20.0f, "3", 25.0f, "8", 10.0f));
        assertThat(card.getInt("won")).isEqualTo(1);
        assertThat(card.getInt("lost")).isEqualTo(1);
        assertThat(card.getString("winRate")).isEqualTo("0.5");
        assertThat(card.getMap("wonAmount")).isEqualTo(Map.of("EUR", "50000.00"));
        // opened in Q1: e1, e2, e3 (e0 was opened in 2033)
        assertThat(card.getInt("pipelineCreatedCount")).isEqualTo(3);
        assertThat(card.getMap("pipelineCreated")).isEqualTo(Map.of("EUR", "60000.00", "USD", "20000.00"));
    }

    /** An auditor's scorecard folds every deal and account of the company a page at a time (pages of 3 in tests). */
    @Test
    void theCompanyWideScorecardIsTheRepsOwn() {
        clock.set("2034-04-10T00:00:00Z");
        String path = "/scorecards?period=2034-Q1&repId=" + s;
        Map<String, Object> own = given().auth().oauth2(TestTokens.token(s, "rep")).when().get(path)
                .then().statusCode(200).extract().jsonPath().getMap("items[0]");
        Map<String, Object> companyWide = given().auth().oauth2(TestTokens.token(UUID.randomUUID(), "auditor")).when()
                .get(path).then().statusCode(200).extract().jsonPath().getMap("items[0]");
        assertThat(own).containsEntry("activitiesLogged", 5).containsEntry("stageAdvances", 5);
        assertThat(companyWide).isEqualTo(own);
    }

    @Test
    void aRepSeesOnlyTheirOwn() {
        given().auth().oauth2(TestTokens.token(UUID.randomUUID(), "rep")).when()
                .get("/scorecards?period=2034-Q1&repId=" + s).then().statusCode(404);
        assertThat(scorecard(TestTokens.token(UUID.randomUUID(), "auditor")).getInt("activitiesLogged")).isEqualTo(5);
        given().auth().oauth2(TestTokens.token(s, "rep")).when().get("/scorecards?period=2034-Q9").then().statusCode(400);
        given().auth().oauth2(TestTokens.token(s, "rep")).when().get("/scorecards?repId=nobody").then().statusCode(400);
    }
}
