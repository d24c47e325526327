package io.dealstream.forecast.service;

import io.dealstream.forecast.config.ForecastConfig.Thresholds;
import io.dealstream.forecast.model.CustomerDoc;
import io.dealstream.forecast.model.DealDoc;
import io.dealstream.forecast.model.DealState;
import io.dealstream.forecast.model.ProcessConfig;
import io.dealstream.forecast.model.StaffDoc;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The weighted forecast of DOMAIN.md, pure: over the deals as they were at {@code asOf}, open deals whose expected
 * close date falls in the period count with amount × the probability of their stage and in their stage's category;
 * deals won with a signing date in the period count in the won category. Per group and per currency (no rate table).
 * Stalled and misaligned open deals are flagged with their count and amount.
 */
public final class Forecasts {

    /** How the figures are grouped. */
    public enum GroupBy { COMPANY, TEAM, REP, REGION }

    public record Report(String period, String from, String to, String groupBy, Instant asOf,
                         Instant processConfiguredAt, List<Group> groups) {
    }

    public record Group(String key, List<Figures> currencies) {
    }

    public record Figures(String currency, String weightedAmount, long openCount, String openAmount,
                          List<Category> categories, Flagged stalled, Flagged misaligned) {
    }

    public record Category(String category, long count, String amount) {
    }

    public record Flagged(long count, String amount) {
    }

    private Forecasts() {
    }

    /**
     * The forecast taken deal by deal: {@link #add} each page of deals (with their customers and owners) as it is
     * read, then {@link #report}. Holds the sums per group and currency, never the deals.
     */
    public static final class Tally {

        private final ProcessConfig process;
        private final Instant processConfiguredAt;
        private final Period period;
        private final GroupBy groupBy;
        private final Instant asOf;
        private final Scope scope;
        private final Thresholds thresholds;
        private final Map<String, Map<String, Acc>> groups = new TreeMap<>();

        public Tally(ProcessConfig process, Instant processConfiguredAt, Period period, GroupBy groupBy, Instant asOf,
                     Scope scope, Thresholds thresholds) {
            this.process = process;
            this.processConfiguredAt = processConfiguredAt;
            this.period = period;
            this.groupBy = groupBy;
            this.asOf = asOf;
            this.scope = scope;
            this.thresholds = thresholds;
        }

        public synchronized void add(List<DealDoc> deals, Map<UUID, CustomerDoc> customers, Map<UUID, StaffDoc> staff) {
            for (DealDoc deal : deals) {
                add(deal, customers, staff);
            }
        }

        private void add(DealDoc deal, Map<UUID, CustomerDoc> customers, Map<UUID, StaffDoc> staff) {
            DealState s = deal.asOf(asOf);
            if (s == null || !scope.sees(s.ownerId())) {
                return;
            }
            boolean open = s.open() && period.contains(s.closeDate());
            boolean won = s.status() == DealState.Status.WON && period.contains(s.closedOn());
            if (!open && !won) {
                return;
            }
            String key = key(groupBy, s.ownerId(), customers.get(deal.customerId()), staff.get(s.ownerId()));
            Acc acc = groups.computeIfAbsent(key, k -> new TreeMap<>())
                    .computeIfAbsent(s.currency(), c -> new Acc(process));
            BigDecimal amount = s.amountValue();
            if (won) {
                acc.category(process.wonCategory(), amount);
                return;
            }
            ProcessConfig.Stage stage = process.stage(s.stage());
            acc.weighted = acc.weighted.add(amount.multiply(stage.probability()));
            acc.openCount++;
            acc.openAmount = acc.openAmount.add(amount);
            acc.category(stage.category(), amount);
            if (stalled(s, asOf, thresholds)) {
                acc.stalledCount++;
                acc.stalledAmount = acc.stalledAmount.add(amount);
            }
            if (process.misaligned(s.stage(), s.buyerStage())) {
                acc.misalignedCount++;
                acc.misalignedAmount = acc.misalignedAmount.add(amount);
            }
        }

        public synchronized Report report() {
            List<Group> out = new ArrayList<>();
            groups.forEach((key, perCurrency) -> {
                List<Figures> figures = new ArrayList<>();
                perCurrency.forEach((currency, acc) -> figures.add(acc.figures(currency)));
                out.add(new Group(key, figures));
            });
            return new Report(period.name(), period.from().toString(), period.to().toString(),
                    groupBy.name().toLowerCase(), asOf, processConfiguredAt, out);
        }
    }

    /** Open and without stage progress for at least the stalled threshold. */
    public static boolean stalled(DealState s, Instant at, Thresholds thresholds) {
        return s.open() && Duration.between(s.lastProgressAt(), at).toDays() >= thresholds.stalledDays();
    }

    static String key(GroupBy groupBy, UUID ownerId, CustomerDoc customer, StaffDoc owner) {
        return switch (groupBy) {
            case COMPANY -> "company";
            case REP -> String.valueOf(ownerId);
            case TEAM -> owner == null || owner.teamId() == null ? "no-team" : owner.teamId().toString();
            case REGION -> customer == null || customer.region() == null ? "unknown" : customer.region();
        };
    }

    private static final class Acc {
        BigDecimal weighted = BigDecimal.ZERO;
        long openCount;
        BigDecimal openAmount = BigDecimal.ZERO;
        final Map<String, long[]> counts = new LinkedHashMap<>();
        final Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        long stalledCount;
        BigDecimal stalledAmount = BigDecimal.ZERO;
        long misalignedCount;
        BigDecimal misalignedAmount = BigDecimal.ZERO;

        Acc(ProcessConfig process) {
            for (String c : process.categories()) {
                counts.put(c, new long[1]);
                amounts.put(c, BigDecimal.ZERO);
            }
        }

        void category(String category, BigDecimal amount) {
            counts.computeIfAbsent(category, c -> new long[1])[0]++;
            amounts.merge(category, amount, BigDecimal::add);
        }

        Figures figures(String currency) {
            List<Category> categories = new ArrayList<>();
            counts.forEach((c, n) -> categories.add(new Category(c, n[0], Amounts.text(amounts.get(c)))));
            return new Figures(currency, Amounts.text(weighted), openCount, Amounts.text(openAmount), categories,
                    new Flagged(stalledCount, Amounts.text(stalledAmount)),
                    new Flagged(misalignedCount, Amounts.text(misalignedAmount)));
        }
    }
}
