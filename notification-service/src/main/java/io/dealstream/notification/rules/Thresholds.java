package io.dealstream.notification.rules;

import io.dealstream.notification.config.NotificationConfig;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The rules' settings as plain values (from {@link NotificationConfig}; tests build them directly). */
public record Thresholds(int followUpDays, int escalationDays, int stalledDays, Duration maxLateness,
                         DayOfWeek reviewDay, LocalTime reviewTime, int reviewLookbackDays, ZoneId defaultZone,
                         Map<Integer, List<String>> stageRoles) {

    /** DOMAIN.md's defaults. */
    public static Thresholds defaults() {
        return new Thresholds(15, 20, 30, Duration.ofDays(7), DayOfWeek.MONDAY, LocalTime.of(8, 0), 7,
                ZoneId.of("UTC"), Map.of(4, List.of("PRESALES_ENGINEER"), 5, List.of("CONSULTANT"),
                        6, List.of("EXECUTIVE"), 7, List.of("COMMERCIAL", "FINANCE", "LEGAL"),
                        8, List.of("EXECUTIVE", "IMPLEMENTATION")));
    }

    public static Thresholds of(NotificationConfig c) {
        return new Thresholds(c.rules().followUpDays(), c.rules().escalationDays(), c.rules().stalledDays(),
                c.rules().maxLateness(), c.weeklyReview().day(), c.weeklyReview().time(),
                c.weeklyReview().lookbackDays(), c.weeklyReview().defaultTimeZone(), new TreeMap<>(c.stageRoles()));
    }
}
