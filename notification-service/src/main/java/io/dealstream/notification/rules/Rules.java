package io.dealstream.notification.rules;

import static io.dealstream.notification.rules.RuleNames.*;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The 1-15-30 rule and the alerts, as pure functions of the known facts and an instant: which notifications are due
 * as of {@code at}. A notification is due when its due instant lies in {@code (at - maxLateness, at]}; what fell due
 * earlier is no longer sent. Nobody departed is a recipient. No I/O, no clock: plain-JUnit testable.
 */
public final class Rules {

    /** The customer statuses the 15 follows up. */
    public static final Set<String> FOLLOWED_UP_STATUSES = Set.of("ACTIVE", "PROSPECT");
    private static final String TEAM = "team";
    private final Thresholds t;

    public Rules(Thresholds thresholds) {
        this.t = thresholds;
    }

    /**
     * Everything due as of {@code at}, from all the facts at once. A run of the service reads the deals a page at a
     * time instead and asks the parts below ({@code service/RuleRunner}); together they amount to this.
     */
    public List<Due> evaluate(Facts facts, Instant at) {
        List<Due> out = new ArrayList<>();
        for (WeeklyReview.Draft draft : weeklyReviews(facts, at)) {
            draft.add(facts);
            out.add(weeklyReview(draft.build()));
        }
        out.addAll(deals(facts, at));
        out.addAll(customers(facts, at));
        out.addAll(handovers(facts, at));
        return out;
    }

    /** What the deals among {@code facts} open at {@code at} make due: the 15, the 30, stage roles, misalignment. */
    public List<Due> deals(Facts facts, Instant at) {
        List<Due> out = new ArrayList<>();
        facts.deals().values().stream().filter(d -> d.openAt(at)).sorted(Comparator.comparing(Facts.Deal::id))
                .forEach(d -> {
                    dealFollowUp(facts, d, at, out);
                    intentVerdict(facts, d, at, out);
                    stageRoles(facts, d, at, out);
                    misalignment(facts, d, at, out);
                });
        return deliverable(facts, out);
    }

    /** The 15 for the customers among {@code facts}. */
    public List<Due> customers(Facts facts, Instant at) {
        List<Due> out = new ArrayList<>();
        facts.customers().values().stream().sorted(Comparator.comparing(Facts.Customer::id))
                .forEach(c -> customerFollowUp(facts, c, at, out));
        return deliverable(facts, out);
    }

    /** Departure alerts and handover briefings of the handovers among {@code facts}. */
    public List<Due> handovers(Facts facts, Instant at) {
        List<Due> out = new ArrayList<>();
        for (Facts.Handover h : facts.handovers()) {
            departure(facts, h, at, out);
            briefings(facts, h, at, out);
        }
        return deliverable(facts, out);
    }

    /** Whether anything of a handover can be due as of {@code at} (else its deals and customers need not be read). */
    public boolean concerns(Facts.Handover h, Instant at) {
        return due(h.openedAt(), at) || h.assigned().stream().anyMatch(a -> due(a.at(), at));
    }

    /** Those with a recipient, and not one who has departed. */
    private static List<Due> deliverable(Facts facts, List<Due> out) {
        return out.stream().filter(d -> d.recipientId() != null && !facts.departed(d.recipientId())).toList();
    }

    boolean due(Instant dueAt, Instant at) {
        return dueAt != null && !dueAt.isAfter(at) && dueAt.isAfter(at.minus(t.maxLateness()));
    }

    // --- 1: weekly review ----------------------------------------------------------------------------------

    /**
     * The weekly reviews due as of {@code at}, one per team with a manager (not departed), each still to be gathered
     * from the deals ({@link WeeklyReview.Draft#add}); {@code facts} need only know staff and teams.
     */
    public List<WeeklyReview.Draft> weeklyReviews(Facts facts, Instant at) {
        List<WeeklyReview.Draft> out = new ArrayList<>();
        for (Facts.Team team : facts.teams().values()) {
            if (team.managerId() == null || facts.departed(team.managerId())) {
                continue;
            }
            ZoneId zone = team.zone() != null ? team.zone() : t.defaultZone();
            Instant occurrence = WeeklyReview.latestOccurrence(at, zone, t.reviewDay(), t.reviewTime());
            if (!due(occurrence, at) || team.createdAt() != null && team.createdAt().isAfter(occurrence)) {
                continue;
            }
            out.add(WeeklyReview.draft(facts, team, zone, occurrence, t.reviewLookbackDays()));
        }
        return out;
    }

    /** The notification of a gathered weekly review, to the team's manager. */
    public Due weeklyReview(WeeklyReview review) {
        return new Due(WEEKLY_REVIEW, TEAM, review.teamId(), review.week(), review.managerId(), review.scheduledFor(),
                "Weekly funnel review " + review.week() + ": "
                        + Objects.requireNonNullElse(review.teamName(), review.teamId().toString()),
                review.reps().size() + " team members, " + review.openDeals() + " open deals, "
                        + review.changedDeals() + " changed in the last " + t.reviewLookbackDays() + " days.",
                review);
    }

    /** The id the notification of a weekly review will have, known before the review is gathered. */
    public static UUID notificationId(WeeklyReview.Draft draft) {
        return Due.id(WEEKLY_REVIEW, TEAM, draft.teamId(), draft.week(), draft.managerId());
    }

    // --- 15: follow up again -------------------------------------------------------------------------------

    void dealFollowUp(Facts facts, Facts.Deal d, Instant at, List<Due> out) {
        if (d.ownerId() == null) {
            return;
        }
        Instant anchor = d.openedAt();
        Facts.Customer c = d.customerId() == null ? null : facts.customers().get(d.customerId());
        if (c != null) {
            for (Facts.Activity a : c.activities()) {
                if (d.id().equals(a.dealId()) && !a.at().isAfter(at) && a.at().isAfter(anchor)) {
                    anchor = a.at();
                }
            }
        }
        followUp(facts, "deal", d.id(), "deal '" + d.title() + "'", d.ownerId(), anchor, at, out);
    }

    void customerFollowUp(Facts facts, Facts.Customer c, Instant at, List<Due> out) {
        if (c.ownerId() == null || !FOLLOWED_UP_STATUSES.contains(c.status()) || c.registeredAt() == null
                || c.registeredAt().isAfter(at)) {
            return;
        }
        Instant anchor = c.registeredAt();
        for (Facts.Activity a : c.activities()) {
            if (!a.at().isAfter(at) && a.at().isAfter(anchor)) {
                anchor = a.at();
            }
        }
        followUp(facts, "customer", c.id(), "customer " + c.id(), c.ownerId(), anchor, at, out);
    }

    private void followUp(Facts facts, String type, UUID id, String label, UUID owner, Instant anchor, Instant at,
                          List<Due> out) {
        Instant reminder = anchor.plus(Duration.ofDays(t.followUpDays()));
        Map<String, Object> detail = detail("subjectType", type, "subjectId", id, "ownerId", owner,
                "lastActivityOrOpening", anchor);
        if (due(reminder, at)) {
            out.add(new Due(FOLLOW_UP, type, id, anchor.toString(), owner, reminder, "Follow up: " + label,
                    "No activity on " + label + " since " + anchor + " (" + t.followUpDays()
                            + " days). Log a call, visit, meeting, e-mail or demo.", detail));
        }
        Instant escalation = anchor.plus(Duration.ofDays(t.escalationDays()));
        if (due(escalation, at)) {
            out.add(new Due(FOLLOW_UP_ESCALATION, type, id, anchor.toString(), facts.managerOf(owner), escalation,
                    "Follow-up overdue: " + label, "No activity on " + label + " of " + owner + " since " + anchor
                            + " (" + t.escalationDays() + " days).", detail));
        }
    }

    // --- 30: judge intent ----------------------------------------------------------------------------------

    void intentVerdict(Facts facts, Facts.Deal d, Instant at, List<Due> out) {
        Instant anchor = d.openedAt();
        for (Instant p : d.progress()) {
            if (!p.isAfter(at) && p.isAfter(anchor)) {
                anchor = p;
            }
        }
        Instant stalled = anchor.plus(Duration.ofDays(t.stalledDays()));
        if (!due(stalled, at)) {
            return;
        }
        for (UUID recipient : recipients(d.ownerId(), facts.managerOf(d.ownerId()))) {
            out.add(new Due(INTENT_VERDICT, "deal", d.id(), anchor.toString(), recipient, stalled,
                    "Stalled deal: judge intent on '" + d.title() + "'",
                    "No stage progress on '" + d.title() + "' (stage " + d.stage() + ") since " + anchor
                            + ". Confirm intent (an activity with evidence, or a stage move) or close it as LOST with NO_INTENT.",
                    detail("dealId", d.id(), "ownerId", d.ownerId(), "stage", d.stage(), "lastStageProgress", anchor)));
        }
    }

    // --- alerts --------------------------------------------------------------------------------------------

    void stageRoles(Facts facts, Facts.Deal d, Instant at, List<Due> out) {
        if (!due(d.stageEnteredAt(), at)) {
            return;
        }
        for (String role : t.stageRoles().getOrDefault(d.stage(), List.of())) {
            UUID assignee = d.stageRoles().get(role);
            List<UUID> recipients = assignee != null ? List.of(assignee) : pool(facts, d.ownerId(), role);
            for (UUID recipient : recipients) {
                out.add(new Due(STAGE_ROLE, "deal", d.id(), "stage-" + d.stage() + "@" + d.stageEnteredAt() + "/" + role,
                        recipient, d.stageEnteredAt(), "Stage role " + role + " needed: '" + d.title() + "'",
                        assignee != null
                                ? "'" + d.title() + "' entered stage " + d.stage() + "; you hold its " + role + " role."
                                : "'" + d.title() + "' entered stage " + d.stage() + " and its " + role
                                        + " role is unassigned; you are in the team's " + role + " pool.",
                        detail("dealId", d.id(), "stage", d.stage(), "role", role, "assigned", assignee != null,
                                "ownerId", d.ownerId())));
            }
        }
    }

    /** Staff in the owner's team with the role's capability (a role name is a capability name). */
    static List<UUID> pool(Facts facts, UUID ownerId, String role) {
        Facts.Staff owner = ownerId == null ? null : facts.staff().get(ownerId);
        if (owner == null || owner.teamId() == null) {
            return List.of();
        }
        return facts.staff().values().stream()
                .filter(s -> owner.teamId().equals(s.teamId()) && !s.departed() && s.capabilities().contains(role))
                .map(Facts.Staff::id).sorted().toList();
    }

    void misalignment(Facts facts, Facts.Deal d, Instant at, List<Due> out) {
        if (!due(d.misalignedAt(), at)) {
            return;
        }
        for (UUID recipient : recipients(d.ownerId(), facts.managerOf(d.ownerId()))) {
            out.add(new Due(MISALIGNMENT, "deal", d.id(), d.misalignedAt().toString(), recipient, d.misalignedAt(),
                    "Misaligned: '" + d.title() + "'",
                    "Seller stage " + d.misalignedStage() + " is more than 2 ahead of the buyer stage " + d.buyerStage()
                            + " on '" + d.title() + "': a forecast risk.",
                    detail("dealId", d.id(), "stage", d.misalignedStage(), "buyerStage", d.buyerStage())));
        }
    }

    void departure(Facts facts, Facts.Handover h, Instant at, List<Due> out) {
        if (!due(h.openedAt(), at)) {
            return;
        }
        Map<UUID, UUID> assigned = new LinkedHashMap<>();
        h.assigned().stream().filter(a -> !a.at().isAfter(at)).forEach(a -> assigned.put(a.itemId(), a.newOwnerId()));
        List<Map<String, Object>> accounts = h.accounts().stream()
                .map(c -> detail("customerId", c, "newOwnerId", assigned.get(c))).toList();
        List<Map<String, Object>> deals = h.deals().stream().map(id -> {
            Facts.Deal d = facts.deals().get(id);
            return detail("dealId", id, "title", d == null ? null : d.title(), "stage", d == null ? null : d.stage(),
                    "amount", d == null ? null : d.amount(), "currency", d == null ? null : d.currency(),
                    "newOwnerId", assigned.get(id));
        }).toList();
        long orphaned = accounts.stream().filter(a -> a.get("newOwnerId") == null).count()
                + deals.stream().filter(a -> a.get("newOwnerId") == null).count();
        out.add(new Due(DEPARTURE, "handover", h.id(), h.id().toString(), facts.managerOf(h.staffId()), h.openedAt(),
                "Departure: " + h.staffId() + " leaves " + h.accounts().size() + " accounts and " + h.deals().size()
                        + " open deals",
                "Effective " + h.effectiveDate() + ". To hand over: " + h.accounts().size() + " accounts, "
                        + h.deals().size() + " open deals; " + orphaned + " still without a new owner.",
                detail("departedStaffId", h.staffId(), "effectiveDate", h.effectiveDate(), "successorId",
                        h.successorId(), "accounts", accounts, "deals", deals, "orphaned", orphaned)));
    }

    void briefings(Facts facts, Facts.Handover h, Instant at, List<Due> out) {
        for (Facts.Assignment a : h.assigned()) {
            if (!due(a.at(), at)) {
                continue;
            }
            if ("DEAL".equals(a.itemType())) {
                Facts.Deal d = facts.deals().get(a.itemId());
                Facts.Customer c = d == null || d.customerId() == null ? null : facts.customers().get(d.customerId());
                List<Facts.Activity> activities = c == null ? List.of()
                        : c.activities().stream().filter(x -> a.itemId().equals(x.dealId())).toList();
                String title = d == null ? a.itemId().toString() : d.title();
                out.add(new Due(HANDOVER_BRIEFING, "deal", a.itemId(), h.id().toString(), a.newOwnerId(), a.at(),
                        "Handover briefing: deal '" + title + "'",
                        d == null ? "You now own deal " + a.itemId() + "."
                                : "You now own '" + title + "': stage " + d.stage() + ", " + d.amount() + " "
                                + d.currency() + ", expected close " + d.expectedCloseDate() + "; "
                                + activities.size() + " follow-ups logged, " + d.version() + " events in its history.",
                        detail("dealId", a.itemId(), "handoverId", h.id(), "previousOwnerId", h.staffId(),
                                "title", d == null ? null : d.title(), "stage", d == null ? null : d.stage(),
                                "amount", d == null ? null : d.amount(), "currency", d == null ? null : d.currency(),
                                "expectedCloseDate", d == null ? null : d.expectedCloseDate(),
                                "nextStep", d == null ? null : d.nextStep(), "openedAt", d == null ? null : d.openedAt(),
                                "followUps", activities.size(), "lastFollowUp", last(activities),
                                "events", d == null ? null : d.version())));
            } else {
                Facts.Customer c = facts.customers().get(a.itemId());
                List<Map<String, Object>> openDeals = facts.deals().values().stream()
                        .filter(d -> a.itemId().equals(d.customerId()) && d.openAt(at))
                        .sorted(Comparator.comparing(Facts.Deal::id))
                        .map(d -> detail("dealId", d.id(), "title", d.title(), "stage", d.stage())).toList();
                List<Facts.Activity> activities = c == null ? List.of() : c.activities();
                out.add(new Due(HANDOVER_BRIEFING, "customer", a.itemId(), h.id().toString(), a.newOwnerId(), a.at(),
                        "Handover briefing: account " + a.itemId(),
                        "You now own account " + a.itemId() + (c == null ? "" : " (" + c.status() + ")") + ": "
                                + activities.size() + " follow-ups logged, " + openDeals.size() + " open deals.",
                        detail("customerId", a.itemId(), "handoverId", h.id(), "previousOwnerId", h.staffId(),
                                "status", c == null ? null : c.status(), "followUps", activities.size(),
                                "lastFollowUp", last(activities), "openDeals", openDeals)));
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static Instant last(List<Facts.Activity> activities) {
        return activities.stream().map(Facts.Activity::at).max(Comparator.naturalOrder()).orElse(null);
    }

    private static List<UUID> recipients(UUID... ids) {
        Set<UUID> out = new LinkedHashSet<>();
        for (UUID id : ids) {
            if (id != null) {
                out.add(id);
            }
        }
        return List.copyOf(out);
    }

    /** An ordered map of the non-null pairs. */
    static Map<String, Object> detail(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put((String) pairs[i], pairs[i + 1] instanceof UUID || pairs[i + 1] instanceof Instant
                        ? pairs[i + 1].toString() : pairs[i + 1]);
            }
        }
        return map;
    }
}
