package io.dealstream.notification.rules;

import static io.dealstream.notification.Api.as;
import static io.dealstream.notification.Api.awaitState;
import static io.dealstream.notification.Api.inbox;
import static io.dealstream.notification.Api.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.mongodb.client.MongoClient;
import io.dealstream.notification.Events;
import io.dealstream.notification.state.Collections;
import io.dealstream.support.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The weekly funnel review fires at Monday 08:00 local time of each team, for two teams five zones apart, not an hour
 * early and once per week; the manager reads it at {@code GET /reviews/weekly}. (Era: January 2025; teams created
 * the Wednesday before, so no earlier week is due.)
 */
@QuarkusTest
class WeeklyReviewScenarioTest {

    @Inject
    MongoClient mongo;

    final Events events = new Events();

    /** The weekly reviews in a manager's inbox, as their periods (ISO weeks). */
    private static List<String> reviews(UUID manager) {
        return inbox(manager).stream().filter(n -> "weekly-review".equals(n.get("rule")))
                .map(n -> (String) n.get("period")).sorted().toList();
    }

    @Test
    void firesAt0800LocalForTeamsInDifferentZonesOncePerWeek() {
        Instant created = Instant.parse("2025-01-08T12:00:00Z"); // a Wednesday
        UUID vienna = UUID.randomUUID();
        UUID newYork = UUID.randomUUID();
        UUID viennaManager = UUID.randomUUID();
        UUID newYorkManager = UUID.randomUUID();
        UUID rep = UUID.randomUUID();
        events.team(vienna, created, viennaManager, "Europe/Vienna");
        events.team(newYork, created, newYorkManager, "America/New_York");
        events.staff(viennaManager, created, vienna, "SALES_MANAGER");
        events.staff(newYorkManager, created, newYork, "SALES_MANAGER");
        events.staff(rep, created, vienna, "SALES_REP");
        UUID customer = UUID.randomUUID();
        UUID deal = UUID.randomUUID();
        events.customer(customer, Instant.parse("2025-01-09T09:00:00Z"), rep, "PROSPECT");
        events.dealOpened(deal, Instant.parse("2025-01-09T10:00:00Z"), customer, rep, "Packaging line");
        events.activity(customer, Instant.parse("2025-01-10T10:00:00Z"), deal);
        awaitState(mongo, Collections.TEAMS, vienna, 1);
        awaitState(mongo, Collections.TEAMS, newYork, 1);
        awaitState(mongo, Collections.STAFF, rep, 1);
        awaitState(mongo, Collections.DEALS, deal, 1);
        awaitState(mongo, Collections.CUSTOMERS, customer, 2);

        run(Instant.parse("2025-01-13T06:59:59Z")); // 07:59:59 in Vienna (UTC+1)
        assertThat(reviews(viennaManager)).isEmpty();
        run(Instant.parse("2025-01-13T07:00:00Z")); // 08:00 in Vienna, 02:00 in New York
        assertThat(reviews(viennaManager)).containsExactly("2025-W03");
        assertThat(reviews(newYorkManager)).isEmpty();
        run(Instant.parse("2025-01-13T12:59:59Z")); // 07:59:59 in New York (UTC-5)
        assertThat(reviews(newYorkManager)).isEmpty();
        run(Instant.parse("2025-01-13T13:00:00Z")); // 08:00 in New York
        run(Instant.parse("2025-01-14T13:00:00Z"));
        assertThat(reviews(newYorkManager)).containsExactly("2025-W03");
        assertThat(reviews(viennaManager)).containsExactly("2025-W03");
        assertThat(reviews(rep)).isEmpty();
        assertThat(inbox(viennaManager).stream().filter(n -> "weekly-review".equals(n.get("rule"))).findFirst()
                .orElseThrow()).containsEntry("dueAt", "2025-01-13T07:00:00Z");

        // The review as sent: the rep's open deal with what changed in the last 7 days and the follow-ups logged.
        as(viennaManager, Roles.MANAGER).queryParam("week", "2025-W03").get("/reviews/weekly").then().statusCode(200)
                .body("managerId", equalTo(viennaManager.toString())).body("teams", hasSize(1))
                .body("teams[0].timeZone", equalTo("Europe/Vienna"))
                .body("teams[0].scheduledFor", equalTo("2025-01-13T07:00:00Z"))
                .body("teams[0].reps.find { it.staffId == '" + rep + "' }.deals[0].dealId", equalTo(deal.toString()))
                .body("teams[0].reps.find { it.staffId == '" + rep + "' }.deals[0].changes.type",
                        equalTo(List.of("deal.opened")))
                .body("teams[0].reps.find { it.staffId == '" + rep + "' }.deals[0].followUps", hasSize(1));
        as(UUID.randomUUID(), Roles.EXECUTIVE).queryParam("managerId", viennaManager).queryParam("week", "2025-W03")
                .get("/reviews/weekly").then().statusCode(200);
        as(newYorkManager, Roles.MANAGER).queryParam("managerId", viennaManager).queryParam("week", "2025-W03")
                .get("/reviews/weekly").then().statusCode(404);
        as(viennaManager, Roles.MANAGER).queryParam("week", "2025-W02").get("/reviews/weekly").then().statusCode(404);

        run(Instant.parse("2025-01-20T07:00:00Z")); // next Monday 08:00 in Vienna
        assertThat(reviews(viennaManager)).containsExactly("2025-W03", "2025-W04");
        assertThat(reviews(newYorkManager)).containsExactly("2025-W03");
    }
}
