package io.dealstream.forecast.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One entry of a deal's compact timeline: a change that forecasts, scorecards or turnover analytics depend on, at its
 * business time ({@code at} = the event's occurredAt) and stream version. Only the fields of its {@code kind} are set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Change(long v, Instant at, Kind kind, Integer stage, Integer from, String amount, String currency,
                     LocalDate date, UUID owner, UUID departureId, String reason, String competitor) {

    /** What changed. */
    public enum Kind {
        /** stage, amount, currency, date (expected close), owner */
        OPENED,
        /** from → stage */
        STAGE,
        /** amount, currency */
        AMOUNT,
        /** date = new expected close date */
        CLOSE_DATE,
        /** owner = new owner; departureId when a departure caused it */
        OWNER,
        /** stage = buyer stage */
        BUYER_STAGE,
        /** amount, currency, date = signedAt */
        WON,
        /** reason, competitor, stage = the stage lost from */
        LOST,
        /** stage = the stage reopened into */
        REOPENED
    }

    static Change of(long v, Instant at, Kind kind) {
        return new Change(v, at, kind, null, null, null, null, null, null, null, null, null);
    }

    Change withStage(Integer stage) {
        return new Change(v, at, kind, stage, from, amount, currency, date, owner, departureId, reason, competitor);
    }

    Change withFrom(Integer from) {
        return new Change(v, at, kind, stage, from, amount, currency, date, owner, departureId, reason, competitor);
    }

    Change withMoney(String amount, String currency) {
        return new Change(v, at, kind, stage, from, amount, currency, date, owner, departureId, reason, competitor);
    }

    Change withDate(LocalDate date) {
        return new Change(v, at, kind, stage, from, amount, currency, date, owner, departureId, reason, competitor);
    }

    Change withOwner(UUID owner, UUID departureId) {
        return new Change(v, at, kind, stage, from, amount, currency, date, owner, departureId, reason, competitor);
    }

    Change withReason(String reason, String competitor) {
        return new Change(v, at, kind, stage, from, amount, currency, date, owner, departureId, reason, competitor);
    }
}
