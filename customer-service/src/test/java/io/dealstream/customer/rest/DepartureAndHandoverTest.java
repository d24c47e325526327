package io.dealstream.customer.rest;

import static io.dealstream.customer.CustomerTestSupport.*;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A departure with a successor moves the accounts at once and lists the open deals until deal-service reports them
 * moved; without a successor, accounts stay orphaned until assigned. The departed person's token is refused.
 */
@QuarkusTest
class DepartureAndHandoverTest {

    @Inject
    Pool pool;

    @Test
    void departureWithSuccessorMovesAccountsAndCompletesWhenTheDealsFollow() {
        UUID manager = staff("Maria Manager", null);
        UUID team = team(manager);
        UUID leaver = staff("Lars Leaver", team);
        UUID successor = staff("Sara Successor", team);
        UUID account1 = customer(leaver, "Acme Presses");
        UUID account2 = customer(leaver, "Borg Cranes");
        UUID deal = UUID.randomUUID();
        dealEvent(deal, 1, "deal.opened", """
                {"dealId":"%s","customerId":"%s","title":"Line","amount":{"amount":"1000","currency":"EUR"},
                 "expectedCloseDate":"2027-01-01","ownerId":"%s","stage":1}""".formatted(deal, account1, leaver));
        awaitDealRef(deal, 1);

        String effective = LocalDate.now(ZoneOffset.UTC).minusDays(2).toString();
        String handover = as(manager, "manager").body(Map.of("effectiveDate", effective, "reason", "resigned",
                        "successorId", successor.toString()))
                .post("/staff/" + leaver + "/departure").then().statusCode(201)
                .body("staffId", equalTo(leaver.toString())).body("status", equalTo("OPEN"))
                .body("items", hasSize(3))
                .body("items.findAll { it.itemType == 'ACCOUNT' }.newOwnerId", everyItem(equalTo(successor.toString())))
                .body("items.findAll { it.itemType == 'ACCOUNT' }.lagDays", everyItem(equalTo(2)))
                .body("items.find { it.itemType == 'DEAL' }.newOwnerId", nullValue())
                .body("orphaned", equalTo(1))
                .extract().path("id");

        as(manager, "manager").get("/customers/" + account1).then().statusCode(200)
                .body("ownerId", equalTo(successor.toString()))
                .body("ownership", hasSize(2))
                .body("ownership[0].staffId", equalTo(leaver.toString()))
                .body("ownership[0].to", notNullValue())
                .body("ownership[1].reason", equalTo("OWNER_DEPARTED"))
                .body("ownership[1].departureId", equalTo(handover));
        as(successor, "rep").get("/customers/" + account2).then().statusCode(200);
        as(manager, "manager").get("/staff/" + leaver).then().body("status", equalTo("DEPARTED"))
                .body("name", equalTo("Lars Leaver"));

        // The departed person can no longer act, nor be given anything.
        as(leaver, "rep").get("/customers/" + account1).then().statusCode(401).body("code", equalTo("staff-departed"));
        as(manager, "manager").body(Map.of("staffId", leaver.toString(), "reason", "back?"))
                .put("/customers/" + account2 + "/owner").then().statusCode(400);

        // deal-service moved the open deal (the account's new owner), naming the departure: the handover completes.
        dealEvent(deal, 2, "deal.owner-reassigned", """
                {"from":"%s","to":"%s","reason":"OWNER_DEPARTED","departureId":"%s"}""".formatted(leaver, successor, handover));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(manager, "manager").get("/handovers/" + handover)
                .then().statusCode(200).body("status", equalTo("COMPLETED")).body("orphaned", equalTo(0))
                .body("items.find { it.itemType == 'DEAL' }.newOwnerId", equalTo(successor.toString()))
                .body("items.find { it.itemType == 'DEAL' }.lagDays", equalTo(2)));

        // A won deal makes its customer ACTIVE.
        dealEvent(deal, 3, "deal.won", """
                {"signedAt":"2026-11-20","amount":{"amount":"1000","currency":"EUR"}}""");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(manager, "manager").get("/customers/" + account1)
                .then().body("status", equalTo("ACTIVE")));
    }

    @Test
    void withoutASuccessorAccountsStayOrphanedUntilAssigned() {
        UUID manager = staff("Mo Manager", null);
        UUID team = team(manager);
        UUID leaver = staff("Lena Leaver", team);
        UUID taker = staff("Tom Taker", team);
        UUID account = customer(leaver, "Cyclone Mills");
        String handover = as(manager, "manager").body(Map.of("effectiveDate", LocalDate.now(ZoneOffset.UTC).toString(),
                        "reason", "retired"))
                .post("/staff/" + leaver + "/departure").then().statusCode(201)
                .body("items", hasSize(1)).body("orphaned", equalTo(1)).extract().path("id");
        as(manager, "manager").get("/handovers?status=OPEN&limit=500").then().statusCode(200)
                .body("items.id", hasItem(handover));
        // A manager of another team sees neither the handover nor what its staff hold.
        UUID otherManager = staff("Olli Othermanager", null);
        team(otherManager);
        as(otherManager, "manager").get("/handovers?status=OPEN&limit=500").then().statusCode(200)
                .body("items.id", not(hasItem(handover)));
        as(otherManager, "manager").get("/handovers/" + handover).then().statusCode(403);
        as(otherManager, "manager").get("/staff/" + taker + "/holdings").then().statusCode(403);
        as(otherManager, "manager").get("/staff/" + otherManager + "/holdings").then().statusCode(200);
        as(manager, "manager").get("/staff/" + taker + "/holdings").then().statusCode(200);
        as(ADMIN, "auditor").get("/handovers/" + handover).then().statusCode(200);
        as(manager, "manager").get("/customers/" + account).then().body("ownerId", equalTo(leaver.toString()));
        as(manager, "manager").body(List.of(Map.of("customerId", account.toString(), "newOwnerId", leaver.toString())))
                .post("/handovers/" + handover + "/assignments").then().statusCode(400);
        as(manager, "manager").body(List.of(Map.of("customerId", account.toString(), "newOwnerId", taker.toString())))
                .post("/handovers/" + handover + "/assignments").then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("items[0].newOwnerId", equalTo(taker.toString()))
                .body("items[0].lagDays", equalTo(0));
        as(taker, "rep").get("/customers/" + account).then().statusCode(200).body("ownerId", equalTo(taker.toString()));
    }

    @Test
    void aManagerGivesOneDealItsOwnNewOwnerAndLateOrClosedDealsAreAccountedFor() {
        UUID manager = staff("Mia Manager", null);
        UUID team = team(manager);
        UUID leaver = staff("Leo Leaver", team);
        UUID successor = staff("Sven Successor", team);
        UUID specialist = staff("Sue Specialist", team);
        UUID account = customer(leaver, "Delta Drives");
        UUID kept = UUID.randomUUID();
        UUID lost = UUID.randomUUID();
        for (UUID deal : List.of(kept, lost)) {
            dealEvent(deal, 1, "deal.opened", opened(deal, account, leaver));
            awaitDealRef(deal, 1);
        }
        String handover = as(manager, "manager").body(Map.of("effectiveDate", LocalDate.now(ZoneOffset.UTC).toString(),
                        "reason", "moved abroad"))
                .post("/staff/" + leaver + "/departure").then().statusCode(201)
                .body("items", hasSize(3)).body("orphaned", equalTo(3)).extract().path("id");

        // Per-deal override: one deal to the specialist, recorded in the handover (deal-service carries it out).
        as(manager, "manager").body(List.of(Map.of("dealId", kept.toString(), "newOwnerId", specialist.toString())))
                .post("/handovers/" + handover + "/assignments").then().statusCode(200)
                .body("items.find { it.itemId == '%s' }.newOwnerId".formatted(kept), equalTo(specialist.toString()))
                .body("orphaned", equalTo(2));
        // Either an account or a deal per entry; a deal not in the handover is refused.
        as(manager, "manager").body(List.of(Map.of("customerId", account.toString(), "dealId", lost.toString(),
                        "newOwnerId", successor.toString())))
                .post("/handovers/" + handover + "/assignments").then().statusCode(400);
        as(manager, "manager").body(List.of(Map.of("dealId", UUID.randomUUID().toString(), "newOwnerId", successor.toString())))
                .post("/handovers/" + handover + "/assignments").then().statusCode(400)
                .body("errors[0].field", equalTo("[0].dealId"));

        // A deal customer-service learns of only now is added to the handover, orphaned.
        UUID late = UUID.randomUUID();
        dealEvent(late, 1, "deal.opened", opened(late, account, leaver));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(manager, "manager").get("/handovers/" + handover)
                .then().body("items.itemId", hasItem(late.toString())).body("orphaned", equalTo(3)));

        // A deal lost while orphaned needs no owner any more; the account and the late deal go to the successor.
        dealEvent(lost, 2, "deal.lost", """
                {"reason":"LOST_TO_COMPETITOR","competitor":"Rival AG","note":null,"stage":1}""");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(manager, "manager").get("/handovers/" + handover)
                .then().body("items.find { it.itemId == '%s' }.closedAs".formatted(lost), equalTo("LOST"))
                .body("orphaned", equalTo(2)));
        as(manager, "manager").body(List.of(Map.of("dealId", lost.toString(), "newOwnerId", successor.toString())))
                .post("/handovers/" + handover + "/assignments").then().statusCode(409).body("code", equalTo("deal-closed"));
        as(manager, "manager").body(List.of(Map.of("customerId", account.toString(), "newOwnerId", successor.toString()),
                        Map.of("dealId", late.toString(), "newOwnerId", successor.toString())))
                .post("/handovers/" + handover + "/assignments").then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("orphaned", equalTo(0));
        // Redelivered deal events change nothing. A later event of each deal (same key, same partition) marks that
        // the redelivery was consumed: the move deal-service reports, and a reopening (the item stays as it is).
        dealEvent(late, 1, "deal.opened", opened(late, account, leaver));
        dealEvent(lost, 2, "deal.lost", """
                {"reason":"LOST_TO_COMPETITOR","competitor":"Rival AG","note":null,"stage":1}""");
        dealEvent(late, 2, "deal.owner-reassigned", """
                {"from":"%s","to":"%s","reason":"OWNER_DEPARTED","departureId":"%s"}""".formatted(leaver, successor, handover));
        dealEvent(lost, 3, "deal.reopened", "{\"stage\":1}");
        awaitDealRef(late, 2);
        awaitDealRef(lost, 3);
        as(manager, "manager").get("/handovers/" + handover).then().body("status", equalTo("COMPLETED"))
                .body("items", hasSize(4)).body("version", equalTo(7));
    }

    private static String opened(UUID deal, UUID customer, UUID owner) {
        return """
                {"dealId":"%s","customerId":"%s","title":"Drive retrofit","amount":{"amount":"5000","currency":"EUR"},
                 "expectedCloseDate":"2027-03-01","ownerId":"%s","stage":1}""".formatted(deal, customer, owner);
    }

    @Test
    void anAdminMovesStaffBetweenTeamsAndChangesCapabilities() {
        UUID manager = staff("Nina Manager", null);
        UUID team = team(manager);
        UUID person = staff("Paul Presales", null);
        as(ADMIN, "admin").body(Map.of("teamId", team.toString(), "capabilities", List.of("PRESALES_ENGINEER")))
                .patch("/staff/" + person).then().statusCode(200)
                .body("teamId", equalTo(team.toString())).body("capabilities", contains("PRESALES_ENGINEER"));
        as(manager, "manager").body(Map.of("capabilities", List.of("SALES_REP"))).patch("/staff/" + person)
                .then().statusCode(403);
        as(ADMIN, "admin").body(Map.of("teamId", UUID.randomUUID().toString())).patch("/staff/" + person)
                .then().statusCode(400);
        as(ADMIN, "admin").body(Map.of("capabilities", List.of("JUGGLER"))).patch("/staff/" + person)
                .then().statusCode(400);
    }

    @Test
    void aRepListsTheAccountsTheyAreOnTheTeamOf() {
        UUID owner = staff("Olga Owner", null);
        UUID helper = staff("Hugo Helper", null);
        UUID account = customer(owner, "Gamma Gears");
        as(helper, "rep").get("/customers?limit=500").then().statusCode(200).body("items.id", not(hasItem(account.toString())));
        as(owner, "rep").body(Map.of("staffId", helper.toString(), "role", "PRESALES_ENGINEER"))
                .post("/customers/" + account + "/team").then().statusCode(200);
        as(helper, "rep").get("/customers?limit=500").then().statusCode(200).body("items.id", hasItem(account.toString()));
        as(owner, "rep").delete("/customers/" + account + "/team/" + helper).then().statusCode(200);
        as(helper, "rep").get("/customers?limit=500").then().statusCode(200).body("items.id", not(hasItem(account.toString())));
    }

    private void awaitDealRef(UUID deal, long version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> pool
                .preparedQuery("SELECT 1 FROM deal_ref WHERE id = $1 AND version >= $2")
                .executeAndAwait(Tuple.of(deal, version)).size() == 1);
    }
}
