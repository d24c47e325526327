package io.dealstream.forecast.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dealstream.forecast.model.Change;
import io.dealstream.forecast.model.CustomerDoc;
import io.dealstream.forecast.model.DealDoc;
import io.dealstream.forecast.model.DealState;
import io.dealstream.forecast.model.HandoverDoc;
import io.dealstream.forecast.model.StaffDoc;
import io.dealstream.support.rest.Page;
import io.dealstream.support.rest.PageRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Staff turnover analytics of DOMAIN.md, pure, from the departures' handovers and the deals' timelines.
 * A deal is handed over when it gets its new owner (the handover's assignment, else the owner change naming the
 * departure); "after the handover" means after that moment.
 */
public final class Turnover {

    /** The impact of one departure. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Departure(UUID staffId, UUID departureId, LocalDate effectiveDate, UUID successorId, String reason,
                            int accountsAffected, int openDealsAffected, Map<String, String> pipelineValueAffected,
                            Lag handoverLag, int orphaned, Outcomes afterHandover, List<Item> items) {
    }

    /** Handover lag in days, over the items assigned so far. */
    public record Lag(int assigned, BigDecimal averageDays, Long maxDays) {
    }

    /** What happened to the departure's deals after they were handed over. */
    public record Outcomes(int handedOverDeals, int won, int lost, Map<String, Integer> lostByReason,
                           Map<String, Integer> lostToCompetitor, int stageRegressions,
                           BigDecimal averageDaysToNextActivity, int withoutActivityYet, int closeDateSlips,
                           long slipDays) {
    }

    /** One account or deal the departure left. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String itemType, UUID itemId, String status, UUID newOwnerId, Instant assignedAt, Long lagDays,
                       String outcome, String lostReason, String competitor, Integer stageRegressions,
                       Long daysToNextActivity, Integer closeDateSlips, Long slipDays) {
    }

    /** Handed-over against never handed-over deals closed in a range. */
    public record Comparison(LocalDate from, LocalDate to, Cohort handedOver, Cohort neverHandedOver) {
    }

    public record Cohort(int deals, int won, int lost, BigDecimal winRate, BigDecimal averageCycleDays,
                         BigDecimal averageSlipDays) {
    }

    /**
     * @param singleThreadedAccounts one page of them, by customer id
     * @param nextCursor             where the next page of single-threaded accounts starts (null: none)
     */
    public record KeyPersonRisk(BigDecimal topShareOfReps, List<Concentration> openPipeline,
                                List<Concentration> wonLast12Months, List<SingleThreaded> singleThreadedAccounts,
                                String nextCursor) {
    }

    /** Per currency: how much the top reps hold of the total. */
    public record Concentration(String currency, int reps, int topReps, List<UUID> topRepIds, String topAmount,
                                String totalAmount, BigDecimal share) {
    }

    public record SingleThreaded(UUID customerId, String name, UUID ownerId, int contacts, List<String> reasons) {
    }

    private Turnover() {
    }

    public static List<Departure> departures(List<HandoverDoc> handovers, Map<UUID, DealDoc> deals,
                                             Map<UUID, CustomerDoc> customers, Map<UUID, StaffDoc> staff, Instant now,
                                             Scope scope, boolean withItems) {
        List<Departure> out = new ArrayList<>();
        for (HandoverDoc h : handovers) {
            if (!scope.sees(h.staffId())) {
                continue;
            }
            out.add(departure(h, deals, customers, staff.get(h.staffId()), now, withItems));
        }
        out.sort(Comparator.comparing(Departure::effectiveDate).thenComparing(d -> d.departureId().toString()));
        return out;
    }

    static Departure departure(HandoverDoc h, Map<UUID, DealDoc> deals, Map<UUID, CustomerDoc> customers,
                               StaffDoc staff, Instant now, boolean withItems) {
        Amounts.PerCurrency value = new Amounts.PerCurrency();
        List<Item> items = new ArrayList<>();
        long lagTotal = 0;
        long lagMax = -1;
        int assigned = 0;
        int orphaned = 0;
        int handedOver = 0;
        int won = 0;
        int lost = 0;
        Map<String, Integer> byReason = new TreeMap<>();
        Map<String, Integer> byCompetitor = new TreeMap<>();
        int regressions = 0;
        long activityDays = 0;
        int withActivity = 0;
        int withoutActivity = 0;
        int slips = 0;
        long slipDays = 0;
        for (UUID account : h.accounts()) {
            HandoverDoc.Assignment a = h.assignment(account);
            if (a != null) {
                assigned++;
                lagTotal += a.lagDays();
                lagMax = Math.max(lagMax, a.lagDays());
            } else {
                orphaned++;
            }
            items.add(new Item("ACCOUNT", account, a == null ? "ORPHANED" : "ASSIGNED", a == null ? null : a.newOwnerId(),
                    a == null ? null : a.assignedAt(), a == null ? null : a.lagDays(), null, null, null, null, null,
                    null, null));
        }
        for (HandoverDoc.DealRef ref : h.deals()) {
            DealDoc deal = deals.get(ref.dealId());
            DealState atDeparture = deal == null ? null : deal.asOf(h.openedAt());
            if (atDeparture != null) {
                value.add(atDeparture.currency(), atDeparture.amountValue());
            }
            HandoverDoc.Assignment a = h.assignment(ref.dealId());
            Instant handed = a != null ? a.assignedAt() : ownerChangeFor(deal, h.id());
            boolean closed = h.closedDeals().contains(ref.dealId());
            if (a != null) {
                assigned++;
                lagTotal += a.lagDays();
                lagMax = Math.max(lagMax, a.lagDays());
            } else if (handed == null && !closed) {
                orphaned++;
            }
            String status = handed != null ? "ASSIGNED" : closed ? "CLOSED" : "ORPHANED";
            if (deal == null || handed == null) {
                items.add(new Item("DEAL", ref.dealId(), status, null, null, null,
                        deal == null ? null : deal.state().status().name(), null, null, null, null, null, null));
                continue;
            }
            handedOver++;
            DealState s = deal.asOf(now);
            int dealRegressions = 0;
            int dealSlips = 0;
            long dealSlipDays = 0;
            LocalDate closeDate = deal.asOf(handed) == null ? null : deal.asOf(handed).closeDate();
            for (Change c : deal.history()) {
                if (!c.at().isAfter(handed) || c.at().isAfter(now)) {
                    if (c.kind() == Change.Kind.CLOSE_DATE && !c.at().isAfter(handed)) {
                        closeDate = c.date();
                    }
                    continue;
                }
                if (c.kind() == Change.Kind.STAGE && c.from() != null && c.stage() < c.from()) {
                    dealRegressions++;
                }
                if (c.kind() == Change.Kind.CLOSE_DATE) {
                    if (closeDate != null && c.date().isAfter(closeDate)) {
                        dealSlips++;
                        dealSlipDays += c.date().toEpochDay() - closeDate.toEpochDay();
                    }
                    closeDate = c.date();
                }
            }
            regressions += dealRegressions;
            slips += dealSlips;
            slipDays += dealSlipDays;
            Long toActivity = null;
            CustomerDoc customer = customers.get(deal.customerId());
            if (customer != null) {
                toActivity = customer.activities().stream()
                        .filter(x -> deal.id().equals(x.dealId()) && x.at().isAfter(handed) && !x.at().isAfter(now))
                        .map(x -> Duration.between(handed, x.at()).toDays()).min(Long::compare).orElse(null);
            }
            if (toActivity != null) {
                withActivity++;
                activityDays += toActivity;
            } else {
                withoutActivity++;
            }
            if (s != null && s.status() == DealState.Status.WON) {
                won++;
            } else if (s != null && s.status() == DealState.Status.LOST) {
                lost++;
                byReason.merge(s.lostReason(), 1, Integer::sum);
                if (s.competitor() != null) {
                    byCompetitor.merge(s.competitor(), 1, Integer::sum);
                }
            }
            items.add(new Item("DEAL", ref.dealId(), status, s == null ? null : s.ownerId(), handed,
                    a == null ? null : a.lagDays(), s == null ? null : s.status().name(),
                    s == null ? null : s.lostReason(), s == null ? null : s.competitor(), dealRegressions, toActivity,
                    dealSlips, dealSlipDays));
        }
        Lag lag = new Lag(assigned, Amounts.averageDays(lagTotal, assigned), lagMax < 0 ? null : lagMax);
        Outcomes outcomes = new Outcomes(handedOver, won, lost, byReason, byCompetitor, regressions,
                Amounts.averageDays(activityDays, withActivity), withoutActivity, slips, slipDays);
        return new Departure(h.staffId(), h.id(), h.effectiveDate(), h.successorId(),
                staff == null ? null : staff.departureReason(), h.accounts().size(), h.deals().size(), value.texts(),
                lag, orphaned, outcomes, withItems ? items : null);
    }

    /** When the deal's owner was changed because of this departure, or null. */
    private static Instant ownerChangeFor(DealDoc deal, UUID departureId) {
        if (deal == null) {
            return null;
        }
        return deal.history().stream().filter(c -> c.kind() == Change.Kind.OWNER && departureId.equals(c.departureId()))
                .map(Change::at).findFirst().orElse(null);
    }

    /**
     * Deals closed (won: signed; lost: the day) in [from, to], split by whether they changed owner while open, taken
     * a page of deals at a time ({@link ReadModel#fold}), then {@link #comparison()}.
     */
    public static final class ComparisonTally implements PageFold {

        private final LocalDate from;
        private final LocalDate to;
        private final Instant now;
        private final Scope scope;
        private final long[][] acc = new long[2][5]; // handed over / never: deals, won, lost, cycle seconds, slip days

        public ComparisonTally(LocalDate from, LocalDate to, Instant now, Scope scope) {
            this.from = from;
            this.to = to;
            this.now = now;
            this.scope = scope;
        }

        @Override
        public synchronized void deals(List<DealDoc> deals, Map<UUID, CustomerDoc> customers) {
            for (DealDoc deal : deals) {
                DealState s = deal.asOf(now);
                if (s == null || s.open() || !scope.sees(s.ownerId())) {
                    continue;
                }
                LocalDate day = s.closedOn();
                if (day == null || day.isBefore(from) || day.isAfter(to)) {
                    continue;
                }
                long[] a = acc[s.ownerChanges() > 0 ? 0 : 1];
                a[0]++;
                a[s.status() == DealState.Status.WON ? 1 : 2]++;
                a[3] += Duration.between(s.openedAt(), s.closedAt()).getSeconds();
                a[4] += s.slipDays();
            }
        }

        public synchronized Comparison comparison() {
            return new Comparison(from, to, cohort(acc[0]), cohort(acc[1]));
        }
    }

    private static Cohort cohort(long[] a) {
        BigDecimal cycle = a[0] == 0 ? null
                : BigDecimal.valueOf(a[3]).divide(BigDecimal.valueOf(86400L * a[0]), 1, RoundingMode.HALF_EVEN);
        return new Cohort((int) a[0], (int) a[1], (int) a[2], Amounts.ratio(a[1], a[1] + a[2]), cycle,
                Amounts.averageDays(a[4], a[0]));
    }

    /**
     * Key-person risk at {@code now}, taken a page at a time ({@link ReadModel#fold}), then {@link #risk()}: per
     * currency, how much of the open pipeline and of the last 12 months' won amount the top share of reps holds, and
     * the single-threaded accounts (one contact at most, or no one but the owner active on them in the last
     * {@code singleThreadedDays}), a page of them by customer id (the {@code page} asked for). It holds the page, not
     * every single-threaded account of the company.
     */
    public static final class KeyPersonTally implements PageFold {

        private final Instant now;
        private final Scope scope;
        private final BigDecimal topShare;
        private final LocalDate today;
        private final LocalDate yearAgo;
        private final Instant since;
        private final Map<String, Map<UUID, BigDecimal>> open = new TreeMap<>();
        private final Map<String, Map<UUID, BigDecimal>> won = new TreeMap<>();
        private final PageRequest page;
        private final String after;
        /** The page and one more (which says a next page exists), by customer id. */
        private final TreeMap<String, SingleThreaded> single = new TreeMap<>();

        public KeyPersonTally(Instant now, Scope scope, BigDecimal topShare, int singleThreadedDays, PageRequest page) {
            this.page = page;
            this.after = page.first() ? null : page.after().get(0);
            this.now = now;
            this.scope = scope;
            this.topShare = topShare;
            this.today = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
            this.yearAgo = today.minusMonths(12);
            this.since = now.minus(Duration.ofDays(singleThreadedDays));
        }

        @Override
        public Reads reads() {
            return Reads.DEALS_THEN_ACCOUNTS;
        }

        @Override
        public synchronized void deals(List<DealDoc> deals, Map<UUID, CustomerDoc> customers) {
            for (DealDoc deal : deals) {
                DealState s = deal.asOf(now);
                if (s == null || !scope.sees(s.ownerId())) {
                    continue;
                }
                if (s.open()) {
                    open.computeIfAbsent(s.currency(), c -> new TreeMap<>())
                            .merge(s.ownerId(), s.amountValue(), BigDecimal::add);
                } else if (s.status() == DealState.Status.WON && s.closedOn() != null && s.closedOn().isAfter(yearAgo)
                        && !s.closedOn().isAfter(today)) {
                    won.computeIfAbsent(s.currency(), c -> new TreeMap<>())
                            .merge(s.ownerId(), s.amountValue(), BigDecimal::add);
                }
            }
        }

        @Override
        public synchronized void accounts(Collection<CustomerDoc> customers) {
            for (CustomerDoc c : customers) {
                if (c.ownerId() == null || "LOST".equals(c.status()) || !scope.sees(c.ownerId())) {
                    continue;
                }
                List<String> reasons = new ArrayList<>();
                if (c.contacts().size() <= 1) {
                    reasons.add("ONE_CONTACT");
                }
                boolean others = c.activities().stream().filter(a -> a.at().isAfter(since) && !a.at().isAfter(now))
                        .anyMatch(a -> (a.actor() != null && !a.actor().equals(c.ownerId()))
                                || a.participants().stream().anyMatch(p -> !p.equals(c.ownerId())));
                if (!others) {
                    reasons.add("OWNER_ONLY_ACTIVITY");
                }
                String id = c.id().toString();
                if (!reasons.isEmpty() && (after == null || id.compareTo(after) > 0)) {
                    single.put(id, new SingleThreaded(c.id(), c.name(), c.ownerId(), c.contacts().size(), reasons));
                    if (single.size() > page.limit() + 1) {
                        single.pollLastEntry();
                    }
                }
            }
        }

        public synchronized KeyPersonRisk risk() {
            Page<SingleThreaded> accounts = page.page(List.copyOf(single.values()),
                    s -> PageRequest.cursor(s.customerId().toString()));
            return new KeyPersonRisk(topShare, concentration(open, topShare), concentration(won, topShare),
                    accounts.items(), accounts.nextCursor());
        }
    }

    /** The top share of reps (at least one) by amount, per currency; ties broken by rep id. */
    static List<Concentration> concentration(Map<String, Map<UUID, BigDecimal>> perCurrency, BigDecimal topShare) {
        List<Concentration> out = new ArrayList<>();
        perCurrency.forEach((currency, byRep) -> {
            List<Map.Entry<UUID, BigDecimal>> ranked = new ArrayList<>(byRep.entrySet());
            ranked.sort(Map.Entry.<UUID, BigDecimal>comparingByValue().reversed()
                    .thenComparing(e -> e.getKey().toString()));
            int top = Math.max(1, topShare.multiply(BigDecimal.valueOf(ranked.size()))
                    .setScale(0, RoundingMode.CEILING).intValue());
            BigDecimal total = ranked.stream().map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal topAmount = ranked.subList(0, top).stream().map(Map.Entry::getValue)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            out.add(new Concentration(currency, ranked.size(), top,
                    ranked.subList(0, top).stream().map(Map.Entry::getKey).toList(), Amounts.text(topAmount),
                    Amounts.text(total), Amounts.share(topAmount, total)));
        });
        return out;
    }
}
