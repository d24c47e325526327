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

    /** Builds the review of {@code team} as of {@code scheduledFor}, looking back {@code lookbackDays}. */
    public static WeeklyReview build(Facts facts, Facts.Team team, ZoneId zone, Instant scheduledFor, int lookbackDays) {
        Instant since = scheduledFor.minus(java.time.Duration.ofDays(lookbackDays));
        List<Rep> reps = new ArrayList<>();
        facts.staff().values().stream()
                .filter(s -> team.id().equals(s.teamId()) && !s.departed())
                .sorted(Comparator.comparing(Facts.Staff::id))
                .forEach(member -> {
                    List<DealLine> lines = facts.deals().values().stream()
                            .filter(d -> member.id().equals(d.ownerId()) && d.openAt(scheduledFor))
                            .sorted(Comparator.comparing((Facts.Deal d) -> String.valueOf(d.expectedCloseDate()))
                                    .thenComparing(Facts.Deal::id))
                            .map(d -> line(facts, d, since, scheduledFor))
                            .toList();
                    reps.add(new Rep(member.id(), lines));
                });
        return new WeeklyReview(team.id(), team.name(), team.managerId(), isoWeek(scheduledFor.atZone(zone).toLocalDate()),
                zone.getId(), scheduledFor, since, reps);
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
