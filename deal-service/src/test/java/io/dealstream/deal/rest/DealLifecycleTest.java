package io.dealstream.deal.rest;

import static io.dealstream.deal.DealTestSupport.*;
import static org.hamcrest.Matchers.*;

import io.dealstream.deal.DirectoryEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The deal process over REST against the real event store: gates, overrides, outcomes, ETags, history. */
@QuarkusTest
class DealLifecycleTest {

    final UUID rep = UUID.randomUUID();
    final UUID manager = UUID.randomUUID();

    @Inject
    Pool pool;

    @BeforeEach
    void repIsOnTheManagersTeam() {
        DirectoryEvents.team(pool, manager, rep);
    }

    @Test
    void openedDealStartsInStageOneWithETagAndLocation() {
        var response = as(rep, "rep").body(Map.of("customerId", DirectoryEvents.customer(rep).toString(), "title", "Hydraulic press",
                        "amount", "125000.50", "currency", "EUR", "expectedCloseDate", "2027-03-31"))
                .post("/deals").then().statusCode(201)
                .header("ETag", "\"1\"")
                .header("Location", containsString("/deals/"))
                .body("stage", equalTo(1)).body("status", equalTo("OPEN"))
                .body("amount", equalTo("125000.50")).body("currency", equalTo("EUR"))
                .body("ownerId", equalTo(rep.toString()))
                .body("probability", equalTo(0.05f)).body("forecastCategory", equalTo("PIPELINE"))
                .body("milestones.key", contains("customer-profile-recorded", "first-meeting-booked"))
                .extract();
        String id = response.path("id");
        as(rep, "rep").get("/deals/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("title", equalTo("Hydraulic press"));
    }

    @Test
    void gateRefusesUntilMilestonesAndRolesAreDoneThenMoves() {
        String id = open(rep, "1000", "EUR", "2027-06-30");
        stage(rep, id, 2).then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("stage-gate-unmet"))
                .body("errors.message", hasItems(containsString("customer-profile-recorded"),
                        containsString("first-meeting-booked")));
        advanceTo(rep, id, 4);
        // Stage 4 needs its PRESALES_ENGINEER assigned, besides the demo.
        milestone(rep, id, "demo-held").then().statusCode(200);
        stage(rep, id, 5).then().statusCode(409).body("errors.message", hasItem(containsString("PRESALES_ENGINEER")));
        role(rep, id, "PRESALES_ENGINEER", UUID.randomUUID()).then().statusCode(200);
        stage(rep, id, 5).then().statusCode(200).body("stage", equalTo(5)).body("forecastCategory", equalTo("BEST_CASE"));
    }

    @Test
    void onlyAManagerOverridesAGateAndTheOverrideIsHistory() {
        String id = open(rep, "1000", "EUR", "2027-06-30");
        as(rep, "rep").body(Map.of("to", 3, "override", true, "reason", "customer in a hurry"))
                .post("/deals/" + id + "/stage").then().statusCode(403);
        as(manager, "manager").body(Map.of("to", 3, "override", true))
                .post("/deals/" + id + "/stage").then().statusCode(400).body("errors.field", hasItem("reason"));
        as(manager, "manager").body(Map.of("to", 3, "override", true, "reason", "customer in a hurry"))
                .post("/deals/" + id + "/stage").then().statusCode(200).body("stage", equalTo(3));
        as(manager, "manager").get("/deals/" + id + "/events").then().statusCode(200)
                .body("type", contains("deal.opened", "deal.stage-changed"))
                .body("[1].payload.override", equalTo(true))
                .body("[1].payload.reason", equalTo("customer in a hurry"))
                .body("[1].actor", equalTo(manager.toString()))
                .body("[1].cloudEventType", equalTo("io.dealstream.deal.stage-changed.v1"));
    }

    @Test
    void movingBackNeedsAReason() {
        String id = open(rep, "1000", "EUR", "2027-06-30");
        advanceTo(rep, id, 3);
        stage(rep, id, 2).then().statusCode(400).body("errors.field", hasItem("reason"));
        as(rep, "rep").body(Map.of("to", 1, "reason", "new decision maker")).post("/deals/" + id + "/stage")
                .then().statusCode(200).body("stage", equalTo(1));
    }

    @Test
    void winOnlyInStageEightThenHandOver() {
        String id = open(rep, "250000", "USD", "2027-06-30");
        as(rep, "rep").post("/deals/" + id + "/win").then().statusCode(409).body("code", equalTo("win-only-in-last-stage"));
        advanceTo(rep, id, 8);
        // The EXECUTIVE that stage 8 needs was assigned in stage 6: a stage role is held for the whole deal.
        as(rep, "rep").body(Map.of("signedAt", "2026-11-20")).post("/deals/" + id + "/win").then().statusCode(200)
                .body("status", equalTo("WON")).body("signedAt", equalTo("2026-11-20"))
                .body("forecastCategory", equalTo("CLOSED"));
        as(rep, "rep").post("/deals/" + id + "/handover").then().statusCode(409).body("code", equalTo("stage-gate-unmet"));
        role(rep, id, "IMPLEMENTATION", UUID.randomUUID()).then().statusCode(200);
        as(rep, "rep").post("/deals/" + id + "/handover").then().statusCode(200).body("handedOver", equalTo(true));
        stage(rep, id, 7).then().statusCode(409).body("code", equalTo("deal-closed"));
    }

    @Test
    void loseNeedsAReasonAndReopenReturnsToTheStage() {
        String id = open(rep, "1000", "EUR", "2027-06-30");
        advanceTo(rep, id, 3);
        as(rep, "rep").body(Map.of("reason", "LOST_TO_COMPETITOR")).post("/deals/" + id + "/lose")
                .then().statusCode(400).body("errors.field", hasItem("competitor"));
        as(rep, "rep").body(Map.of("reason", "WHATEVER")).post("/deals/" + id + "/lose")
                .then().statusCode(400).body("errors.field", hasItem("reason"));
        as(rep, "rep").body(Map.of("reason", "LOST_TO_COMPETITOR", "competitor", "Acme Presses"))
                .post("/deals/" + id + "/lose").then().statusCode(200)
                .body("status", equalTo("LOST")).body("lost.competitor", equalTo("Acme Presses")).body("lost.stage", equalTo(3));
        as(rep, "rep").post("/deals/" + id + "/reopen").then().statusCode(200)
                .body("status", equalTo("OPEN")).body("stage", equalTo(3));
    }

    @Test
    void buyerStageFlagsMisalignment() {
        String id = open(rep, "1000", "EUR", "2027-06-30");
        advanceTo(rep, id, 4);
        as(rep, "rep").body(Map.of("stage", 1)).put("/deals/" + id + "/buyer-stage").then().statusCode(200)
                .body("buyerStage", equalTo(1)).body("misaligned", equalTo(true));
        as(rep, "rep").body(Map.of("stage", 2)).put("/deals/" + id + "/buyer-stage").then().statusCode(200)
                .body("misaligned", equalTo(false));
        as(rep, "rep").get("/deals/" + id + "/events").then()
                .body("type", hasItems("deal.misaligned", "deal.realigned"));
    }

    @Test
    void editsReassignmentAndReviewsAreEvents() {
        String id = open(rep, "1000", "EUR", "2027-06-30");
        as(rep, "rep").body(Map.of("amount", "1500.00", "currency", "CHF", "expectedCloseDate", "2027-07-31",
                "nextStep", "send quote")).patch("/deals/" + id).then().statusCode(200)
                .body("amount", equalTo("1500.00")).body("currency", equalTo("CHF"))
                .body("expectedCloseDate", equalTo("2027-07-31")).body("nextStep", equalTo("send quote"));
        as(rep, "rep").body(Map.of("notes", "looks fine")).post("/deals/" + id + "/reviews").then().statusCode(403);
        as(manager, "manager").body(Map.of("notes", "looks fine")).post("/deals/" + id + "/reviews").then().statusCode(200)
                .body("lastReviewedAt", notNullValue());
        UUID other = UUID.randomUUID();
        DirectoryEvents.team(pool, manager, other); // the manager's second team
        as(manager, "manager").body(Map.of("staffId", other.toString(), "reason", "territory change"))
                .put("/deals/" + id + "/owner").then().statusCode(200).body("ownerId", equalTo(other.toString()));
        as(manager, "manager").get("/deals/" + id + "/events").then().statusCode(200)
                .body("type", contains("deal.opened", "deal.amount-changed", "deal.expected-close-date-changed",
                        "deal.next-step-changed", "deal.reviewed", "deal.owner-reassigned"))
                .body("version", contains(1, 2, 3, 4, 5, 6));
        // The former owner no longer sees it.
        as(rep, "rep").get("/deals/" + id).then().statusCode(404);
    }

    @Test
    void staleIfMatchIsRefusedWith412AndChangesNothing() {
        String id = open(rep, "1000", "EUR", "2027-06-30");
        as(rep, "rep").header("If-Match", "\"1\"").post("/deals/" + id + "/milestones/customer-profile-recorded")
                .then().statusCode(200).header("ETag", "\"2\"");
        as(rep, "rep").header("If-Match", "\"1\"").post("/deals/" + id + "/milestones/first-meeting-booked")
                .then().statusCode(412).contentType("application/problem+json");
        as(rep, "rep").get("/deals/" + id).then().header("ETag", "\"2\"")
                .body("milestones.findAll { it.completed }.key", equalTo(List.of("customer-profile-recorded")));
    }
}
