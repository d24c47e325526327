package io.dealstream.forecast.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealstream.forecast.Feed;
import io.dealstream.forecast.TestClock;
import io.dealstream.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Each turnover figure, judged at 2035-05-01 (events at 00:00Z unless said).
 *
 * <pre>
 * Departure of X (effective 2035-03-01, recorded and handover opened 2035-02-25), successor Y:
 *   accounts k1, k2; open deals t1 (k1, 60000 EUR), t2 (k2, 40000 EUR), t3 (k1, 25000 USD)
 *   assigned: k1 → Y 2035-03-04 (lag 3), t1 → Y 2035-03-04 (lag 3), t2 → Y 2035-03-11 (lag 10); k2, t3 orphaned
 *   after the handover: t1 activity by Y 03-09 (5 days), 4→2 on 03-15 (regression), close date 06-30 → 08-31 on
 *   03-20 (slip 62 days), lost to competitor "Rival AG" 04-01; t2 no activity, won 04-15
 * Never handed over (owner Y): n1 opened 2035-01-01, close 03-31 → 04-30 on 03-01 (slip 30), won 04-20;
 *   n2 opened 2035-02-01, lost 03-03
 * Key persons, team K (manager MK, reps r1..r5): open EUR r1 100000, r2 50000, r3 30000, r4 15000, r5 5000;
 *   won: r2 80000 signed 2035-01-10, r3 20000 signed 2034-06-01, r1 50000 signed 2034-04-01 (over 12 months ago)
 *   accounts: ka (r1, 2 contacts, activity by r2 04-01), kb (r2, 1 contact, activity by r2 only),
 *   kc (r3, 3 contacts, last activity by r4 on 2035-01-01: 120 days ago)
 * </pre>
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TurnoverTest {

    @Inject
    TestClock clock;

    final UUID x = UUID.randomUUID();
    final UUID y = UUID.randomUUID();
    final UUID manager = UUID.randomUUID();
    final UUID departure = UUID.randomUUID();
    final UUID mk = UUID.randomUUID();
    final List<UUID> reps = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
            UUID.randomUUID());
    UUID k1, k2, t1, t2, t3, kb, kc;

    @BeforeAll
    void scenario() {
        Feed feed = new Feed();
        UUID team = feed.team("2034-01-01T00:00:00Z", manager);
        feed.joined(x, team, "2034-01-01T00:00:00Z");
        feed.joined(y, team, "2034-01-01T00:00:00Z");
        k1 = feed.customer(x, "North", "ACTIVE", "2034-01-02T00:00:00Z");
        k2 = feed.customer(x, "North", "ACTIVE", "2034-01-02T00:00:00Z");
        t1 = feed.deal(k1, x, "60000.00", "EUR", "2035-06-30", "2035-01-10T00:00:00Z");
        feed.stage(t1, 1, 4, "2035-01-20T00:00:00Z");
        t2 = feed.deal(k2, x, "40000.00", "EUR", "2035-05-31", "2035-01-15T00:00:00Z");
        feed.stage(t2, 1, 3, "2035-01-25T00:00:00Z");
        t3 = feed.deal(k1, x, "25000.00", "USD", "2035-07-31", "2035-02-01T00:00:00Z");
        feed.departed(x, "2035-03-01", departure, y, "2035-02-25T09:00:00Z");
        Map<UUID, UUID> deals = new LinkedHashMap<>();
        deals.put(t1, k1);
        deals.put(t2, k2);
        deals.put(t3, k1);
        feed.handoverOpened(departure, x, "2035-03-01", y, List.of(k1, k2), deals, "2035-02-25T10:00:00Z");
        feed.handoverAssigned(departure, "ACCOUNT", k1, y, 3, "2035-03-04T00:00:00Z");
        feed.accountOwner(k1, x, y, departure, "2035-03-04T00:00:00Z");
        feed.handoverAssigned(departure, "DEAL", t1, y, 3, "2035-03-04T00:00:00Z");
        feed.owner(t1, x, y, departure, "2035-03-04T00:00:00Z");
        feed.handoverAssigned(departure, "DEAL", t2, y, 10, "2035-03-11T00:00:00Z");
        feed.owner(t2, x, y, departure, "2035-03-11T00:00:00Z");
        feed.activity(k1, y, t1, "2035-03-09T00:00:00Z");
        feed.stage(t1, 4, 2, "2035-03-15T00:00:00Z");
        feed.closeDate(t1, "2035-08-31", "2035-03-20T00:00:00Z");
        feed.lost(t1, "LOST_TO_COMPETITOR", "Rival AG", 2, "2035-04-01T00:00:00Z");
        feed.stage(t2, 3, 8, "2035-04-10T00:00:00Z");
        feed.won(t2, "40000.00", "EUR", "2035-04-15", "2035-04-15T00:00:00Z");
        UUID n1 = feed.deal(k1, y, "10000.00", "EUR", "2035-03-31", "2035-01-01T00:00:00Z");
        feed.closeDate(n1, "2035-04-30", "2035-03-01T00:00:00Z");
        feed.won(n1, "10000.00", "EUR", "2035-04-20", "2035-04-20T00:00:00Z");
        UUID n2 = feed.deal(k1, y, "5000.00", "EUR", "2035-03-31", "2035-02-01T00:00:00Z");
        feed.lost(n2, "NO_DECISION", null, 1, "2035-03-03T00:00:00Z");

        UUID teamK = feed.team("2034-01-01T00:00:00Z", mk);
        reps.forEach(r -> feed.joined(r, teamK, "2034-01-01T00:00:00Z"));
        UUID ka = feed.customer(reps.get(0), "South", "ACTIVE", "2034-01-02T00:00:00Z");
        feed.contact(ka, "DECISION_MAKER", "2034-01-03T00:00:00Z");
        feed.contact(ka, "PURCHASER", "2034-01-03T00:00:00Z");
        feed.activity(ka, reps.get(1), null, "2035-04-01T00:00:00Z");
        kb = feed.customer(reps.get(1), "South", "ACTIVE", "2034-01-02T00:00:00Z");
        feed.contact(kb, "DECISION_MAKER", "2034-01-03T00:00:00Z");
        feed.activity(kb, reps.get(1), null, "2035-04-02T00:00:00Z");
        kc = feed.customer(reps.get(2), "South", "ACTIVE", "2034-01-02T00:00:00Z");
        for (String role : List.of("DECISION_MAKER", "USER", "GATEKEEPER")) {
            feed.contact(kc, role, "2034-01-03T00:00:00Z");
        }
        feed.activity(kc, reps.get(3), null, "2035-01-01T00:00:00Z");
        String[] open = {"100000.00", "50000.00", "30000.00", "15000.00", "5000.00"};
        for (int i = 0; i < 5; i++) {
            feed.deal(ka, reps.get(i), open[i], "EUR", "2035-12-31", "2035-02-01T00:00:00Z");
        }
        wonDeal(feed, ka, reps.get(1), "80000.00", "2035-01-10");
        wonDeal(feed, ka, reps.get(2), "20000.00", "2034-06-01");
        wonDeal(feed, ka, reps.get(0), "50000.00", "2034-04-01");
        feed.awaitApplied();
    }

    private static void wonDeal(Feed feed, UUID customer, UUID rep, String amount, String signed) {
        UUID deal = feed.deal(customer, rep, amount, "EUR", signed, "2034-01-05T00:00:00Z");
        feed.stage(deal, 1, 8, signed + "T00:00:00Z");
        feed.won(deal, amount, "EUR", signed, signed + "T08:00:00Z");
    }

    @BeforeEach
    void now() {
        clock.set("2035-05-01T00:00:00Z");
    }

    private static JsonPath get(String token, String path) {
        return given().auth().oauth2(token).when().get(path).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void impactOfADepartureIncludingAHandoverFollowedByALossToACompetitor() {
        JsonPath d = get(TestTokens.token(manager, "manager"), "/turnover/departures/" + x);
        assertThat(d.getString("departureId")).isEqualTo(departure.toString());
        assertThat(d.getString("effectiveDate")).isEqualTo("2035-03-01");
        assertThat(d.getString("reason")).isEqualTo("Resigned");
        assertThat(d.getInt("accountsAffected")).isEqualTo(2);
        assertThat(d.getInt("openDealsAffected")).isEqualTo(3);
        assertThat(d.getMap("pipelineValueAffected")).isEqualTo(Map.of("EUR", "100000.00", "USD", "25000.00"));
        // lags 3 (k1), 3 (t1), 10 (t2): average 16 / 3 = 5.3, max 10; k2 and t3 still orphaned
        assertThat(d.getMap("handoverLag")).isEqualTo(Map.of("assigned", 3, "averageDays", 5.3f, "maxDays", 10));
        assertThat(d.getInt("orphaned")).isEqualTo(2);
        JsonPath after = JsonPath.from(d.prettify()).setRootPath("afterHandover");
        assertThat(after.getInt("handedOverDeals")).isEqualTo(2);
        assertThat(after.getInt("won")).isEqualTo(1); // t2
        assertThat(after.getInt("lost")).isEqualTo(1); // t1
        assertThat(after.getMap("lostByReason")).isEqualTo(Map.of("LOST_TO_COMPETITOR", 1));
        assertThat(after.getMap("lostToCompetitor")).isEqualTo(Map.of("Rival AG", 1));
        assertThat(after.getInt("stageRegressions")).isEqualTo(1); // t1 4 → 2
        assertThat(after.getFloat("averageDaysToNextActivity")).isEqualTo(5.0f); // t1: 03-04 → 03-09
        assertThat(after.getInt("withoutActivityYet")).isEqualTo(1); // t2
        assertThat(after.getInt("closeDateSlips")).isEqualTo(1);
        assertThat(after.getLong("slipDays")).isEqualTo(62); // 06-30 → 08-31
        List<Map<String, Object>> items = d.getList("items");
        assertThat(items).extracting(i -> i.get("itemId"), i -> i.get("status")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(k1.toString(), "ASSIGNED"),
                org.assertj.core.groups.Tuple.tuple(k2.toString(), "ORPHANED"),
                org.assertj.core.groups.Tuple.tuple(t1.toString(), "ASSIGNED"),
                org.assertj.core.groups.Tuple.tuple(t2.toString(), "ASSIGNED"),
                org.assertj.core.groups.Tuple.tuple(t3.toString(), "ORPHANED"));
        assertThat(items.get(2)).containsEntry("outcome", "LOST").containsEntry("competitor", "Rival AG")
                .containsEntry("daysToNextActivity", 5).containsEntry("slipDays", 62);

        JsonPath list = get(TestTokens.token(manager, "manager"), "/turnover/departures");
        assertThat(list.getList("items.staffId")).containsExactly(x.toString());
        assertThat(list.getList("items[0].items")).isNull(); // the list gives the summary only
        given().auth().oauth2(TestTokens.token(y, "rep")).when().get("/turnover/departures/" + x).then().statusCode(404);
        given().auth().oauth2(TestTokens.token(manager, "manager")).when().get("/turnover/departures/" + y)
                .then().statusCode(404);
    }

    @Test
    void handedOverAgainstNeverHandedOver() {
        JsonPath c = get(TestTokens.token(manager, "manager"), "/turnover/comparison?from=2035-01-01&to=2035-12-31");
        // t1 lost 04-01 (opened 01-10: 81 days, slip 62), t2 won 04-15 (opened 01-15: 90 days, no slip)
        assertThat(c.getMap("handedOver")).isEqualTo(Map.of("deals", 2, "won", 1, "lost", 1, "winRate", 0.5f,
                "averageCycleDays", 85.5f, "averageSlipDays", 31.0f));
        // n1 won 04-20 (opened 01-01: 109 days, slip 30), n2 lost 03-03 (opened 02-01: 30 days)
        assertThat(c.getMap("neverHandedOver")).isEqualTo(Map.of("deals", 2, "won", 1, "lost", 1, "winRate", 0.5f,
                "averageCycleDays", 69.5f, "averageSlipDays", 15.0f));
        given().auth().oauth2(TestTokens.token(manager, "manager")).when()
                .get("/turnover/comparison?from=2035-12-31&to=2035-01-01").then().statusCode(400);
        given().auth().oauth2(TestTokens.token(manager, "manager")).when()
                .get("/turnover/comparison?from=soon").then().statusCode(400);
    }

    @Test
    void keyPersonRisk() {
        JsonPath k = get(TestTokens.token(mk, "manager"), "/turnover/key-person-risk");
        // open EUR 200000 over 5 reps; top 20% = 1 rep: r1 with 100000 → 0.5
        assertThat(k.getMap("openPipeline[0]")).containsEntry("currency", "EUR").containsEntry("reps", 5)
                .containsEntry("topReps", 1).containsEntry("topAmount", "100000.00")
                .containsEntry("totalAmount", "200000.00").containsEntry("share", 0.5f);
        assertThat(k.getList("openPipeline[0].topRepIds")).containsExactly(reps.get(0).toString());
        // won since 2034-05-01: r2 80000, r3 20000 (r1's of 2034-04-01 is older); top 1 of 2: 80000 / 100000
        assertThat(k.getMap("wonLast12Months[0]")).containsEntry("reps", 2).containsEntry("topReps", 1)
                .containsEntry("topAmount", "80000.00").containsEntry("share", 0.8f);
        List<Map<String, Object>> single = k.getList("singleThreadedAccounts");
        assertThat(single).extracting(s -> s.get("customerId"), s -> s.get("reasons")).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(kb.toString(), List.of("ONE_CONTACT", "OWNER_ONLY_ACTIVITY")),
                org.assertj.core.groups.Tuple.tuple(kc.toString(), List.of("OWNER_ONLY_ACTIVITY")));
        assertThat(k.getString("nextCursor")).isNull();
    }

    @Test
    void singleThreadedAccountsComeInPagesByCustomerId() {
        String token = TestTokens.token(mk, "manager");
        List<String> ids = java.util.stream.Stream.of(kb, kc).map(UUID::toString).sorted().toList();
        JsonPath first = get(token, "/turnover/key-person-risk?limit=1");
        assertThat(first.getList("singleThreadedAccounts.customerId")).containsExactly(ids.get(0));
        JsonPath second = get(token, "/turnover/key-person-risk?limit=1&cursor=" + first.getString("nextCursor"));
        assertThat(second.getList("singleThreadedAccounts.customerId")).containsExactly(ids.get(1));
        assertThat(second.getString("nextCursor")).isNull();
        // the concentration figures are the same on every page
        assertThat(second.getMap("openPipeline[0]")).isEqualTo(first.getMap("openPipeline[0]"));
        given().auth().oauth2(token).when().get("/turnover/key-person-risk?limit=0").then().statusCode(400);
        given().auth().oauth2(token).when().get("/turnover/key-person-risk?cursor=%%%").then().statusCode(400);
    }

    /** An executive's figures fold every deal and account of the company a page at a time (pages of 3 in tests). */
    @Test
    void theCompanyWideKeyPersonRiskHoldsTheTeams() {
        JsonPath team = get(TestTokens.token(mk, "manager"), "/turnover/key-person-risk");
        String executive = TestTokens.token(UUID.randomUUID(), "executive");
        JsonPath company = get(executive, "/turnover/key-person-risk?limit=500");
        List<Map<String, Object>> teams = team.getList("singleThreadedAccounts");
        assertThat(teams).hasSize(2);
        List<Map<String, Object>> all = new java.util.ArrayList<>(company.getList("singleThreadedAccounts"));
        for (String cursor = company.getString("nextCursor"); cursor != null; ) {
            JsonPath page = get(executive, "/turnover/key-person-risk?limit=500&cursor=" + cursor);
            all.addAll(page.getList("singleThreadedAccounts"));
            cursor = page.getString("nextCursor");
        }
        assertThat(all).containsAll(teams);
        // every rep with open EUR pipeline in any test of this run; the team's five at least, and r1's 100000 among it
        assertThat(company.getInt("openPipeline.find { it.currency == 'EUR' }.reps")).isGreaterThanOrEqualTo(5);
        assertThat(new java.math.BigDecimal(company.getString("openPipeline.find { it.currency == 'EUR' }.totalAmount")))
                .isGreaterThanOrEqualTo(new java.math.BigDecimal("200000.00"));
    }
}
