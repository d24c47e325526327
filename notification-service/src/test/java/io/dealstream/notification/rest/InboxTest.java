package io.dealstream.notification.rest;

import static io.dealstream.notification.Api.ADMIN;
import static io.dealstream.notification.Api.as;
import static io.dealstream.notification.Api.awaitState;
import static io.dealstream.notification.Api.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.mongodb.client.MongoClient;
import io.dealstream.notification.Events;
import io.dealstream.notification.state.Collections;
import io.dealstream.support.security.Roles;
import io.dealstream.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The inbox over REST: own notifications only, paging, the unread filter, marking read; problem+json for bad input;
 * the admin-only run refused to every other role and to no token. (Era: 2022.)
 */
@QuarkusTest
class InboxTest {

    @Inject
    MongoClient mongo;

    final Events events = new Events();

    /** Three customers of one owner, unfollowed since 2022-01-10: three reminders at day 15. */
    private List<UUID> threeReminders(UUID owner) {
        List<UUID> customers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID c = UUID.randomUUID();
            events.customer(c, Instant.parse("2022-01-10T10:00:00Z"), owner, "ACTIVE");
            customers.add(c);
        }
        customers.forEach(c -> awaitState(mongo, Collections.CUSTOMERS, c, 1));
        run(Instant.parse("2022-01-25T10:00:00Z"));
        return customers;
    }

    @Test
    void pagesUnreadFilterAndMarkRead() {
        UUID owner = UUID.randomUUID();
        List<UUID> customers = threeReminders(owner);

        var first = as(owner, Roles.REP).queryParam("limit", 2).get("/notifications").then().statusCode(200)
                .body("items", hasSize(2)).body("nextCursor", notNullValue()).extract().jsonPath();
        String cursor = first.getString("nextCursor");
        var second = as(owner, Roles.REP).queryParam("limit", 2).queryParam("cursor", cursor).get("/notifications")
                .then().statusCode(200).body("items", hasSize(1)).body("nextCursor", nullValue()).extract().jsonPath();
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("dealstream_notifications_created_total{rule=\"follow-up\"}"));
        List<String> subjects = new ArrayList<>(first.getList("items.subjectId", String.class));
        subjects.addAll(second.getList("items.subjectId", String.class));
        assertThat(subjects).containsExactlyInAnyOrderElementsOf(customers.stream().map(UUID::toString).toList());

        String id = first.getString("items[0].id");
        as(owner, Roles.REP).post("/notifications/" + id + "/read").then().statusCode(200)
                .body("read", equalTo(true)).body("readAt", notNullValue());
        as(owner, Roles.REP).post("/notifications/" + id + "/read").then().statusCode(200).body("read", equalTo(true));
        as(owner, Roles.REP).queryParam("unread", "true").get("/notifications").then().statusCode(200)
                .body("items", hasSize(2));
        as(owner, Roles.REP).queryParam("unread", "false").get("/notifications").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(id));

        // Someone else's notification does not exist for the caller, whatever their role.
        UUID other = UUID.randomUUID();
        as(other, Roles.ADMIN).post("/notifications/" + id + "/read").then().statusCode(404)
                .contentType("application/problem+json");
        as(other, Roles.MANAGER).get("/notifications").then().statusCode(200).body("items", hasSize(0));
        as(owner, Roles.REP).queryParam("unread", "true").get("/notifications").then().body("items", hasSize(2));
    }

    @Test
    void badInputIsAProblemNeverA500() {
        UUID me = UUID.randomUUID();
        as(me, Roles.REP).queryParam("unread", "maybe").get("/notifications").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("unread"));
        as(me, Roles.REP).queryParam("limit", "0").get("/notifications").then().statusCode(400);
        as(me, Roles.REP).queryParam("cursor", "!!!").get("/notifications").then().statusCode(400);
        as(me, Roles.REP).post("/notifications/not-a-uuid/read").then().statusCode(404);
        as(me, Roles.REP).post("/notifications/" + UUID.randomUUID() + "/read").then().statusCode(404);
        as(ADMIN, Roles.ADMIN).queryParam("at", "yesterday").post("/admin/rules/run").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("at"));
        as(me, Roles.MANAGER).get("/reviews/weekly?week=2027-W99").then().statusCode(400);
        as(me, Roles.MANAGER).get("/reviews/weekly?week=last").then().statusCode(400);
        as(me, Roles.MANAGER).get("/reviews/weekly").then().statusCode(400);
        as(me, Roles.MANAGER).get("/reviews/weekly?week=2027-W03&managerId=nobody").then().statusCode(400);
        as(me, Roles.MANAGER).get("/reviews/weekly?week=2027-W03").then().statusCode(404)
                .contentType("application/problem+json");
        // A token whose subject is not a staff id owns no inbox.
        given().header("Authorization", "Bearer " + TestTokens.token("svc-bi", Roles.BI)).get("/notifications")
                .then().statusCode(403);
    }

    @Test
    void onlyAdminsRunTheRules() {
        for (String role : List.of(Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.AUDITOR, Roles.BI)) {
            as(UUID.randomUUID(), role).queryParam("at", "2022-02-01T00:00:00Z").post("/admin/rules/run").then()
                    .statusCode(403).contentType("application/problem+json");
        }
        given().queryParam("at", "2022-02-01T00:00:00Z").post("/admin/rules/run").then().statusCode(401);
        given().header("Authorization", "Bearer " + TestTokens.forged(UUID.randomUUID().toString(), Roles.ADMIN))
                .post("/admin/rules/run").then().statusCode(401);
        as(UUID.randomUUID(), Roles.ADMIN).queryParam("at", "2022-02-01T00:00:00Z").post("/admin/rules/run").then()
                .statusCode(200).body("at", equalTo("2022-02-01T00:00:00Z"));
        given().get("/notifications").then().statusCode(401);
        given().get("/notifications/stream").then().statusCode(401);
        given().get("/rules").then().statusCode(401);
    }

    @Test
    void rulesInForceShowThresholdsTimesAndChannels() {
        as(UUID.randomUUID(), Roles.REP).get("/rules").then().statusCode(200)
                .body("thresholds.followUpDays", equalTo(15)).body("thresholds.escalationDays", equalTo(20))
                .body("thresholds.stalledDays", equalTo(30)).body("weeklyReview.day", equalTo("MONDAY"))
                .body("weeklyReview.localTime", equalTo("08:00")).body("weeklyReview.lookbackDays", equalTo(7))
                .body("stageRoles.'7'", equalTo(List.of("COMMERCIAL", "FINANCE", "LEGAL")))
                .body("channels.inbox", equalTo(true)).body("channels.email", equalTo(true))
                .body("channels.stream", equalTo(true));
    }
}
