package io.dealstream.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Everything notification-service can be told ({@code dealstream.notification.*}); {@code GET /rules} shows it. */
@ConfigMapping(prefix = "dealstream.notification")
public interface NotificationConfig {

    Rules rules();

    WeeklyReview weeklyReview();

    /**
     * Stage roles per seller stage number, e.g. {@code stage-roles.4=PRESALES_ENGINEER}: entering the stage alerts
     * each role's assignee, or the role's pool in the owner's team. Defaults (DOMAIN.md) are in application.properties.
     */
    Map<Integer, List<String>> stageRoles();

    Channels channels();

    Mail mail();

    /** The 1-15-30 thresholds and how the rules are run. */
    interface Rules {
        /** How often the scheduler evaluates the rules at the clock's now ({@code off} disables it). */
        @WithDefault("60s")
        String every();

        /** Days without an activity after which the owner gets a follow-up reminder. */
        @WithDefault("15")
        int followUpDays();

        /** Days without an activity after which the owner's manager is told. */
        @WithDefault("20")
        int escalationDays();

        /** Days without stage progress after which a deal is stalled: owner and manager are asked to judge intent. */
        @WithDefault("30")
        int stalledDays();

        /**
         * A notification that fell due longer ago than this is no longer sent: a run catches up an outage of up to
         * this long, and a historical import of old data does not flood inboxes with stale reminders.
         */
        @WithDefault("P7D")
        Duration maxLateness();

        /**
         * How many deals (and followed-up customers, and handovers) a run reads, evaluates and delivers at a time,
         * each page with just its deals' customers and in one bulk insert: a run's memory is bounded by a page, not
         * by the number of deals.
         */
        @WithDefault("500")
        int pageSize();

        /**
         * The share of the time a scheduled run may be busy: after each page it waits (1 / share - 1) times as long as
         * the page took, so that requests and projections keep the machine's cores meanwhile (1: no waiting; runs on
         * demand never wait). A run over 90,000 open deals keeps a 2-core machine busy for about 4 s each minute;
         * paced, the command-to-forecast lag's p99 measured 212-214 ms in warm runs, unpaced 250 ms
         * (docs/benchmarks.md).
         */
        @WithDefault("0.5")
        double busyShare();
    }

    /** The weekly funnel review ("1" of 1-15-30). */
    interface WeeklyReview {
        @WithDefault("MONDAY")
        DayOfWeek day();

        /** Local time in the team's time zone. */
        @WithDefault("08:00")
        LocalTime time();

        /** "What changed in the last N days". */
        @WithDefault("7")
        int lookbackDays();

        /** For teams whose time zone is unknown. */
        @WithDefault("UTC")
        ZoneId defaultTimeZone();
    }

    /** Where notifications go besides the inbox, which always gets them. */
    interface Channels {
        /** Server-Sent Events to connected clients ({@code GET /notifications/stream}). */
        @WithDefault("true")
        boolean stream();

        /** E-mail through the durable mail outbox. */
        @WithDefault("true")
        boolean email();
    }

    /** E-mail delivery (SMTP server: {@code quarkus.mailer.*}). */
    interface Mail {
        /**
         * Staff e-mail addresses are personal data and never on the topics: a recipient's address is its entry in
         * {@link #directory()}, else this pattern with {@code {staffId}} replaced by the staff id.
         */
        @WithDefault("{staffId}@staff.dealstream.local")
        String addressPattern();

        /** Explicit addresses per staff id (e.g. from the company directory), overriding the pattern. */
        Map<String, String> directory();

        /**
         * Whether the outbox sends at all. Off (e.g. no SMTP server configured), mail still queues (PENDING) and goes
         * out once sending is switched on.
         */
        @WithDefault("true")
        boolean send();

        /** How often the outbox is polled for mail due. */
        @WithDefault("10s")
        String pollInterval();

        /** Most messages sent per poll. */
        @WithDefault("50")
        int batchSize();

        /** Wait after the first failed attempt; doubles per attempt up to {@link #maxBackoff()}. Mail is never dropped. */
        @WithDefault("PT30S")
        Duration initialBackoff();

        @WithDefault("PT15M")
        Duration maxBackoff();

        /** Longest wait for the SMTP server on one message. */
        @WithDefault("PT30S")
        Duration sendTimeout();
    }
}
