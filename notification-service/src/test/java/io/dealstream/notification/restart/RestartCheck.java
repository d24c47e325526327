package io.dealstream.notification.restart;

import static io.dealstream.notification.Api.awaitConsumed;
import static io.dealstream.notification.Api.awaitState;
import static io.dealstream.notification.Api.line;
import static io.dealstream.notification.Api.run;
import static io.dealstream.notification.Api.summary;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import io.dealstream.notification.Events;
import io.dealstream.notification.state.Collections;
import java.time.Instant;
import java.util.UUID;

/**
 * A restart adds nothing: two test classes run in two application instances (one under a test profile, so Quarkus
 * stops the application and starts it again between them, on the same topics, consumer group and database). Whichever
 * runs first creates a reminder and an escalation; the other, in the restarted application, re-runs the same rules
 * and gets a redelivered event, and finds exactly the same notifications. The ids travel in system properties, the
 * one thing both instances share. (Era: 2019.)
 */
final class RestartCheck {

    private static final String OWNER = "notification-test.restart.owner";
    private static final String MANAGER = "notification-test.restart.manager";
    private static final String CUSTOMER = "notification-test.restart.customer";
    private static final String INSTANCE = "notification-test.restart.instance";
    private static final Instant REGISTERED = Instant.parse("2019-05-01T10:00:00Z");
    private static final Instant DAY_15 = Instant.parse("2019-05-16T10:00:00Z");
    private static final Instant DAY_20 = Instant.parse("2019-05-21T10:00:00Z");

    private RestartCheck() {
    }

    /** @param instance names the application instance (the test class), to tell a restart from the same one */
    static void perform(MongoClient mongo, String instance) {
        if (System.getProperty(OWNER) == null) {
            before(mongo);
            System.setProperty(INSTANCE, instance);
        } else {
            assertThat(System.getProperty(INSTANCE)).as("runs in another application instance").isNotEqualTo(instance);
            after();
        }
    }

    private static void before(MongoClient mongo) {
        UUID team = UUID.randomUUID();
        UUID manager = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        Events events = new Events();
        events.team(team, Instant.parse("2019-04-01T08:00:00Z"), manager, "Europe/Paris");
        events.staff(owner, Instant.parse("2019-04-01T08:00:00Z"), team, "SALES_REP");
        events.customer(customer, REGISTERED, owner, "ACTIVE");
        awaitState(mongo, Collections.CUSTOMERS, customer, 1);
        awaitState(mongo, Collections.STAFF, owner, 1);
        awaitState(mongo, Collections.TEAMS, team, 1);
        run(DAY_15);
        run(DAY_20);
        assertThat(summary(owner)).containsExactly(line("follow-up", customer));
        assertThat(summary(manager)).containsExactly(line("follow-up-escalation", customer));
        System.setProperty(OWNER, owner.toString());
        System.setProperty(MANAGER, manager.toString());
        System.setProperty(CUSTOMER, customer.toString());
    }

    private static void after() {
        UUID owner = UUID.fromString(System.getProperty(OWNER));
        UUID manager = UUID.fromString(System.getProperty(MANAGER));
        UUID customer = UUID.fromString(System.getProperty(CUSTOMER));
        assertThat(run(DAY_15)).isZero();
        assertThat(run(DAY_20)).isZero();
        // The restarted consumer gets the registration once more (as after a crash before committing its offset).
        new Events().customer(customer, REGISTERED, owner, "ACTIVE");
        awaitConsumed();
        assertThat(run(DAY_20)).isZero();
        assertThat(summary(owner)).containsExactly(line("follow-up", customer));
        assertThat(summary(manager)).containsExactly(line("follow-up-escalation", customer));
    }
}
