package io.dealstream.forecast.service;

import io.dealstream.forecast.config.ForecastConfig.Thresholds;
import io.dealstream.forecast.model.Change;
import io.dealstream.forecast.model.CustomerDoc;
import io.dealstream.forecast.model.DealDoc;
import io.dealstream.forecast.model.DealState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The process-based scorecard of DOMAIN.md per rep and period, pure. A figure belongs to the rep who owned the deal
 * when it happened; only what happened by {@code now} counts.
 * <ul>
 *   <li>activitiesLogged: activities the rep logged (actor) dated in the period;</li>
 *   <li>followUp: each deal's follow-up points are its opening and each activity on it; after a point come
 *       consecutive windows of the follow-up threshold (15 days) until the one the next point falls in, which is
 *       met; the others are missed. A window counts for the rep owning the deal at its due time (end), when that
 *       due time is in the period and by now and the deal was still open then (or the window was met);
 *       compliance = met / windows;</li>
 *   <li>stageAdvances: forward stage moves in the period;</li>
 *   <li>conversion per stage: entries into the stage in the period, and how many of them left it forward (a later
 *       stage, or won) by now;</li>
 *   <li>averageDaysPerStage: mean length of the stays in a stage that ended in the period;</li>
 *   <li>winRate: won / (won + lost) of deals closed in the period (won: signed in it); wonAmount per currency;</li>
 *   <li>pipelineCreated: deals opened in the period, count and amount per currency.</li>
 * </ul>
 */
public final class Scorecards {

    public record Scorecard(UUID repId, String period, long activitiesLogged, FollowUp followUp, long stageAdvances,
                            List<StageConversion> conversion, Map<String, BigDecimal> averageDaysPerStage, long won,
                            long lost, BigDecimal winRate, Map<String, String> wonAmount, long pipelineCreatedCount,
                            Map<String, String> pipelineCreated) {
    }

    public record FollowUp(long windows, long met, BigDecimal compliance) {
    }

    public record StageConversion(int stage, long entered, long advanced, BigDecimal rate) {
    }

    private Scorecards() {
    }

    /**
     * The scorecards taken a page at a time ({@link ReadModel#fold}), then {@link #scorecards()}: those of every rep in
     * scope who has any figure in the period, or of {@code repId} alone, by rep id.
     */
    public static final class Tally implements PageFold {

        private final Period period;
        private final Instant now;
        private final Instant from;
        private final Instant end;
        private final Scope scope;
        private final UUID repId;
        private final int stages;
        private final Thresholds thresholds;
        private final Map<UUID, Acc> reps = new TreeMap<>();

        public Tally(Period period, Instant now, Scope scope, UUID repId, int stages, Thresholds thresholds) {
            this.period = period;
            this.now = now;
            this.from = period.from().atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant periodEnd = period.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            this.end = now.isBefore(periodEnd) ? now : periodEnd;
            this.scope = scope;
            this.repId = repId;
            this.stages = stages;
            this.thresholds = thresholds;
        }

        @Override
        public Reads reads() {
            return Reads.DEALS_WITH_CUSTOMERS_THEN_ACCOUNTS;
        }

        private Acc rep(UUID id) {
            return reps.computeIfAbsent(id, k -> new Acc(stages));
        }

        private boolean counted(UUID id) {
            return id != null && scope.sees(id) && (repId == null || repId.equals(id));
        }

        private boolean inPeriod(Instant t) {
            return !t.isBefore(from) && t.isBefore(end);
        }

        /** The activities logged on these accounts. */
        @Override
        public synchronized void accounts(Collection<CustomerDoc> customers) {
            for (CustomerDoc c : customers) {
                for (CustomerDoc.Activity a : c.activities()) {
                    if (counted(a.actor()) && inPeriod(a.at())) {
                        rep(a.actor()).activities++;
                    }
                }
            }
        }

        /** The deals' figures; {@code customers} holds their customers (for the follow-ups logged on them). */
        @Override
        public synchronized void deals(List<DealDoc> deals, Map<UUID, CustomerDoc> customers) {
            for (DealDoc deal : deals) {
                deal(deal);
                followUps(deal, customers.get(deal.customerId()));
            }
        }

        private void deal(DealDoc deal) {
            List<Change> h = deal.history();
            DealState s = null;
            Instant stageSince = null;
            for (int i = 0; i < h.size(); i++) {
                Change c = h.get(i);
                DealState before = s;
                s = DealState.apply(s, c);
                if (c.at().isAfter(now)) {
                    break;
                }
                UUID owner = s.ownerId();
                boolean mine = counted(owner) && inPeriod(c.at());
                switch (c.kind()) {
                    case OPENED -> {
                        if (mine) {
                            Acc acc = rep(owner);
                            acc.created++;
                            acc.createdAmount.add(s.currency(), s.amountValue());
                            acc.entered(s.stage(), advancedLater(h, i, s.stage(), now));
                        }
                        stageSince = c.at();
                    }
                    case STAGE, REOPENED -> {
                        int previous = before.stage();
                        if (c.kind() == Change.Kind.STAGE && stageSince != null && mine) {
                            rep(owner).stay(previous, stageSince, c.at());
                        }
                        if (mine && c.kind() == Change.Kind.STAGE && c.stage() > previous) {
                            rep(owner).advances++;
                        }
                        if (mine && (c.kind() == Change.Kind.REOPENED || c.stage() != previous)) {
                            rep(owner).entered(s.stage(), advancedLater(h, i, s.stage(), now));
                        }
                        stageSince = c.at();
                    }
                    case WON, LOST -> {
                        if (stageSince != null && mine) {
                            rep(owner).stay(before.stage(), stageSince, c.at());
                        }
                        stageSince = null;
                        if (counted(owner) && period.contains(s.closedOn())) {
                            Acc acc = rep(owner);
                            if (c.kind() == Change.Kind.WON) {
                                acc.won++;
                                acc.wonAmount.add(s.currency(), s.amountValue());
                            } else {
                                acc.lost++;
                            }
                        }
                    }
                    default -> { }
                }
            }
        }

        /**
         * A deal's follow-up windows: its points are its opening and each activity on it; after a point come windows
         * of the threshold until the one the next point falls in.
         */
        private void followUps(DealDoc deal, CustomerDoc customer) {
            TreeSet<Instant> points = new TreeSet<>();
            points.add(deal.state().openedAt());
            if (customer != null) {
                customer.activities().stream().filter(a -> deal.id().equals(a.dealId()) && !a.at().isAfter(now))
                        .forEach(a -> points.add(a.at()));
            }
            Duration window = Duration.ofDays(thresholds.followUpDays());
            for (Instant point : points) {
                Instant next = points.higher(point);
                // consecutive windows after the point until the one the next point falls in; each judged when due
                for (Instant due = point.plus(window); !due.isAfter(now); due = due.plus(window)) {
                    boolean met = next != null && !next.isAfter(due);
                    DealState atDue = deal.asOf(met ? next : due);
                    if (atDue == null || (!met && !atDue.open())) {
                        break;
                    }
                    if (!due.isBefore(from) && due.isBefore(end) && counted(atDue.ownerId())) {
                        Acc acc = rep(atDue.ownerId());
                        acc.windows++;
                        if (met) {
                            acc.met++;
                        }
                    }
                    if (met) {
                        break;
                    }
                }
            }
        }

        public synchronized List<Scorecard> scorecards() {
            if (repId != null && counted(repId)) {
                rep(repId);
            }
            List<Scorecard> out = new ArrayList<>();
            reps.forEach((id, acc) -> out.add(acc.scorecard(id, period.name())));
            return out;
        }
    }

    /** Whether the stay in {@code stage} that began at change {@code i} ended forward (later stage or won) by now. */
    private static boolean advancedLater(List<Change> h, int i, int stage, Instant now) {
        for (int j = i + 1; j < h.size(); j++) {
            Change c = h.get(j);
            if (c.at().isAfter(now)) {
                return false;
            }
            switch (c.kind()) {
                case STAGE -> {
                    return c.stage() > stage;
                }
                case WON -> {
                    return true;
                }
                case LOST -> {
                    return false;
                }
                default -> { }
            }
        }
        return false;
    }

    private static final class Acc {
        long activities;
        long windows;
        long met;
        long advances;
        final long[] entered;
        final long[] advanced;
        final long[] staySeconds;
        final long[] stays;
        long won;
        long lost;
        final Amounts.PerCurrency wonAmount = new Amounts.PerCurrency();
        long created;
        final Amounts.PerCurrency createdAmount = new Amounts.PerCurrency();

        Acc(int stages) {
            entered = new long[stages + 1];
            advanced = new long[stages + 1];
            staySeconds = new long[stages + 1];
            stays = new long[stages + 1];
        }

        void entered(int stage, boolean advancedLater) {
            int n = Math.min(stage, entered.length - 1);
            entered[n]++;
            if (advancedLater) {
                advanced[n]++;
            }
        }

        void stay(int stage, Instant since, Instant until) {
            int n = Math.min(stage, stays.length - 1);
            stays[n]++;
            staySeconds[n] += Duration.between(since, until).getSeconds();
        }

        Scorecard scorecard(UUID id, String period) {
            List<StageConversion> conversion = new ArrayList<>();
            Map<String, BigDecimal> days = new TreeMap<>();
            for (int n = 1; n < entered.length; n++) {
                conversion.add(new StageConversion(n, entered[n], advanced[n], Amounts.ratio(advanced[n], entered[n])));
                if (stays[n] > 0) {
                    days.put(Integer.toString(n), BigDecimal.valueOf(staySeconds[n])
                            .divide(BigDecimal.valueOf(86400L * stays[n]), 1, RoundingMode.HALF_EVEN));
                }
            }
            return new Scorecard(id, period, activities, new FollowUp(windows, met, Amounts.ratio(met, windows)),
                    advances, conversion, days, won, lost, Amounts.ratio(won, won + lost), wonAmount.texts(), created,
                    createdAmount.texts());
        }
    }
}
