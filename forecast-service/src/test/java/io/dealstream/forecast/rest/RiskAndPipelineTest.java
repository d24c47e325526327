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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Each risk type and the funnel, against a scenario judged at 2032-03-01T12:00Z (2032 is a leap year).
 *
 * <pre>
 * team T (manager M): reps R and D; D departs effective 2032-02-28.
 * c1 (R, ACTIVE, activity 2032-02-25)  c2 (R, PROSPECT, registered 2032-01-01, no activity)  c4 (D, ACTIVE, 2032-02-25)
 * deal amount     owner opened            history
 * s1   10000 EUR  R     2032-01-10        1→3 2032-01-20; activity 2032-02-20   STALLED 41 days
 * s2   20000 EUR  R     2032-02-20        buyer stage 1; 1→4 2032-02-21           MISALIGNED (4 - 1 = 3 > 2)
 * s3    5000 EUR  R     2032-02-01        activity 2032-02-14T12:00              FOLLOW_UP_OVERDUE 16 days (> 15); 29 days: not stalled
 * s4    7000 USD  R     2032-01-31T12:00  activity 2032-02-15T12:00              STALLED 30 days exactly; 15 days: not overdue
 * s5    3000 EUR  D     2032-02-25        D departs                              ORPHANED (and c4)
 * s6    1000 EUR  D→R   2032-02-25        reassigned to R 2032-02-29             not orphaned
 * c2: FOLLOW_UP_OVERDUE 60 days (since registration)
 * </pre>
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RiskAndPipelineTest {

    @Inject
    TestClock clock;

    final UUID m = UUID.randomUUID();
    final UUID r = UUID.randomUUID();
    final UUID d = UUID.randomUUID();
    UUID c2, c4, s1, s2, s3, s4, s5, s6;

    @BeforeAll
    void scenario() {
        Feed feed = new Feed();
        UUID team = feed.team("2031-06-01T00:00:00Z", m);
        feed.joined(r, team, "2031-06-01T00:00:00Z");
        feed.joined(d, team, "2031-06-01T00:00:00Z");
        UUID c1 = feed.customer(r, "West", "ACTIVE", "2031-06-02T00:00:00Z");
        c2 = feed.customer(r, "West", "PROSPECT", "2032-01-01T12:00:00Z");
        c4 = feed.customer(d, "West", "ACTIVE", "2032-02-25T00:00:00Z");
        s1 = feed.deal(c1, r, "10000.00", "EUR", "2032-06-30", "2032-01-10T09:00:00Z");
        feed.stage(s1, 1, 3, "2032-01-20T12:00:00Z");
        s2 = feed.deal(c1, r, "20000.00", "EUR", "2032-06-30", "2032-02-20T09:00:00Z");
        feed.buyerStage(s2, 1, "2032-02-20T10:00:00Z");
        feed.stage(s2, 1, 4, "2032-02-21T09:00:00Z");
        s3 = feed.deal(c1, r, "5000.00", "EUR", "2032-06-30", "2032-02-01T09:00:00Z");
        s4 = feed.deal(c1, r, "7000.00", "USD", "2032-06-30", "2032-01-31T12:00:00Z");
        s5 = feed.deal(c4, d, "3000.00", "EUR", "2032-06-30", "2032-02-25T09:00:00Z");
        s6 = feed.deal(c4, d, "1000.00", "EUR", "2032-06-30", "2032-02-25T09:00:00Z");
        feed.owner(s6, d, r, null, "2032-02-29T09:00:00Z");
        feed.activity(c1, r, s1, "2032-02-20T12:00:00Z");
        feed.activity(c1, r, s3, "2032-02-14T12:00:00Z");
        feed.activity(c1, r, s4, "2032-02-15T12:00:00Z");
        feed.activity(c1, r, null, "2032-02-25T12:00:00Z");
        feed.departed(d, "2032-02-28", UUID.randomUUID(), r, "2032-02-27T09:00:00Z");
        feed.awaitApplied();
    }

    @BeforeEach
    void now() {
        clock.set("2032-03-01T12:00:00Z");
    }

    private static JsonPath get(String token, String path) {
        return given().auth().oauth2(token).when().get(path).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aRepsRiskLists() {
        JsonPath json = get(TestTokens.token(r, "rep"), "/risks");
        List<Map<String, Object>> items = json.getList("items");
        assertThat(items).extracting(i -> i.get("type"), i -> i.get("id"), i -> i.get("days")).containsExactlyInAnyOrder(
                tuple("STALLED", s1.toString(), 41), // last progress 2032-01-20T12:00
                tuple("STALLED", s4.toString(), 30), // opened 2032-01-31T12:00, 30 days: stalled from day 30
                tuple("MISALIGNED", s2.toString(), 9), // since the stage move of 2032-02-21
                tuple("FOLLOW_UP_OVERDUE", s3.toString(), 16), // last activity 2032-02-14T12:00: 16 > 15
                tuple("FOLLOW_UP_OVERDUE", c2.toString(), 60)); // PROSPECT, nothing since registration 2032-01-01
        assertThat(json.getString("nextCursor")).isNull();
        Map<String, Object> misaligned = items.stream().filter(i -> i.get("type").equals("MISALIGNED")).findFirst().orElseThrow();
        assertThat(misaligned).containsEntry("stage", 4).containsEntry("buyerStage", 1).containsEntry("subject", "DEAL");
    }

    @Test
    void orphanedDealsAndAccountsOfADepartedOwner() {
        JsonPath json = get(TestTokens.token(m, "manager"), "/risks?type=ORPHANED");
        assertThat(json.getList("items", Map.class)).extracting(i -> i.get("subject"), i -> i.get("id"))
                .containsExactlyInAnyOrder(tuple("DEAL", s5.toString()), tuple("ACCOUNT", c4.toString()));
        // s6 was reassigned to R before: not orphaned. The rep R sees no orphan of D's.
        assertThat(get(TestTokens.token(r, "rep"), "/risks?type=ORPHANED").getList("items")).isEmpty();
    }

    /**
     * An executive's list is folded from pages of deals and of customers (three at a time in the test profile): its
     * items of R and D are exactly the manager's seven, read at once. (The database holds other tests' deals too.)
     */
    @Test
    void theCompanyWideListHasWhatTheTeamsListHas() {
        List<String> team = get(TestTokens.token(m, "manager"), "/risks?limit=500").getList("items.id");
        String executive = TestTokens.token(UUID.randomUUID(), "executive");
        List<String> ofTheTeam = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = get(executive, "/risks?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
            List<Map<String, Object>> items = page.getList("items");
            items.stream().filter(i -> r.toString().equals(i.get("ownerId")) || d.toString().equals(i.get("ownerId")))
                    .forEach(i -> ofTheTeam.add((String) i.get("id")));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(ofTheTeam).hasSize(7).containsExactlyInAnyOrderElementsOf(team);
    }

    @Test
    void riskListsArePaged() {
        String token = TestTokens.token(m, "manager");
        List<String> all = get(token, "/risks?limit=500").getList("items.id");
        assertThat(all).hasSize(7); // R's five and D's two orphans
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = get(token, "/risks?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            paged.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(paged).isEqualTo(all);
        for (String bad : List.of("type=LATE", "limit=0", "limit=x", "cursor=%%%")) {
            given().auth().oauth2(token).when().get("/risks?" + bad).then().statusCode(400)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void funnelPerStageAndCurrency() {
        JsonPath json = get(TestTokens.token(r, "rep"), "/pipeline?groupBy=stage");
        // stage 1: s3 5000 EUR + s6 1000 EUR (weighted × 0.05 = 300), s4 7000 USD (350); stage 3: s1 (× 0.20 = 2000);
        // stage 4: s2 (× 0.30 = 6000)
        assertThat(json.getList("stages.count")).containsExactly(3, 0, 1, 1, 0, 0, 0, 0);
        assertThat(json.getList("stages[0].amounts", Map.class)).containsExactly(
                Map.of("currency", "EUR", "count", 2, "amount", "6000.00", "weightedAmount", "300.00"),
                Map.of("currency", "USD", "count", 1, "amount", "7000.00", "weightedAmount", "350.00"));
        assertThat(json.getList("stages[2].amounts", Map.class)).containsExactly(
                Map.of("currency", "EUR", "count", 1, "amount", "10000.00", "weightedAmount", "2000.00"));
        assertThat(json.getList("stages[3].amounts", Map.class)).containsExactly(
                Map.of("currency", "EUR", "count", 1, "amount", "20000.00", "weightedAmount", "6000.00"));
        assertThat(json.getString("stages[4].name")).isEqualTo("Requirements & formal proposal");

        // as of 2032-02-15: s1 (stage 3), s3 and s4 (stage 1); s2 not yet opened, s6 still D's
        JsonPath past = get(TestTokens.token(r, "rep"), "/pipeline?groupBy=stage&asOf=2032-02-15");
        assertThat(past.getList("stages.count")).containsExactly(2, 0, 1, 0, 0, 0, 0, 0);
        given().auth().oauth2(TestTokens.token(r, "rep")).when().get("/pipeline?groupBy=rep").then().statusCode(400);
    }
}
