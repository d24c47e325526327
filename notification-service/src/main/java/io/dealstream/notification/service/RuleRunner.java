package io.dealstream.notification.service;

import io.dealstream.notification.config.NotificationConfig;
import io.dealstream.notification.inbox.Inbox;
import io.dealstream.notification.review.WeeklyReviews;
import io.dealstream.notification.rules.Due;
import io.dealstream.notification.rules.RuleNames;
import io.dealstream.notification.rules.Rules;
import io.dealstream.notification.rules.Thresholds;
import io.dealstream.notification.rules.WeeklyReview;
import io.dealstream.notification.state.StateReader;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Runs the rules: on the scheduler at the clock's now, or on demand as of any instant. Each run reads the state,
 * asks the pure {@link Rules} what is due and puts it in the inboxes; the inbox refuses what is already there, so
 * re-runs, overlapping runs and restarts add nothing twice. No state is kept in memory between runs.
 */
@ApplicationScoped
public class RuleRunner {

    private static final Logger LOG = Logger.getLogger(RuleRunner.class);

    private final StateReader state;
    private final Inbox inbox;
    private final WeeklyReviews reviews;
    private final Rules rules;
    private final Clock clock;

    public RuleRunner(StateReader state, Inbox inbox, WeeklyReviews reviews, NotificationConfig config, Clock clock) {
        this.state = state;
        this.inbox = inbox;
        this.reviews = reviews;
        this.rules = new Rules(Thresholds.of(config));
        this.clock = clock;
    }

    /** What one run did: notifications due and how many of them were new, per rule. */
    public record Result(Instant at, int due, int created, Map<String, Integer> createdByRule) {
    }

    @Scheduled(identity = "rules", every = "${dealstream.notification.rules.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Result result = run(clock.instant());
        if (result.created() > 0) {
            LOG.infof("rules as of %s: %d new notifications %s", result.at(), result.created(), result.createdByRule());
        }
    }

    public synchronized Result run(Instant at) {
        var due = rules.evaluate(state.read(at), at);
        Map<String, Integer> byRule = new TreeMap<>();
        RuleNames.ALL.forEach(r -> byRule.put(r, 0));
        int created = 0;
        for (Due d : due) {
            if (d.detail() instanceof WeeklyReview review) {
                reviews.keep(review); // before the notification: a crash in between is redone by the next run
            }
            if (inbox.deliver(d)) {
                created++;
                byRule.merge(d.rule(), 1, Integer::sum);
            }
        }
        return new Result(at, due.size(), created, byRule);
    }
}
