package io.dealstream.notification.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pure rules: given these facts, at this instant, exactly these notifications are due. Plain JUnit. */
class RulesTest {

    final Rules rules = new Rules(Thresholds.defaults());
    final UUID team = UUID.randomUUID();
    final UUID manager = UUID.randomUUID();
    final UUID owner = UUID.randomUUID();
    final UUID customerId = UUID.randomUUID();
    final UUID dealId = UUID.randomUUID();
    final List<Facts.Staff> staff = new ArrayList<>(List.of(
            new Facts.Staff(manager, team, Set.of("SALES_MANAGER"), false),
            new Facts.Staff(owner, team, Set.of("SALES_REP"), false)));
    final List<Facts.Team> teams = new ArrayList<>(List.of(
            new Facts.Team(team, "North", manager, ZoneId.of("Europe/Berlin"), t("2020-01-01T00:00:00Z"))));

    static Instant t(String instant) {
        return Instant.parse(instant);
    }

    Facts.Deal deal(Instant opened, int stage, Instant stageEntered, List<Instant> progress, Map<String, UUID> roles,
                    Instant misaligned) {
        return new Facts.Deal(dealId, customerId, "Press line", owner, stage, "1000.00", "EUR", "2030-01-01", "OPEN",
                opened, null, stageEntered, progress, roles, misaligned, misaligned == null ? null : 6, 3, null, 1, List.of());
    }

    Facts facts(List<Facts.Deal> deals, List<Facts.Activity> activities) {
        return Facts.of(deals, List.of(new Facts.Customer(customerId, owner, "DORMANT", t("2020-03-01T00:00:00Z"),
                activities)), staff, teams, List.of());
    }

    /** "rule recipient" of what is due, without weekly reviews. */
    List<String> due(Facts facts, String at) {
        return rules.evaluate(facts, t(at)).stream().filter(d -> !d.rule().equals(RuleNames.WEEKLY_REVIEW))
                .map(d -> d.rule() + " " + (d.recipientId().equals(owner) ? "owner" : d.recipientId().equals(manager)
                        ? "manager" : d.recipientId())).sorted().toList();
    }

    @Test
    void followUpOnDay15EscalationOnDay20CountingFromTheLastActivity() {
        Facts facts = facts(List.of(deal(t("2020-03-01T10:00:00Z"), 1, t("2020-03-01T10:00:00Z"), List.of(), Map.of(), null)),
                List.of(new Facts.Activity(UUID.randomUUID(), t("2020-03-05T10:00:00Z"), "CALL", dealId),
                        new Facts.Activity(UUID.randomUUID(), t("2020-03-07T10:00:00Z"), "CALL", null)));
        assertThat(due(facts, "2020-03-20T09:59:59Z")).isEmpty();
        assertThat(due(facts, "2020-03-20T10:00:00Z")).containsExactly("follow-up owner");
        assertThat(due(facts, "2020-03-25T10:00:00Z")).containsExactly("follow-up owner", "follow-up-escalation manager");
        assertThat(due(facts, "2020-03-27T10:00:01Z")).as("the reminder is more than 7 days late")
                .containsExactly("follow-up-escalation manager");
        // As of a day before the activity, the window counts from the opening.
        assertThat(due(facts, "2020-03-04T10:00:00Z")).isEmpty();
    }

    @Test
    void aCustomerIsFollowedUpOnlyWhenActiveOrProspectWithAnOwner() {
        Facts.Customer prospect = new Facts.Customer(customerId, owner, "PROSPECT", t("2020-03-01T00:00:00Z"), List.of());
        Facts.Customer lost = new Facts.Customer(UUID.randomUUID(), owner, "LOST", t("2020-03-01T00:00:00Z"), List.of());
        Facts.Customer unowned = new Facts.Customer(UUID.randomUUID(), null, "ACTIVE", t("2020-03-01T00:00:00Z"), List.of());
        Facts facts = Facts.of(List.of(), List.of(prospect, lost, unowned), staff, teams, List.of());
        List<Due> due = rules.evaluate(facts, t("2020-03-16T00:00:00Z")).stream()
                .filter(d -> !d.rule().equals(RuleNames.WEEKLY_REVIEW)).toList();
        assertThat(due).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo(RuleNames.FOLLOW_UP);
            assertThat(d.subjectId()).isEqualTo(customerId);
            assertThat(d.period()).isEqualTo("2020-03-01T00:00:00Z");
        });
    }

    @Test
    void stalledAfter30DaysWithoutForwardStageProgress() {
        Facts facts = facts(List.of(deal(t("2020-03-01T10:00:00Z"), 2, t("2020-03-10T10:00:00Z"),
                List.of(t("2020-03-10T10:00:00Z")), Map.of(), null)), activitiesEvery10Days());
        assertThat(due(facts, "2020-04-09T09:59:59Z")).isEmpty();
        assertThat(due(facts, "2020-04-09T10:00:00Z")).containsExactly("intent-verdict manager", "intent-verdict owner");
    }

    private List<Facts.Activity> activitiesEvery10Days() {
        List<Facts.Activity> out = new ArrayList<>();
        for (int day = 0; day < 60; day += 10) {
            out.add(new Facts.Activity(UUID.randomUUID(), t("2020-03-02T00:00:00Z").plusSeconds(day * 86400L), "CALL", dealId));
        }
        return out;
    }

    @Test
    void stageRoleTellsTheAssigneeOrThePoolOfTheOwnersTeam() {
        UUID presales = UUID.randomUUID();
        UUID presalesElsewhere = UUID.randomUUID();
        UUID departedPresales = UUID.randomUUID();
        staff.add(new Facts.Staff(presales, team, Set.of("PRESALES_ENGINEER"), false));
        staff.add(new Facts.Staff(presalesElsewhere, UUID.randomUUID(), Set.of("PRESALES_ENGINEER"), false));
        staff.add(new Facts.Staff(departedPresales, team, Set.of("PRESALES_ENGINEER"), true));
        Instant entered = t("2020-03-05T10:00:00Z");
        Facts unassigned = facts(List.of(deal(t("2020-03-01T10:00:00Z"), 4, entered, List.of(entered), Map.of(), null)), List.of());
        assertThat(due(unassigned, "2020-03-05T10:00:00Z")).containsExactly("stage-role " + presales);
        UUID consultant = UUID.randomUUID();
        Facts assigned = facts(List.of(deal(t("2020-03-01T10:00:00Z"), 5, entered, List.of(entered),
                Map.of("CONSULTANT", consultant), null)), List.of());
        assertThat(due(assigned, "2020-03-05T10:00:00Z")).containsExactly("stage-role " + consultant);
        assertThat(due(assigned, "2020-03-05T09:59:59Z")).isEmpty();
    }

    @Test
    void misalignmentTellsOwnerAndManagerAndNobodyDepartedIsTold() {
        Facts facts = facts(List.of(deal(t("2020-03-01T10:00:00Z"), 1, t("2020-03-01T10:00:00Z"), List.of(), Map.of(),
                t("2020-03-08T10:00:00Z"))), List.of());
        assertThat(due(facts, "2020-03-08T10:00:00Z")).containsExactly("misalignment manager", "misalignment owner");
        staff.set(1, new Facts.Staff(owner, team, Set.of("SALES_REP"), true));
        Facts ownerGone = facts(List.of(deal(t("2020-03-01T10:00:00Z"), 1, t("2020-03-01T10:00:00Z"), List.of(), Map.of(),
                t("2020-03-08T10:00:00Z"))), List.of());
        assertThat(due(ownerGone, "2020-03-08T10:00:00Z")).containsExactly("misalignment manager");
    }

    @Test
    void departureListsWhatIsOrphanedAndEachNewOwnerIsBriefed() {
        UUID handoverId = UUID.randomUUID();
        UUID successor = UUID.randomUUID();
        Facts.Handover handover = new Facts.Handover(handoverId, owner, "2020-03-10", null, List.of(customerId),
                List.of(dealId), t("2020-03-10T09:00:00Z"),
                List.of(new Facts.Assignment("DEAL", dealId, successor, t("2020-03-11T09:00:00Z"))));
        Facts facts = Facts.of(List.of(deal(t("2020-03-09T10:00:00Z"), 1, t("2020-03-09T10:00:00Z"), List.of(), Map.of(), null)),
                List.of(), staff, teams, List.of(handover));
        List<Due> atOpening = rules.evaluate(facts, t("2020-03-10T09:00:00Z")).stream()
                .filter(d -> d.rule().equals(RuleNames.DEPARTURE)).toList();
        assertThat(atOpening).singleElement().satisfies(d -> {
            assertThat(d.recipientId()).isEqualTo(manager);
            assertThat(((Map<?, ?>) d.detail()).get("orphaned")).isEqualTo(2L);
        });
        assertThat(due(facts, "2020-03-11T09:00:00Z")).containsExactly("departure manager", "handover-briefing " + successor);
    }

    @Test
    void weeklyReviewAt0800LocalPerTeamZoneAndOnlyForWeeksAfterTheTeamExisted() {
        assertThat(WeeklyReview.latestOccurrence(t("2025-01-13T07:00:00Z"), ZoneId.of("Europe/Vienna"), DayOfWeek.MONDAY,
                LocalTime.of(8, 0))).isEqualTo(t("2025-01-13T07:00:00Z"));
        assertThat(WeeklyReview.latestOccurrence(t("2025-01-13T06:59:59Z"), ZoneId.of("Europe/Vienna"), DayOfWeek.MONDAY,
                LocalTime.of(8, 0))).isEqualTo(t("2025-01-06T07:00:00Z"));
        assertThat(WeeklyReview.latestOccurrence(t("2025-07-14T12:00:00Z"), ZoneId.of("America/New_York"), DayOfWeek.MONDAY,
                LocalTime.of(8, 0))).as("summer time: UTC-4").isEqualTo(t("2025-07-14T12:00:00Z"));
        teams.set(0, new Facts.Team(team, "North", manager, ZoneId.of("America/New_York"), t("2025-01-08T00:00:00Z")));
        Facts facts = Facts.of(List.of(), List.of(), staff, teams, List.of());
        assertThat(rules.evaluate(facts, t("2025-01-13T12:59:59Z"))).isEmpty();
        assertThat(rules.evaluate(facts, t("2025-01-13T13:00:00Z"))).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo(RuleNames.WEEKLY_REVIEW);
            assertThat(d.period()).isEqualTo("2025-W03");
            assertThat(d.recipientId()).isEqualTo(manager);
        });
    }

    @Test
    void theIdDependsOnRuleSubjectPeriodAndRecipientOnly() {
        Due a = new Due("follow-up", "deal", dealId, "p", owner, t("2020-01-01T00:00:00Z"), "x", "y", null);
        Due b = new Due("follow-up", "deal", dealId, "p", owner, t("2021-01-01T00:00:00Z"), "other", "text", Map.of());
        assertThat(a.id()).isEqualTo(b.id());
        assertThat(a.id()).isNotEqualTo(new Due("follow-up", "deal", dealId, "q", owner, null, null, null, null).id());
        assertThat(a.id()).isNotEqualTo(new Due("follow-up", "deal", dealId, "p", manager, null, null, null, null).id());
    }
}
