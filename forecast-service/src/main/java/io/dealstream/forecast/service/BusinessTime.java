package io.dealstream.forecast.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** "Now" for every query, from the injectable clock: the instant, the day (UTC), an as-of instant never in the future. */
@ApplicationScoped
public class BusinessTime {

    private final Clock clock;

    public BusinessTime(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** {@code asOf} when given and not in the future, else now. */
    public Instant at(Instant asOf) {
        Instant now = now();
        return asOf == null || asOf.isAfter(now) ? now : asOf;
    }
}
