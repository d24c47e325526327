package io.dealstream.notification.rules;

import static io.dealstream.notification.Api.awaitConsumed;
import static io.dealstream.notification.Api.awaitState;
import static io.dealstream.notification.Api.line;
import static io.dealstream.notification.Api.run;
import static io.dealstream.notification.Api.summary;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import io.dealstream.notification.Events;
import io.dealstream.notification.state.Collections;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The 15 and 30 of 1-15-30 through the real topics, MongoDB and REST: events with past business times, the rules run
 * at chosen instants, and exactly these notifications exist; a second run and a redelivery of every event add none.
 * (Era: 2021; other scenario tests use other years, so their runs never make each other's notifications due.)
 */
@QuarkusTest
class FollowUpScenarioTest {

    @Inject
    MongoClient mongo;

    final Events events = new Events();
    final UUID team = UUID.randomUUID();
    final UUID manager = UUID.randomUUID();
    final UUID owner = UUID.randomUUID();
    final UUID customer = UUID.randomUUID();
    final UUID deal = UUID.randomUUID();

    @Test
    void reminderOnDay15EscalationOnDay20OncePerWindowWhateverTheReruns() {
        events.teamWithRep(team, manager, owner, Instant.parse("2021-02-01T09:00:00Z"));
        events.customer(customer, Instant.parse("2021-03-01T09:00:00Z"), owner, "PROSPECT");
        events.dealOpened(deal, Instant.parse("2021-03-01T10:00:00Z"), customer, owner, "Press line");
        events.activity(customer, Instant.parse("2021-03-05T10:00:00Z"), deal); // counts for the deal and its customer
        awaitState(mongo, Collections.CUSTOMERS, customer, 2);
        awaitState(mongo, Collections.DEALS, deal, 1);
        awaitState(mongo, Collections.STAFF, owner, 1);
        awaitState(mongo, Collections.TEAMS, team, 1);

        run(Instant.parse("2021-03-20T09:59:59Z")); // day 15 minus a second
        assertThat(summary(owner)).isEmpty();
        assertThat(summary(manager)).isEmpty();

        run(Instant.parse("2021-03-20T10:00:00Z")); // day 15
        List<String> reminders = List.of(line("follow-up", customer), line("follow-up", deal));
        assertThat(summary(owner)).containsExactlyInAnyOrderElementsOf(reminders);
        assertThat(summary(manager)).isEmpty();

        assertThat(run(Instant.parse("2021-03-20T10:00:00Z"))).as("the same run again").isZero();
        run(Instant.parse("2021-03-22T00:00:00Z"));
        assertThat(summary(owner)).containsExactlyInAnyOrderElementsOf(reminders);

        run(Instant.parse("2021-03-25T10:00:00Z")); // day 20
        List<String> escalations = List.of(line("follow-up-escalation", customer), line("follow-up-escalation", deal));
        assertThat(summary(owner)).containsExactlyInAnyOrderElementsOf(reminders);
        assertThat(summary(manager)).containsExactlyInAnyOrderElementsOf(escalations);

        events.redeliverAll();
        awaitConsumed();
        assertThat(run(Instant.parse("2021-03-20T10:00:00Z"))).isZero();
        assertThat(run(Instant.parse("2021-03-25T10:00:00Z"))).isZero();
        assertThat(summary(owner)).containsExactlyInAnyOrderElementsOf(reminders);
        assertThat(summary(manager)).containsExactlyInAnyOrderElementsOf(escalations);

        // A new follow-up opens a new window: one more reminder on its day 15.
        events.activity(customer, Instant.parse("2021-03-26T10:00:00Z"), deal);
        awaitState(mongo, Collections.CUSTOMERS, customer, 3);
        run(Instant.parse("2021-04-10T10:00:00Z"));
        run(Instant.parse("2021-04-10T10:00:00Z"));
        assertThat(summary(owner)).containsExactlyInAnyOrder(line("follow-up", customer), line("follow-up", customer),
                line("follow-up", deal), line("follow-up", deal));
        assertThat(summary(manager)).containsExactlyInAnyOrderElementsOf(escalations);
    }

    @Test
    void stalledAfter30DaysWithoutStageProgressAsksOwnerAndManagerOnce() {
        events.teamWithRep(team, manager, owner, Instant.parse("2021-06-01T09:00:00Z"));
        UUID lost = UUID.randomUUID();
        events.customer(customer, Instant.parse("2021-07-01T09:00:00Z"), owner, "ACTIVE");
        events.dealOpened(deal, Instant.parse("2021-07-01T10:00:00Z"), customer, owner, "Conveyor");
        events.dealOpened(lost, Instant.parse("2021-07-01T10:00:00Z"), customer, owner, "Lost cause");
        events.lost(lost, Instant.parse("2021-07-05T10:00:00Z"));
        events.stageChanged(deal, Instant.parse("2021-07-10T12:00:00Z"), 1, 2); // progress
        events.stageChanged(deal, Instant.parse("2021-07-20T12:00:00Z"), 2, 1); // moving back is no progress
        for (String day : List.of("2021-07-15", "2021-07-25", "2021-08-04")) { // follow-ups keep the 15 quiet
            events.activity(customer, Instant.parse(day + "T08:00:00Z"), deal);
        }
        awaitState(mongo, Collections.CUSTOMERS, customer, 4);
        awaitState(mongo, Collections.DEALS, deal, 3);
        awaitState(mongo, Collections.DEALS, lost, 2);
        awaitState(mongo, Collections.TEAMS, team, 1);
        awaitState(mongo, Collections.STAFF, owner, 1);

        run(Instant.parse("2021-08-09T11:59:59Z"));
        assertThat(summary(owner)).isEmpty();
        run(Instant.parse("2021-08-09T12:00:00Z")); // 30 days after the last stage progress
        run(Instant.parse("2021-08-10T12:00:00Z"));
        assertThat(summary(owner)).containsExactly(line("intent-verdict", deal));
        assertThat(summary(manager)).containsExactly(line("intent-verdict", deal));
        assertThat(summary(owner)).doesNotContain(line("follow-up", lost));
    }
}
