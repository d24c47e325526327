package io.dealstream.deal.rest;

import static io.dealstream.deal.DealTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

import io.dealstream.deal.DirectoryEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Lists with filters and cursor paging; who sees what (invisible is 404); who may write. */
@QuarkusTest
class DealListAndVisibilityTest {

    @Inject
    Pool pool;

    @Test
    void repSeesOwnAndStageRoleDealsOnlyOthersAre404() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        String alicesDeal = open(alice, "1000", "EUR", "2027-06-30");
        String bobsDeal = open(bob, "2000", "EUR", "2027-06-30");
        as(bob, "rep").get("/deals/" + alicesDeal).then().statusCode(404).contentType("application/problem+json");
        as(bob, "rep").post("/deals/" + alicesDeal + "/milestones/first-meeting-booked").then().statusCode(404);
        as(bob, "rep").get("/deals").then().statusCode(200).body("items.id", hasItem(bobsDeal))
                .body("items.id", not(hasItem(alicesDeal)));
        // Holding a stage role makes the deal visible.
        role(alice, alicesDeal, "PRESALES_ENGINEER", bob).then().statusCode(200);
        as(bob, "rep").get("/deals/" + alicesDeal).then().statusCode(200);
        as(bob, "rep").get("/deals").then().body("items.id", hasItems(alicesDeal, bobsDeal));
        // A rep cannot open a deal for someone else.
        as(bob, "rep").body(Map.of("customerId", UUID.randomUUID().toString(), "title", "x", "amount", "1",
                "currency", "EUR", "expectedCloseDate", "2027-01-01", "ownerId", alice.toString()))
                .post("/deals").then().statusCode(403);
    }

    @Test
    void auditorAndBiReadEverythingAndWriteNothing() {
        UUID alice = UUID.randomUUID();
        String id = open(alice, "1000", "EUR", "2027-06-30");
        for (String role : List.of("auditor", "bi")) {
            UUID reader = UUID.randomUUID();
            as(reader, role).get("/deals/" + id).then().statusCode(200);
            as(reader, role).get("/deals/" + id + "/events").then().statusCode(200);
            as(reader, role).post("/deals/" + id + "/milestones/first-meeting-booked").then().statusCode(403);
            as(reader, role).body(Map.of("customerId", UUID.randomUUID().toString(), "title", "x", "amount", "1",
                    "currency", "EUR", "expectedCloseDate", "2027-01-01")).post("/deals").then().statusCode(403);
        }
        as(UUID.randomUUID(), "auditor").get("/audit/verify").then().statusCode(200);
        as(UUID.randomUUID(), "rep").get("/audit/verify").then().statusCode(403);
        // A manager sees only the deals of their team.
        as(UUID.randomUUID(), "manager").get("/deals/" + id).then().statusCode(404);
        UUID alicesManager = UUID.randomUUID();
        DirectoryEvents.team(pool, alicesManager, alice);
        as(alicesManager, "manager").get("/deals/" + id).then().statusCode(200);
        as(alicesManager, "manager").get("/deals").then().body("items.id", hasItem(id));
    }

    @Test
    void filtersAndCursorPagingWalkEveryDealOnce() {
        UUID owner = UUID.randomUUID();
        UUID manager = UUID.randomUUID();
        DirectoryEvents.team(pool, manager, owner);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(open(owner, Integer.toString(1000 + i), "EUR", "2027-0" + (1 + i % 3) + "-15"));
        }
        advanceTo(owner, ids.get(0), 2);
        as(manager, "manager").get("/deals?ownerId=" + owner + "&stage=2").then().statusCode(200)
                .body("items.id", contains(ids.get(0)));
        as(manager, "manager").get("/deals?ownerId=" + owner + "&closeFrom=2027-02-01&closeTo=2027-02-28")
                .then().body("items", hasSize(2));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = as(manager, "manager").queryParam("ownerId", owner.toString()).queryParam("limit", 3)
                    .queryParam("cursor", cursor == null ? "" : cursor).get("/deals").then().statusCode(200).extract();
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(reverse(ids));
    }

    private static List<String> reverse(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
