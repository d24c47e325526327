package io.dealstream.notification.rules;

import static io.dealstream.notification.Api.as;
import static io.dealstream.notification.Api.awaitState;
import static io.dealstream.notification.Api.inbox;
import static io.dealstream.notification.Api.line;
import static io.dealstream.notification.Api.run;
import static io.dealstream.notification.Api.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.mongodb.client.MongoClient;
import io.dealstream.notification.Events;
import io.dealstream.notification.TestEnvironment;
import io.dealstream.notification.state.Collections;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Stage-role, misalignment, departure and handover alerts through the real topics, MongoDB and REST, with past
 * business times: exactly these notifications, once each. (Era: 2023.)
 */
@QuarkusTest
class AlertsScenarioTest {

    @Inject
    MongoClient mongo;

    final Events events = new Events();
    final UUID team = UUID.randomUUID();
    final UUID manager = UUID.randomUUID();
    final UUID owner = UUID.randomUUID();

    private void team(Instant at) {
        events.teamWithRep(team, manager, owner, at);
        awaitState(mongo, Collections.TEAMS, team, 1);
    }

    @Test
    void enteringAStageTellsTheRoleHolderOrTheRolesPoolInTheTeam() {
        team(Instant.parse("2023-02-01T08:00:00Z"));
        UUID presales1 = UUID.randomUUID();
        UUID presales2 = UUID.randomUUID();
        UUID presalesElsewhere = UUID.randomUUID();
        UUID consultant = UUID.randomUUID();
        events.staff(presales1, Instant.parse("2023-02-01T08:00:00Z"), team, "PRESALES_ENGINEER");
        events.staff(presales2, Instant.parse("2023-02-01T08:00:00Z"), team, "PRESALES_ENGINEER", "CONSULTANT");
        events.staff(presalesElsewhere, Instant.parse("2023-02-01T08:00:00Z"), UUID.randomUUID(), "PRESALES_ENGINEER");
        events.staff(consultant, Instant.parse("2023-02-01T08:00:00Z"), team, "CONSULTANT");
        UUID customer = UUID.randomUUID();
        UUID deal = UUID.randomUUID();
        events.customer(customer, Instant.parse("2023-03-01T08:00:00Z"), owner, "PROSPECT");
        events.dealOpened(deal, Instant.parse("2023-03-01T09:00:00Z"), customer, owner, "Robot cell");
        events.stageChanged(deal, Instant.parse("2023-03-05T10:00:00Z"), 1, 4); // PRESALES_ENGINEER, unassigned
        List.of(presales1, presales2, presalesElsewhere, consultant).forEach(s -> awaitState(mongo, Collections.STAFF, s, 1));
        awaitState(mongo, Collections.DEALS, deal, 2);

        run(Instant.parse("2023-03-05T09:59:59Z"));
        assertThat(summary(presales1)).isEmpty();
        run(Instant.parse("2023-03-05T10:00:00Z"));
        assertThat(summary(presales1)).containsExactly(line("stage-role", deal));
        assertThat(summary(presales2)).containsExactly(line("stage-role", deal));
        assertThat(summary(presalesElsewhere)).isEmpty();
        assertThat(inbox(presales1).get(0)).containsEntry("dueAt", "2023-03-05T10:00:00Z")
                .extractingByKey("data").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("role", "PRESALES_ENGINEER").containsEntry("assigned", false);

        events.stageRoleAssigned(deal, Instant.parse("2023-03-06T10:00:00Z"), "CONSULTANT", consultant);
        events.stageChanged(deal, Instant.parse("2023-03-07T10:00:00Z"), 4, 5); // CONSULTANT, assigned
        awaitState(mongo, Collections.DEALS, deal, 4);
        run(Instant.parse("2023-03-07T10:00:00Z"));
        run(Instant.parse("2023-03-07T11:00:00Z"));
        assertThat(summary(consultant)).containsExactly(line("stage-role", deal));
        assertThat(summary(presales2)).as("the role is assigned: its pool is not asked").containsExactly(line("stage-role", deal));
        assertThat(summary(presales1)).containsExactly(line("stage-role", deal));
        assertThat(summary(owner)).isEmpty();
    }

    @Test
    void aMisalignedDealTellsOwnerAndManagerOncePerMisalignment() {
        team(Instant.parse("2023-05-01T08:00:00Z"));
        UUID customer = UUID.randomUUID();
        UUID deal = UUID.randomUUID();
        events.customer(customer, Instant.parse("2023-06-01T08:00:00Z"), owner, "PROSPECT");
        events.dealOpened(deal, Instant.parse("2023-06-01T09:00:00Z"), customer, owner, "Sorter");
        events.misaligned(deal, Instant.parse("2023-06-08T12:00:00Z"), 6, 3);
        awaitState(mongo, Collections.DEALS, deal, 2);
        awaitState(mongo, Collections.STAFF, owner, 1);
        run(Instant.parse("2023-06-08T12:00:00Z"));
        run(Instant.parse("2023-06-09T08:00:00Z"));
        assertThat(summary(owner)).containsExactly(line("misalignment", deal));
        assertThat(summary(manager)).containsExactly(line("misalignment", deal));

        events.realigned(deal, Instant.parse("2023-06-09T12:00:00Z"), 6, 4);
        events.misaligned(deal, Instant.parse("2023-06-10T12:00:00Z"), 7, 4);
        awaitState(mongo, Collections.DEALS, deal, 4);
        run(Instant.parse("2023-06-10T12:00:00Z"));
        run(Instant.parse("2023-06-10T13:00:00Z"));
        assertThat(summary(owner)).containsExactly(line("misalignment", deal), line("misalignment", deal));
        assertThat(summary(manager)).containsExactly(line("misalignment", deal), line("misalignment", deal));
    }

    @Test
    void aDepartureTellsTheManagerWhatToHandOverAndBriefsEachNewOwner() {
        team(Instant.parse("2023-08-01T08:00:00Z"));
        UUID leaver = owner;
        UUID successor = UUID.randomUUID();
        events.staff(successor, Instant.parse("2023-08-01T08:00:00Z"), team, "SALES_REP");
        UUID customer = UUID.randomUUID();
        UUID deal = UUID.randomUUID();
        events.customer(customer, Instant.parse("2023-09-01T08:00:00Z"), leaver, "ACTIVE");
        events.dealOpened(deal, Instant.parse("2023-09-01T09:00:00Z"), customer, leaver, "Palletiser");
        events.activity(customer, Instant.parse("2023-09-02T09:00:00Z"), deal);
        UUID handover = UUID.randomUUID();
        events.departed(leaver, Instant.parse("2023-09-04T09:00:00Z"), handover, "2023-09-04", null);
        events.handoverOpened(handover, Instant.parse("2023-09-04T09:00:00Z"), leaver, "2023-09-04", List.of(customer),
                Map.of(deal, customer));
        awaitState(mongo, Collections.HANDOVERS, handover, 1);
        awaitState(mongo, Collections.STAFF, leaver, 2);
        awaitState(mongo, Collections.STAFF, successor, 1);
        awaitState(mongo, Collections.CUSTOMERS, customer, 2);
        awaitState(mongo, Collections.DEALS, deal, 1);

        run(Instant.parse("2023-09-04T10:00:00Z"));
        assertThat(summary(manager)).containsExactly(line("departure", handover));
        Map<String, Object> departure = inbox(manager).stream().filter(n -> "departure".equals(n.get("rule")))
                .findFirst().orElseThrow();
        assertThat(departure).extractingByKey("data").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("orphaned", 2).containsEntry("departedStaffId", leaver.toString())
                .containsEntry("accounts", List.of(Map.of("customerId", customer.toString())))
                .extractingByKey("deals").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .singleElement().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("dealId", deal.toString()).containsEntry("title", "Palletiser");

        events.handoverItemAssigned(handover, Instant.parse("2023-09-05T10:00:00Z"), "ACCOUNT", customer, successor);
        events.handoverItemAssigned(handover, Instant.parse("2023-09-05T10:05:00Z"), "DEAL", deal, successor);
        awaitState(mongo, Collections.HANDOVERS, handover, 3);
        run(Instant.parse("2023-09-05T11:00:00Z"));
        run(Instant.parse("2023-09-06T11:00:00Z"));
        assertThat(summary(successor)).containsExactlyInAnyOrder(line("handover-briefing", customer), line("handover-briefing", deal));
        Map<String, Object> dealBriefing = inbox(successor).stream()
                .filter(n -> deal.toString().equals(n.get("subjectId"))).findFirst().orElseThrow();
        assertThat(dealBriefing).extractingByKey("data").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("followUps", 1).containsEntry("previousOwnerId", leaver.toString())
                .containsEntry("title", "Palletiser");
        assertThat(summary(manager)).containsExactly(line("departure", handover));
        assertThat(mongo.getDatabase(TestEnvironment.database()).getCollection(Collections.NOTIFICATIONS)
                .countDocuments(new Document("recipientId", leaver.toString()))).as("a departed person is told nothing")
                .isZero();
        as(leaver, "rep").get("/notifications").then().statusCode(401).body("code", equalTo("staff-departed"));
    }
}
