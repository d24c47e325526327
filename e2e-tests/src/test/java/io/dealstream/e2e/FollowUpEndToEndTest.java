package io.dealstream.e2e;

import static io.dealstream.e2e.Platform.*;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Over REST only, against `./dealstream up`: a customer and a deal imported with past dates, the deal left alone
 * past its 15-day follow-up window; notification-service, asked to run the rules as of day 16, puts exactly one
 * follow-up reminder about the deal in its owner's inbox, and a second run adds none.
 */
class FollowUpEndToEndTest {

    static final String NOTIFICATIONS = System.getProperty("dealstream.notifications", "http://127.0.0.1:8084");

    final UUID admin = UUID.randomUUID();

    @Test
    void aDealLeftAlonePastItsFollowUpWindowGivesItsOwnerExactlyOneReminder() {
        Map<String, Object> person = new HashMap<>(Map.of("name", "Rita Reminded", "email", "rita.reminded@e2e.example",
                "title", "Account manager", "capabilities", List.of("SALES_REP")));
        UUID owner = UUID.fromString(as(CUSTOMERS, admin, "admin").body(person).post("/staff").then().statusCode(201)
                .extract().path("id"));

        // Day 0 forty days ago: registered and opened; a customer-level follow-up on day 10 keeps the account's own
        // window quiet, so the deal is the only thing overdue on day 16 (and nothing is due at today's scheduler run).
        Instant day0 = Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String customer = as(CUSTOMERS, admin, "admin").body(Map.of("commands", List.of(
                        Map.of("command", "register", "occurredAt", day0.toString(), "name", "Acme Reminders " + UUID.randomUUID(),
                                "industry", "Machinery", "region", "North", "status", "PROSPECT", "ownerId", owner.toString()),
                        Map.of("command", "activity", "occurredAt", day0.plus(10, ChronoUnit.DAYS).toString(), "type", "CALL",
                                "summary", "Budget call about the plant in general"))))
                .post("/import/customers").then().statusCode(201).extract().path("id");
        UUID deal = UUID.randomUUID();
        Map<String, Object> open = new HashMap<>(Map.of("command", "open", "occurredAt", day0.plusSeconds(3600).toString(),
                "customerId", customer, "title", "Press line", "amount", "125000.00", "currency", "EUR",
                "expectedCloseDate", day0.plus(200, ChronoUnit.DAYS).toString().substring(0, 10), "ownerId", owner.toString()));
        // deal-service learns of the customer from customer-events: retry until it knows it.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            int status = as(DEALS, admin, "admin").body(Map.of("dealId", deal.toString(), "commands", List.of(open)))
                    .post("/import/deals").then().extract().statusCode();
            return status == 201 || status == 409;
        });

        Instant day16 = day0.plus(16, ChronoUnit.DAYS);
        // notification-service learns of them from the topics (a freshly started one first reads the topics' backlog);
        // the run is idempotent, so it may be repeated until then.
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            run(day16);
            assertThat(reminders(owner), hasSize(1));
        });
        run(day16);
        run(day16.plus(1, ChronoUnit.HOURS));
        List<Map<String, Object>> reminders = reminders(owner);
        assertThat(reminders, hasSize(1));
        assertThat(reminders.get(0), allOf(hasEntry("subjectType", (Object) "deal"),
                hasEntry("subjectId", (Object) deal.toString()), hasEntry("recipientId", (Object) owner.toString())));
    }

    private void run(Instant at) {
        as(NOTIFICATIONS, admin, "admin").queryParam("at", at.toString()).post("/admin/rules/run").then().statusCode(200);
    }

    private static List<Map<String, Object>> reminders(UUID owner) {
        List<Map<String, Object>> items = as(NOTIFICATIONS, owner, "rep").get("/notifications").then().statusCode(200)
                .extract().jsonPath().getList("items");
        return items.stream().filter(n -> "follow-up".equals(n.get("rule"))).toList();
    }
}
