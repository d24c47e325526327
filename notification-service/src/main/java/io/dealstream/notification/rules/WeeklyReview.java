package io.dealstream.notification.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A manager's weekly funnel review for one team: for each member, every open deal with stage, amount and close date,
 * what changed in the last days and the follow-ups logged. A snapshot as of {@code scheduledFor}.
 */
public record WeeklyReview(UUID teamId, String teamName, UUID managerId, String week, String timeZone,
                           Instant scheduledFor, Instant since, List<Rep> reps) {

    public record Rep(UUID staffId, List<DealLine> deals) {
    }

    public record DealLine(UUID dealId, String title, int stage, String amount, String currency,
                           String expectedCloseDate, List<ChangeLine> changes, List<FollowUpLine> followUps) {
    }

    public record ChangeLine(String type, Instant at) {
    }

    public record FollowUpLine(UUID activityId, String type, Instant at) {
    }

    public int openDeals() {
        return reps.stream().mapToInt(r -> r.deals().size()).sum();
    }

    public long changedDeals() {
        return reps.stream().flatMap(r -> r.deals().stream()).filter(d -> !d.changes().isEmpty()).count();
    }

    /** The latest instant not after {@code at} that falls on {@code day} at {@code time} local time in {@code zone}. */
    public static Instant latestOccurrence(Instant at, ZoneId zone, java.time.DayOfWeek day, LocalTime time) {
        LocalDate date = at.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(day));
        ZonedDateTime candidate = date.atTime(time).atZone(zone);
        if (candidate.toInstant().isAfter(at)) {
            candidate = date.minusWeeks(1).atTime(time).atZone(zone);
        }
        return candidate.toInstant();
    }

    /** ISO week of a local date, e.g. {@code 2027-W03}. */
    public static String isoWeek(LocalDate date) {
        return String.format("%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The review of {@code team}, to be gathered deal by deal: its members as {@code people} know them, no deals. */
    public static Draft draft(Facts people, Facts.Team team, ZoneId zone, Instant scheduledFor, int lookbackDays) {
        return new Draft(people, team, zone, scheduledFor, scheduledFor.minus(java.time.Duration.ofDays(lookbackDays)));
    }

    /**
     * A team's review gathered from the deals a page at a time: it keeps only the lines the review will show (its
     * members' open deals with a week's changes and follow-ups), never a page's deals or customers.
     */
    public static final class Draft {

        private static final Comparator<DealLine> ORDER = Comparator
                .comparing((DealLine d) -> String.valueOf(d.expectedCloseDate())).thenComparing(DealLine::dealId);

        private final Facts.Team team;
        private final ZoneId zone;
        private final Instant scheduledFor;
        private final Instant since;
        /** Each member's lines, members in the order of their ids. */
        private final Map<UUID, List<DealLine>> lines = new TreeMap<>();

        private Draft(Facts people, Facts.Team team, ZoneId zone, Instant scheduledFor, Instant since) {
            this.team = team;
            this.zone = zone;
            this.scheduledFor = scheduledFor;
            this.since = since;
            people.staff().values().stream().filter(s -> team.id().equals(s.teamId()) && !s.departed())
                    .forEach(member -> lines.put(member.id(), new ArrayList<>()));
        }

        public UUID teamId() {
            return team.id();
        }

        public UUID managerId() {
            return team.managerId();
        }

        public String week() {
            return isoWeek(scheduledFor.atZone(zone).toLocalDate());
        }

        /** Adds the lines of the members' deals open at the review's time among {@code page}'s deals. */
        public void add(Facts page) {
            for (Facts.Deal d : page.deals().values()) {
                List<DealLine> member = d.ownerId() == null ? null : lines.get(d.ownerId());
                if (member != null && d.openAt(scheduledFor)) {
                    member.add(line(page, d, since, scheduledFor));
                }
            }
        }

        public WeeklyReview build() {
            List<Rep> reps = new ArrayList<>();
            lines.forEach((member, deals) -> reps.add(new Rep(member, deals.stream().sorted(ORDER).toList())));
            return new WeeklyReview(team.id(), team.name(), team.managerId(), week(), zone.getId(), scheduledFor, since,
                    reps);
        }
    }

    private static DealLine line(Facts facts, Facts.Deal d, Instant since, Instant until) {
        List<ChangeLine> changes = d.changes().stream()
                .filter(c -> c.at().isAfter(since) && !c.at().isAfter(until))
                .map(c -> new ChangeLine(c.type(), c.at())).toList();
        Facts.Customer customer = d.customerId() == null ? null : facts.customers().get(d.customerId());
        List<FollowUpLine> followUps = customer == null ? List.of() : customer.activities().stream()
                .filter(a -> d.id().equals(a.dealId()) && a.at().isAfter(since) && !a.at().isAfter(until))
                .sorted(Comparator.comparing(Facts.Activity::at))
                .map(a -> new FollowUpLine(a.id(), a.type(), a.at())).toList();
        return new DealLine(d.id(), d.title(), d.stage(), d.amount(), d.currency(), d.expectedCloseDate(), changes,
                followUps);
    }
}
