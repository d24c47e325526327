package io.dealstream.notification.service;

import io.dealstream.notification.config.NotificationConfig;
import io.dealstream.notification.inbox.Inbox;
import io.dealstream.notification.review.WeeklyReviews;
import io.dealstream.notification.rules.Due;
import io.dealstream.notification.rules.Facts;
import io.dealstream.notification.rules.RuleNames;
import io.dealstream.notification.rules.Rules;
import io.dealstream.notification.rules.Thresholds;
import io.dealstream.notification.rules.WeeklyReview;
import io.dealstream.notification.state.StateReader;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs the rules: on the scheduler at the clock's now, or on demand as of any instant. A run reads the state a page
 * at a time ({@code dealstream.notification.rules.page-size} deals, then followed-up customers, then handovers), asks
 * the pure {@link Rules} what each page makes due and puts it in the inboxes in one bulk insert per page; the inbox
 * refuses what is already there, so re-runs, overlapping runs and restarts add nothing twice. The weekly reviews
 * gather their teams' deals page by page and go out last. No state is kept in memory between runs. A scheduled run
 * is paced ({@code busy-share}): it waits between pages so that it does not take the machine from the services'
 * requests and projections. Runs may overlap (an on-demand run does not wait for a paced one): whatever two runs both
 * find due goes into the inbox once, and a weekly review is kept as first gathered, its notification built from that.
 */
@ApplicationScoped
public class RuleRunner {

    private static final Logger LOG = Logger.getLogger(RuleRunner.class);

    private final StateReader state;
    private final Inbox inbox;
    private final WeeklyReviews reviews;
    private final Rules rules;
    private final int pageSize;
    private final double busyShare;
    private final Clock clock;

    public RuleRunner(StateReader state, Inbox inbox, WeeklyReviews reviews, NotificationConfig config, Clock clock) {
        this.state = state;
        this.inbox = inbox;
        this.reviews = reviews;
        this.rules = new Rules(Thresholds.of(config));
        this.pageSize = config.rules().pageSize();
        if (pageSize < 1) {
            throw new IllegalArgumentException("dealstream.notification.rules.page-size must be at least 1: " + pageSize);
        }
        this.busyShare = config.rules().busyShare();
        Pace.of(busyShare); // refuses a share that is not in (0, 1] at start
        this.clock = clock;
    }

    /** What one run did: notifications due and how many of them were new, per rule. */
    public record Result(Instant at, int due, int created, Map<String, Integer> createdByRule) {
    }

    @Scheduled(identity = "rules", every = "${dealstream.notification.rules.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Result result = run(clock.instant(), Pace.of(busyShare));
        if (result.created() > 0) {
            LOG.infof("rules as of %s: %d new notifications %s", result.at(), result.created(), result.createdByRule());
        }
    }

    /** A run as of {@code at}, at full speed (on demand). */
    public Result run(Instant at) {
        return run(at, Pace.of(1));
    }

    /** A run as of {@code at}, at the given pace; not synchronized: see the class comment. */
    Result run(Instant at, Pace pace) {
        Tally tally = new Tally();
        Facts people = state.people();
        List<WeeklyReview.Draft> drafts = unsent(rules.weeklyReviews(people, at), tally);
        state.dealPages(people, at, pageSize, page -> {
            drafts.forEach(draft -> draft.add(page));
            deliver(rules.deals(page, at), tally);
            pace.step();
        });
        state.customerPages(people, pageSize, page -> {
            deliver(rules.customers(page, at), tally);
            pace.step();
        });
        state.handoverPages(people, at, pageSize, h -> rules.concerns(h, at), page -> {
            deliver(rules.handovers(page, at), tally);
            pace.step();
        });
        for (int i = 0; i < drafts.size(); i++) {
            WeeklyReview review = drafts.get(i).build();
            drafts.set(i, null); // its lines go as soon as its review is out
            // kept before the notification (a crash in between is redone by the next run); the notification tells of
            // the snapshot kept, which is an overlapping run's when that one kept it first
            deliver(List.of(rules.weeklyReview(reviews.keep(review))), tally);
        }
        return new Result(at, tally.due, tally.created, tally.byRule);
    }

    /**
     * The drafts of the reviews not yet both kept and in the inbox. A review already sent is due all its week long
     * (and counted so), but gathering it again would change nothing: the first snapshot is kept, the notification
     * exists. Skipping it keeps the runs of the week from holding every team's deal lines.
     */
    private List<WeeklyReview.Draft> unsent(List<WeeklyReview.Draft> drafts, Tally tally) {
        Set<String> kept = reviews.kept(drafts.stream().map(d -> WeeklyReviews.id(d.teamId(), d.week())).toList());
        Set<UUID> sent = inbox.existing(drafts.stream().map(Rules::notificationId).toList());
        List<WeeklyReview.Draft> out = new ArrayList<>();
        for (WeeklyReview.Draft draft : drafts) {
            if (kept.contains(WeeklyReviews.id(draft.teamId(), draft.week()))
                    && sent.contains(Rules.notificationId(draft))) {
                tally.due++;
            } else {
                out.add(draft);
            }
        }
        return out;
    }

    private void deliver(List<Due> due, Tally tally) {
        tally.due += due.size();
        for (Due d : inbox.deliver(due)) {
            tally.created++;
            tally.byRule.merge(d.rule(), 1, Integer::sum);
        }
    }

    /** A run's counts so far. */
    private static final class Tally {
        int due;
        int created;
        final Map<String, Integer> byRule = new TreeMap<>();

        Tally() {
            RuleNames.ALL.forEach(r -> byRule.put(r, 0));
        }
    }
}
