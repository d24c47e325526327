package io.dealstream.deal.eventstore;

import static io.dealstream.deal.DealTestSupport.*;
import static org.hamcrest.Matchers.*;

import io.dealstream.deal.DirectoryEvents;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** State as of a past instant, and a historical import that goes through the same rules. */
@QuarkusTest
class TimeTravelAndImportTest {

    final UUID admin = UUID.randomUUID();
    final UUID owner = UUID.randomUUID();

    private Map<String, Object> step(String command, String at, Object... fields) {
        Map<String, Object> step = new java.util.HashMap<>(Map.of("command", command, "occurredAt", at, "actor", owner.toString()));
        for (int i = 0; i < fields.length; i += 2) {
            step.put((String) fields[i], fields[i + 1]);
        }
        return step;
    }

    @Test
    void importedHistoryKeepsItsDatesAndAnswersAsOf() {
        String customer = DirectoryEvents.customer(owner).toString();
        List<Map<String, Object>> commands = List.of(
                step("open", "2024-01-10T09:00:00Z", "customerId", customer, "title", "Crane retrofit",
                        "amount", "80000", "currency", "EUR", "expectedCloseDate", "2024-06-30", "ownerId", owner.toString()),
                step("milestone", "2024-01-15T09:00:00Z", "milestone", "customer-profile-recorded"),
                step("milestone", "2024-01-20T09:00:00Z", "milestone", "first-meeting-booked"),
                step("stage", "2024-02-01T09:00:00Z", "to", 2),
                step("edit", "2024-03-01T09:00:00Z", "amount", "95000", "currency", "EUR"),
                step("lose", "2024-05-01T09:00:00Z", "reason", "NO_BUDGET"));
        String id = as(admin, "admin").body(Map.of("commands", commands)).post("/import/deals").then().statusCode(201)
                .body("status", equalTo("LOST")).body("openedAt", equalTo("2024-01-10T09:00:00Z"))
                .extract().path("id");

        as(admin, "admin").get("/deals/" + id + "?asOf=2024-01-25T00:00:00Z").then().statusCode(200)
                .body("stage", equalTo(1)).body("amount", equalTo("80000")).body("status", equalTo("OPEN"))
                .header("ETag", "\"3\"");
        as(admin, "admin").get("/deals/" + id + "?asOf=2024-03-15").then().statusCode(200)
                .body("stage", equalTo(2)).body("amount", equalTo("95000"));
        as(admin, "admin").get("/deals/" + id + "?asOf=2023-12-31T00:00:00Z").then().statusCode(404);
        as(admin, "admin").get("/deals/" + id + "/events").then()
                .body("occurredAt", hasItems("2024-01-10T09:00:00Z", "2024-05-01T09:00:00Z"))
                .body("actor", everyItem(equalTo(owner.toString())));
    }

    @Test
    void anImportBreakingARuleIsRefusedWhole() {
        String customer = DirectoryEvents.customer(owner).toString();
        String dealId = UUID.randomUUID().toString();
        List<Map<String, Object>> commands = List.of(
                step("open", "2024-01-10T09:00:00Z", "customerId", customer, "title", "Conveyor",
                        "amount", "1000", "currency", "EUR", "expectedCloseDate", "2024-06-30", "ownerId", owner.toString()),
                step("stage", "2024-02-01T09:00:00Z", "to", 2));
        as(admin, "admin").body(Map.of("dealId", dealId, "commands", commands)).post("/import/deals").then()
                .statusCode(409).body("code", equalTo("stage-gate-unmet")).body("detail", startsWith("commands[1]"));
        as(admin, "admin").get("/deals/" + dealId).then().statusCode(404);
        // Out of time order is refused too.
        List<Map<String, Object>> backwards = List.of(
                step("open", "2024-01-10T09:00:00Z", "customerId", customer, "title", "Conveyor",
                        "amount", "1000", "currency", "EUR", "expectedCloseDate", "2024-06-30", "ownerId", owner.toString()),
                step("milestone", "2023-01-01T09:00:00Z", "milestone", "customer-profile-recorded"));
        as(admin, "admin").body(Map.of("dealId", dealId, "commands", backwards)).post("/import/deals").then()
                .statusCode(400).body("errors.field", hasItem("occurredAt"));
        as(owner, "rep").body(Map.of("commands", commands)).post("/import/deals").then().statusCode(403);
    }

    @Test
    void liveStateAsOfBeforeALaterChange() throws Exception {
        String id = open(owner, "1000", "EUR", "2027-06-30");
        String before = java.time.Instant.now().toString();
        milestone(owner, id, "customer-profile-recorded").then().statusCode(200);
        as(owner, "rep").get("/deals/" + id + "?asOf=" + before).then().statusCode(200)
                .body("milestones.findAll { it.completed }", hasSize(0));
        as(owner, "rep").get("/deals/" + id).then().body("milestones.findAll { it.completed }", hasSize(1));
    }
}
