package io.dealstream.notification.rules;

import java.util.List;

/** The rules, as named in notifications ({@code rule}) and in {@code GET /rules}. */
public final class RuleNames {

    public static final String WEEKLY_REVIEW = "weekly-review";
    public static final String FOLLOW_UP = "follow-up";
    public static final String FOLLOW_UP_ESCALATION = "follow-up-escalation";
    public static final String INTENT_VERDICT = "intent-verdict";
    public static final String STAGE_ROLE = "stage-role";
    public static final String MISALIGNMENT = "misalignment";
    public static final String DEPARTURE = "departure";
    public static final String HANDOVER_BRIEFING = "handover-briefing";

    public static final List<String> ALL = List.of(WEEKLY_REVIEW, FOLLOW_UP, FOLLOW_UP_ESCALATION, INTENT_VERDICT,
            STAGE_ROLE, MISALIGNMENT, DEPARTURE, HANDOVER_BRIEFING);

    private RuleNames() {
    }
}
