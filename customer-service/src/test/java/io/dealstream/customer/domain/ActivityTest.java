package io.dealstream.customer.domain;

import static io.dealstream.customer.domain.Fixtures.*;
import static io.dealstream.customer.domain.Scenario.NOW;
import static io.dealstream.support.domain.Rejection.Kind.INVALID;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealstream.customer.domain.CustomerCommand.LogActivity;
import io.dealstream.customer.domain.CustomerEvent.ActivityLogged;
import io.dealstream.customer.domain.CustomerEvent.CustomerStatusChanged;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.domain.Rejection.Violation;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Logging a follow-up: a call, visit, meeting, email or demo with date, participants, summary and next step. */
class ActivityTest {

    private static final UUID ACTIVITY = id("ac01");
    private static final Instant YESTERDAY = NOW.minusSeconds(86_400);

    private static LogActivity log(Instant date, String summary, UUID... participants) {
        return new LogActivity(ACTIVITY, ActivityType.VISIT, date, summary, " Send offer ", OPEN_DEAL,
                Arrays.asList(participants));
    }

    @Test
    void logsAnActivityAgainstTheCustomerAndADeal() {
        CUSTOMERS.given(registered()).when(log(YESTERDAY, " Site visit, line 3 ", OWNER, COLLEAGUE))
                .then(new ActivityLogged(ACTIVITY, ActivityType.VISIT, YESTERDAY, "Site visit, line 3", "Send offer",
                        OPEN_DEAL, List.of(OWNER, COLLEAGUE)));
    }

    @Test
    void theDealIsOptionalAndTheDateDefaultsToTheCommandsTime() {
        CUSTOMERS.given(registered())
                .when(new LogActivity(ACTIVITY, ActivityType.CALL, null, "Intro call", null, null, null))
                .then(new ActivityLogged(ACTIVITY, ActivityType.CALL, NOW, "Intro call", null, null, List.of()));
    }

    @Test
    void participantsAreListedOnce() {
        CUSTOMERS.given(registered()).when(log(YESTERDAY, "Visit", OWNER, COLLEAGUE, OWNER))
                .then(new ActivityLogged(ACTIVITY, ActivityType.VISIT, YESTERDAY, "Visit", "Send offer", OPEN_DEAL,
                        List.of(OWNER, COLLEAGUE)));
    }

    @Test
    void aSummaryIsRequiredAndAtMost4000Characters() {
        assertInvalid(log(YESTERDAY, null), "summary");
        assertInvalid(log(YESTERDAY, "  "), "summary");
        assertInvalid(log(YESTERDAY, "s".repeat(4001)), "summary");
        String longest = "s".repeat(4000);
        CUSTOMERS.given(registered()).when(log(YESTERDAY, longest)).then(new ActivityLogged(ACTIVITY,
                ActivityType.VISIT, YESTERDAY, longest, "Send offer", OPEN_DEAL, List.of()));
    }

    @Test
    void anActivityNeedsIdAndType() {
        assertInvalid(new LogActivity(null, ActivityType.CALL, null, "x", null, null, null), "activityId");
        assertInvalid(new LogActivity(ACTIVITY, null, null, "x", null, null, null), "activityType");
    }

    @Test
    void anActivityMustHaveHappened() {
        assertInvalid(log(NOW.plusSeconds(3601), "Planned visit"), "activityDate");
        Instant skewed = NOW.plusSeconds(3600);
        CUSTOMERS.given(registered()).when(log(skewed, "Visit")).then(new ActivityLogged(ACTIVITY,
                ActivityType.VISIT, skewed, "Visit", "Send offer", OPEN_DEAL, List.of()));
    }

    @Test
    void aHistoricalImportLogsAtItsOwnTime() {
        Instant then = Instant.parse("2019-05-02T08:00:00Z");
        CUSTOMERS.given(registered()).at(then)
                .when(new LogActivity(ACTIVITY, ActivityType.EMAIL, null, "Offer sent", null, null, null))
                .then(new ActivityLogged(ACTIVITY, ActivityType.EMAIL, then, "Offer sent", null, null, List.of()));
        assertInvalid(log(then.plusSeconds(7200), "x"), "activityDate", then);
    }

    @Test
    void aLostCustomerMayStillHaveActivitiesLogged() {
        CUSTOMERS.given(registered(), new CustomerStatusChanged(CustomerStatus.LOST, CustomerStatus.PROSPECT, null))
                .when(log(YESTERDAY, "Win-back call"))
                .then(new ActivityLogged(ACTIVITY, ActivityType.VISIT, YESTERDAY, "Win-back call", "Send offer", OPEN_DEAL,
                        List.of()));
    }

    private static void assertInvalid(LogActivity command, String field) {
        assertInvalid(command, field, NOW);
    }

    private static void assertInvalid(LogActivity command, String field, Instant at) {
        Rejection r = CUSTOMERS.given(registered()).at(at).when(command).thenRejected(INVALID, "invalid-input");
        assertThat(r.violations()).extracting(Violation::field).containsExactly(field);
    }
}
