package io.dealstream.forecast.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The weighted forecast against figures worked out by hand. All deals close in 2031, a year no other test uses, so
 * the company-wide figures are this scenario's alone. Probabilities and categories are DOMAIN.md's defaults (no
 * process configuration in force before 2040 in this run).
 *
 * <pre>
 * team T (manager M): reps A, B; team T2: rep C.  customers: cA (North, owner A), cB (South, B), cC (North, C)
 * deal  owner cust  amount        close       history (business time)
 * d1    A     cA    100000 EUR    2031-02-15  opened 2030-11-01; 1→5 2030-12-01; buyer stage 4 2030-12-02
 * d2    A     cA     40000 EUR    2031-03-31  opened 2030-12-20 (stage 1)
 * d3    B     cB    200000 EUR    2031-01-31  opened 2030-11-15; buyer stage 3 2030-11-20; 1→7 2031-01-05
 * d4    B     cB     50000 USD    2031-02-28  opened 2030-11-20; 1→4 2030-12-10
 * d5    C     cC     80000 EUR    2031-05-15  opened 2030-11-10; 1→6 2030-12-15                    (Q2)
 * d6    A     cA     30000 EUR    2031-03-10  opened 2030-12-01; 1→8 2031-01-15; won, signed 2031-01-20
 * d7    B     cB     60000 EUR    2031-02-01  opened 2030-12-05; lost 2031-01-10
 * d8    A     cA     10000 EUR    2030-12-31  opened 2031-01-02; close date → 2031-03-15 on 2031-01-08
 * now = 2031-01-25T12:00Z
 * </pre>
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastFiguresTest {

    @Inject
    TestClock clock;

    final UUID m = UUID.randomUUID();
    final UUID a = UUID.randomUUID();
    final UUID b = UUID.randomUUID();
    final UUID c = UUID.randomUUID();
    UUID team;

    @BeforeAll
    void scenario() {
        Feed feed = new Feed();
        team = feed.team("2030-01-01T00:00:00Z", m);
        UUID team2 = feed.team("2030-01-01T00:00:00Z", UUID.randomUUID());
        feed.joined(a, team, "2030-01-02T00:00:00Z");
        feed.joined(b, team, "2030-01-02T00:00:00Z");
        feed.joined(c, team2, "2030-01-02T00:00:00Z");
        UUID cA = feed.customer(a, "North", "ACTIVE", "2030-01-03T00:00:00Z");
        UUID cB = feed.customer(b, "South", "ACTIVE", "2030-01-03T00:00:00Z");
        UUID cC = feed.customer(c, "North", "ACTIVE", "2030-01-03T00:00:00Z");

        UUID d1 = feed.deal(cA, a, "100000.00", "EUR", "2031-02-15", "2030-11-01T09:00:00Z");
        feed.stage(d1, 1, 5, "2030-12-01T09:00:00Z");
        feed.buyerStage(d1, 4, "2030-12-02T09:00:00Z");
        feed.deal(cA, a, "40000.00", "EUR", "2031-03-31", "2030-12-20T09:00:00Z");
        UUID d3 = feed.deal(cB, b, "200000.00", "EUR", "2031-01-31", "2030-11-15T09:00:00Z");
        feed.buyerStage(d3, 3, "2030-11-20T09:00:00Z");
        feed.stage(d3, 1, 7, "2031-01-05T09:00:00Z");
        UUID d4 = feed.deal(cB, b, "50000.00", "USD", "2031-02-28", "2030-11-20T09:00:00Z");
        feed.stage(d4, 1, 4, "2030-12-10T09:00:00Z");
        UUID d5 = feed.deal(cC, c, "80000.00", "EUR", "2031-05-15", "2030-11-10T09:00:00Z");
        feed.stage(d5, 1, 6, "2030-12-15T09:00:00Z");
        UUID d6 = feed.deal(cA, a, "30000.00", "EUR", "2031-03-10", "2030-12-01T09:00:00Z");
        feed.stage(d6, 1, 8, "2031-01-15T09:00:00Z");
        feed.won(d6, "30000.00", "EUR", "2031-01-20", "2031-01-20T15:00:00Z");
        UUID d7 = feed.deal(cB, b, "60000.00", "EUR", "2031-02-01", "2030-12-05T09:00:00Z");
        feed.lost(d7, "NO_BUDGET", null, 1, "2031-01-10T09:00:00Z");
        UUID d8 = feed.deal(cA, a, "10000.00", "EUR", "2030-12-31", "2031-01-02T09:00:00Z");
        feed.closeDate(d8, "2031-03-15", "2031-01-08T09:00:00Z");
        feed.awaitApplied();
    }

    private JsonPath forecast(String token, String query) {
        clock.set("2031-01-25T12:00:00Z");
        return given().auth().oauth2(token).when().get("/forecasts?" + query).then().statusCode(200).extract().jsonPath();
    }

    private static String exec() {
        return TestTokens.token(UUID.randomUUID(), "executive");
    }

    /** The figures of one currency of one group, as a flat map for readable assertions. */
    private static Map<String, Object> figures(JsonPath json, String key, String currency) {
        return json.getMap("groups.find { it.key == '" + key + "' }.currencies.find { it.currency == '" + currency + "' }");
    }

    private static Map<String, Object> category(Map<String, Object> figures, String category) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> categories = (List<Map<String, Object>>) figures.get("categories");
        return categories.stream().filter(x -> x.get("category").equals(category)).findFirst().orElseThrow();
    }

    @Test
    void companyQuarterWeightedWithCategoriesPerCurrency() {
        JsonPath json = forecast(exec(), "period=2031-Q1&groupBy=company");
        assertThat(json.getString("from")).isEqualTo("2031-01-01");
        assertThat(json.getString("to")).isEqualTo("2031-03-31");
        Map<String, Object> eur = figures(json, "company", "EUR");
        // open in Q1: d1 100000 × 0.45 (stage 5) = 45000; d2 40000 × 0.05 = 2000; d3 200000 × 0.75 (stage 7) = 150000;
        // d8 10000 × 0.05 = 500 (its close date moved into Q1). d5 closes in Q2, d7 is lost, d6 is won.
        assertThat(eur.get("weightedAmount")).isEqualTo("197500.00");
        assertThat(eur.get("openCount")).isEqualTo(4);
        assertThat(eur.get("openAmount")).isEqualTo("350000.00"); // 100000 + 40000 + 200000 + 10000
        assertThat(category(eur, "PIPELINE")).containsEntry("count", 2).containsEntry("amount", "50000.00"); // d2, d8
        assertThat(category(eur, "BEST_CASE")).containsEntry("count", 1).containsEntry("amount", "100000.00"); // d1
        assertThat(category(eur, "COMMIT")).containsEntry("count", 1).containsEntry("amount", "200000.00"); // d3
        assertThat(category(eur, "CLOSED")).containsEntry("count", 1).containsEntry("amount", "30000.00"); // d6 signed 01-20
        // stalled on 2031-01-25: d1 (progress 2030-12-01, 55 days), d2 (opened 2030-12-20, 36 days); d3 moved 20 days ago
        assertThat(eur.get("stalled")).isEqualTo(Map.of("count", 2, "amount", "140000.00"));
        // misaligned: d3 seller stage 7, buyer stage 3: 4 > 2. d1: 5 - 4 = 1.
        assertThat(eur.get("misaligned")).isEqualTo(Map.of("count", 1, "amount", "200000.00"));

        Map<String, Object> usd = figures(json, "company", "USD");
        assertThat(usd.get("weightedAmount")).isEqualTo("15000.00"); // d4 50000 × 0.30 (stage 4)
        assertThat(category(usd, "PIPELINE")).containsEntry("count", 1).containsEntry("amount", "50000.00");
        assertThat(usd.get("stalled")).isEqualTo(Map.of("count", 1, "amount", "50000.00")); // stage 4 since 2030-12-10
    }

    @Test
    void otherPeriods() {
        // the year adds d5: 80000 × 0.60 = 48000 → 197500 + 48000
        assertThat(figures(forecast(exec(), "period=2031&groupBy=company"), "company", "EUR").get("weightedAmount"))
                .isEqualTo("245500.00");
        // February: d1 (02-15) 45000; d7 (02-01) is lost; d4 (02-28) in USD
        JsonPath feb = forecast(exec(), "period=2031-02");
        assertThat(figures(feb, "company", "EUR")).containsEntry("weightedAmount", "45000.00").containsEntry("openCount", 1);
        assertThat(figures(feb, "company", "USD")).containsEntry("weightedAmount", "15000.00");
        // Q2: d5 only
        assertThat(figures(forecast(exec(), "period=2031-Q2"), "company", "EUR").get("weightedAmount")).isEqualTo("48000.00");
    }

    @Test
    void groupedByRepTeamAndRegion() {
        JsonPath byRep = forecast(exec(), "period=2031-Q1&groupBy=rep");
        assertThat(figures(byRep, a.toString(), "EUR").get("weightedAmount")).isEqualTo("47500.00"); // d1 + d2 + d8
        assertThat(category(figures(byRep, a.toString(), "EUR"), "CLOSED")).containsEntry("amount", "30000.00"); // d6
        assertThat(figures(byRep, b.toString(), "EUR").get("weightedAmount")).isEqualTo("150000.00"); // d3
        assertThat(figures(byRep, b.toString(), "USD").get("weightedAmount")).isEqualTo("15000.00"); // d4
        assertThat(byRep.getList("groups.key")).doesNotContain(c.toString()); // d5 is in Q2

        JsonPath byTeam = forecast(exec(), "period=2031&groupBy=team");
        assertThat(figures(byTeam, team.toString(), "EUR").get("weightedAmount")).isEqualTo("197500.00"); // A and B
        assertThat(byTeam.getList("groups.key")).hasSize(2); // T and T2 (d5: 48000)

        JsonPath byRegion = forecast(exec(), "period=2031-Q1&groupBy=region");
        assertThat(figures(byRegion, "North", "EUR").get("weightedAmount")).isEqualTo("47500.00"); // cA's deals
        assertThat(figures(byRegion, "South", "EUR").get("weightedAmount")).isEqualTo("150000.00"); // cB's d3
    }

    @Test
    void asOfAPastDate() {
        // At the end of 2030-12-31: d1 already stage 5 → 45000; d2 stage 1 → 2000; d3 still stage 1 → 200000 × 0.05
        // = 10000; d6 still open, stage 1, closes 03-10 → 1500; d7 not yet lost, stage 1, closes 02-01 → 3000;
        // d8 still closing 2030-12-31 → not in Q1. Total 45000 + 2000 + 10000 + 1500 + 3000 = 61500.
        JsonPath json = forecast(exec(), "period=2031-Q1&asOf=2030-12-31");
        Map<String, Object> eur = figures(json, "company", "EUR");
        assertThat(eur.get("weightedAmount")).isEqualTo("61500.00");
        assertThat(eur.get("openCount")).isEqualTo(5);
        // PIPELINE: d2 40000 + d3 200000 + d6 30000 + d7 60000
        assertThat(category(eur, "PIPELINE")).containsEntry("count", 4).containsEntry("amount", "330000.00");
        assertThat(category(eur, "BEST_CASE")).containsEntry("count", 1).containsEntry("amount", "100000.00");
        assertThat(category(eur, "COMMIT")).containsEntry("count", 0).containsEntry("amount", "0.00");
        assertThat(category(eur, "CLOSED")).containsEntry("count", 0);
        // stalled at 2030-12-31: d1 30 days after 2030-12-01 → stalled; d3 (2030-11-15, 46 days), d6 (12-01, 30 days)
        // and d7 (12-05, 26 days) → d1, d3, d6: 100000 + 200000 + 30000
        assertThat(eur.get("stalled")).isEqualTo(Map.of("count", 3, "amount", "330000.00"));
        assertThat(figures(json, "company", "USD").get("weightedAmount")).isEqualTo("15000.00");
    }

    @Test
    void aRepSeesTheirOwnAManagerTheirTeam() {
        JsonPath rep = forecast(TestTokens.token(a, "rep"), "period=2031&groupBy=company");
        assertThat(figures(rep, "company", "EUR").get("weightedAmount")).isEqualTo("47500.00");
        assertThat(figures(rep, "company", "USD")).isNull();
        JsonPath manager = forecast(TestTokens.token(m, "manager"), "period=2031&groupBy=rep");
        assertThat(manager.getList("groups.key")).containsExactlyInAnyOrder(a.toString(), b.toString());
        JsonPath other = forecast(TestTokens.token(UUID.randomUUID(), "manager"), "period=2031");
        assertThat(other.getList("groups")).isEmpty();
    }

    @Test
    void badInputIsA400ProblemNamingTheParameter() {
        for (String query : List.of("period=2031-Q5", "period=31", "period=2031-13", "groupBy=planet", "asOf=yesterday",
                "period=2031-Q1&asOf=2031-02-30")) {
            given().auth().oauth2(exec()).when().get("/forecasts?" + query).then().statusCode(400)
                    .contentType("application/problem+json");
        }
    }
}
