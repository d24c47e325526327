package io.dealstream.notification.state;

/** The MongoDB collections of notification-service, one name each. */
public final class Collections {

    /** What the rules need of each deal (deal-events), one document per deal. */
    public static final String DEALS = "deals";
    /** Each customer's owner, status and follow-ups (customer-events); activities on a deal count for the deal too. */
    public static final String CUSTOMERS = "customers";
    /** Each staff member's team, capabilities and departure (staff-events). */
    public static final String STAFF = "staff";
    /** Each team's manager and time zone (staff-events). */
    public static final String TEAMS = "teams";
    /** Departures' handovers: what was left behind and who took it over (staff-events). */
    public static final String HANDOVERS = "handovers";
    /** The inbox; each document is also the durable mail outbox entry of its notification. */
    public static final String NOTIFICATIONS = "notifications";
    /** Weekly funnel reviews as generated, one per team and ISO week. */
    public static final String WEEKLY_REVIEWS = "weekly_reviews";
    /** How far the state above has read each topic partition (service-support's ReadPositions). */
    public static final String POSITIONS = "positions";

    private Collections() {
    }
}
