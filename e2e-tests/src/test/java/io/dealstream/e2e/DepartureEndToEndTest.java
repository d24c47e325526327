package io.dealstream.e2e;

import static io.dealstream.e2e.Platform.*;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Over REST only, against `./dealstream up`: a rep with accounts and open deals departs with a successor; accounts
 * and open deals move, the handover completes with its lag, and the departed person's token is refused everywhere.
 */
class DepartureEndToEndTest {

    final UUID admin = UUID.randomUUID();

    private UUID team(String name, UUID manager, String timeZone) {
        return UUID.fromString(as(CUSTOMERS, admin, "admin").body(Map.of("name", name, "managerId", manager.toString(),
                "timeZone", timeZone)).post("/teams").then().statusCode(201).extract().path("id"));
    }

    private UUID staff(String name, UUID team) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "email",
                name.toLowerCase().replace(' ', '.') + "@e2e.example", "title", "Account manager",
                "capabilities", List.of("SALES_REP")));
        if (team != null) body.put("teamId", team.toString());
        return UUID.fromString(as(CUSTOMERS, admin, "admin").body(body).post("/staff").then().statusCode(201)
                .extract().path("id"));
    }

    @Test
    void aRepDepartsAndNothingIsLeftBehindUnseen() {
        UUID manager = staff("Marta Manager", null);
        UUID team = team("North", manager, "Europe/Berlin");
        UUID leaver = staff("Leo Leaver", team);
        UUID successor = staff("Sam Successor", team);

        String customer = as(CUSTOMERS, leaver, "rep").body(Map.of("name", "Acme Presses " + UUID.randomUUID(),
                "industry", "Machinery", "region", "North")).post("/customers").then().statusCode(201).extract().path("id");
        List<String> deals = List.of(openDeal(leaver, customer), openDeal(leaver, customer));
        // customer-service learns of the open deals from deal-events: what a departure would hand over.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(CUSTOMERS, manager, "manager")
                .get("/staff/" + leaver + "/holdings").then().statusCode(200)
                .body("accounts", contains(customer)).body("deals.dealId", containsInAnyOrder(deals.toArray())));

        String effective = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        String handover = as(CUSTOMERS, manager, "manager").body(Map.of("effectiveDate", effective, "reason", "resigned",
                        "successorId", successor.toString()))
                .post("/staff/" + leaver + "/departure").then().statusCode(201)
                .body("items.findAll { it.itemType == 'DEAL' }", hasSize(2))
                .extract().path("id");

        as(CUSTOMERS, manager, "manager").get("/customers/" + customer).then()
                .body("ownerId", equalTo(successor.toString()))
                .body("ownership[-1].reason", equalTo("OWNER_DEPARTED"));
        for (String deal : deals) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(DEALS, successor, "rep").get("/deals/" + deal)
                    .then().statusCode(200).body("ownerId", equalTo(successor.toString())));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(CUSTOMERS, manager, "manager")
                .get("/handovers/" + handover).then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("orphaned", equalTo(0))
                .body("items.lagDays", everyItem(equalTo(1))));

        as(DEALS, leaver, "rep").get("/deals").then().statusCode(401);
        as(CUSTOMERS, leaver, "rep").get("/customers").then().statusCode(401);
        as(DEALS, successor, "rep").get("/deals/" + deals.get(0) + "/events").then()
                .body("find { it.type == 'deal.owner-reassigned' }.payload.departureId", equalTo(handover));
    }

    @Test
    void withoutASuccessorAManagerSendsOneDealToASpecialistAndTheRestFollowsTheAccount() {
        UUID manager = staff("Mona Manager", null);
        UUID team = team("South", manager, "Europe/Rome");
        UUID leaver = staff("Lia Leaver", team);
        UUID taker = staff("Theo Taker", team);
        UUID specialist = staff("Sofia Specialist", team);
        String customer = as(CUSTOMERS, leaver, "rep").body(Map.of("name", "Borg Cranes " + UUID.randomUUID(),
                "industry", "Machinery", "region", "South")).post("/customers").then().statusCode(201).extract().path("id");
        String special = openDeal(leaver, customer);
        String ordinary = openDeal(leaver, customer);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(CUSTOMERS, manager, "manager")
                .get("/staff/" + leaver + "/holdings").then().statusCode(200).body("deals", hasSize(2)));

        String handover = as(CUSTOMERS, manager, "manager").body(Map.of("effectiveDate",
                        LocalDate.now(ZoneOffset.UTC).toString(), "reason", "retired"))
                .post("/staff/" + leaver + "/departure").then().statusCode(201)
                .body("orphaned", equalTo(3)).extract().path("id");
        as(CUSTOMERS, manager, "manager").body(List.of(Map.of("dealId", special, "newOwnerId", specialist.toString())))
                .post("/handovers/" + handover + "/assignments").then().statusCode(200).body("orphaned", equalTo(2));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(DEALS, specialist, "rep").get("/deals/" + special)
                .then().statusCode(200).body("ownerId", equalTo(specialist.toString())));
        as(CUSTOMERS, manager, "manager").body(List.of(Map.of("customerId", customer, "newOwnerId", taker.toString())))
                .post("/handovers/" + handover + "/assignments").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(DEALS, taker, "rep").get("/deals/" + ordinary)
                .then().statusCode(200).body("ownerId", equalTo(taker.toString())));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(CUSTOMERS, manager, "manager")
                .get("/handovers/" + handover).then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("items.find { it.itemId == '%s' }.newOwnerId".formatted(special), equalTo(specialist.toString()))
                .body("items.find { it.itemId == '%s' }.newOwnerId".formatted(ordinary), equalTo(taker.toString())));
        as(DEALS, specialist, "rep").get("/deals/" + special).then().statusCode(200)
                .body("ownerId", equalTo(specialist.toString()));
    }

    private String openDeal(UUID owner, String customer) {
        return as(DEALS, owner, "rep").body(Map.of("customerId", customer, "title", "Press line", "amount", "125000.00",
                        "currency", "EUR", "expectedCloseDate", "2027-03-31"))
                .post("/deals").then().statusCode(201).extract().path("id");
    }
}
