package io.dealstream.forecast.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dealstream.forecast.config.ForecastConfig.Thresholds;
import io.dealstream.forecast.model.CustomerDoc;
import io.dealstream.forecast.model.DealDoc;
import io.dealstream.forecast.model.DealState;
import io.dealstream.forecast.model.ProcessConfig;
import io.dealstream.forecast.model.StaffDoc;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The risk lists, pure, at {@code now}: STALLED (open deal without stage progress for the stalled threshold),
 * MISALIGNED (seller stage more than the gap ahead of the buyer stage), ORPHANED (open deal or account whose owner
 * departed and that has no new owner yet), FOLLOW_UP_OVERDUE (open deal, or ACTIVE/PROSPECT account with an owner,
 * more than the follow-up threshold of days after its last activity, or its opening if it has none).
 */
public final class Risks {

    /** The risk types of {@code GET /risks?type=}. */
    public enum Type { STALLED, MISALIGNED, ORPHANED, FOLLOW_UP_OVERDUE }

    /**
     * One item of a risk list.
     *
     * @param subject DEAL or ACCOUNT
     * @param since   when the risk began (last stage progress, last activity, departure effective date, ...)
     * @param days    whole days from {@code since} to now
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(Type type, String subject, UUID id, String name, UUID ownerId, UUID customerId, Integer stage,
                       Integer buyerStage, Instant since, long days) {
    }

    private Risks() {
    }

    /**
     * The risk lists taken a page at a time ({@link ReadModel#fold}): each page of deals with their customers, each
     * page of accounts, then {@link #items}. Holds the items found, not the deals or customers.
     */
    public static final class Tally implements PageFold {

        private final Map<UUID, StaffDoc> staff;
        private final ProcessConfig process;
        private final Instant now;
        private final Scope scope;
        private final Thresholds thresholds;
        private final List<Item> out = new ArrayList<>();

        public Tally(Map<UUID, StaffDoc> staff, ProcessConfig process, Instant now, Scope scope, Thresholds thresholds) {
            this.staff = staff;
            this.process = process;
            this.now = now;
            this.scope = scope;
            this.thresholds = thresholds;
        }

        @Override
        public Reads reads() {
            return Reads.DEALS_WITH_CUSTOMERS_THEN_ACCOUNTS;
        }

        /** The deals' risks; {@code customers} holds at least these deals' customers (for their activities). */
        @Override
        public synchronized void deals(List<DealDoc> deals, Map<UUID, CustomerDoc> customers) {
            for (DealDoc deal : deals) {
                DealState s = deal.state();
                if (!s.open() || !scope.sees(s.ownerId())) {
                    continue;
                }
                if (Forecasts.stalled(s, now, thresholds)) {
                    out.add(item(Type.STALLED, deal, s, s.lastProgressAt(), now));
                }
                if (process.misaligned(s.stage(), s.buyerStage())) {
                    out.add(item(Type.MISALIGNED, deal, s, lastBuyerOrStageChange(deal), now));
                }
                StaffDoc owner = staff.get(s.ownerId());
                if (owner != null && owner.departed()) {
                    out.add(item(Type.ORPHANED, deal, s, departed(owner), now));
                }
                Instant last = lastActivity(customers.get(deal.customerId()), deal.id(), s.openedAt());
                if (overdue(last, now, thresholds)) {
                    out.add(item(Type.FOLLOW_UP_OVERDUE, deal, s, last, now));
                }
            }
        }

        /** The accounts' risks. */
        @Override
        public synchronized void accounts(Collection<CustomerDoc> customers) {
            for (CustomerDoc c : customers) {
                if (c.ownerId() == null || !scope.sees(c.ownerId())) {
                    continue;
                }
                StaffDoc owner = staff.get(c.ownerId());
                if (owner != null && owner.departed()) {
                    out.add(account(Type.ORPHANED, c, departed(owner), now));
                }
                if ("ACTIVE".equals(c.status()) || "PROSPECT".equals(c.status())) {
                    Instant last = lastActivity(c, null, c.registeredAt());
                    if (overdue(last, now, thresholds)) {
                        out.add(account(Type.FOLLOW_UP_OVERDUE, c, last, now));
                    }
                }
            }
        }

        /** Every item found, by type and id. */
        public synchronized List<Item> items() {
            List<Item> sorted = new ArrayList<>(out);
            sorted.sort(Comparator.comparing((Item i) -> i.type().name()).thenComparing(i -> i.id().toString()));
            return sorted;
        }
    }

    /** The last activity on a deal ({@code dealId}) or on the account (any activity, when {@code dealId} is null). */
    static Instant lastActivity(CustomerDoc customer, UUID dealId, Instant opened) {
        Instant last = opened;
        if (customer != null) {
            for (CustomerDoc.Activity a : customer.activities()) {
                if ((dealId == null || dealId.equals(a.dealId())) && a.at().isAfter(last)) {
                    last = a.at();
                }
            }
        }
        return last;
    }

    private static boolean overdue(Instant last, Instant now, Thresholds thresholds) {
        return Duration.between(last, now).compareTo(Duration.ofDays(thresholds.followUpDays())) > 0;
    }

    private static Instant departed(StaffDoc owner) {
        return owner.effectiveDate() == null ? null : owner.effectiveDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    }

    private static Instant lastBuyerOrStageChange(DealDoc deal) {
        Instant at = deal.state().openedAt();
        for (var c : deal.history()) {
            if (c.kind() == io.dealstream.forecast.model.Change.Kind.STAGE
                    || c.kind() == io.dealstream.forecast.model.Change.Kind.BUYER_STAGE) {
                at = c.at();
            }
        }
        return at;
    }

    private static Item item(Type type, DealDoc deal, DealState s, Instant since, Instant now) {
        return new Item(type, "DEAL", deal.id(), deal.title(), s.ownerId(), deal.customerId(), s.stage(),
                s.buyerStage(), since, since == null ? 0 : Math.max(0, Duration.between(since, now).toDays()));
    }

    private static Item account(Type type, CustomerDoc c, Instant since, Instant now) {
        return new Item(type, "ACCOUNT", c.id(), c.name(), c.ownerId(), c.id(), null, null, since,
                since == null ? 0 : Math.max(0, Duration.between(since, now).toDays()));
    }
}
