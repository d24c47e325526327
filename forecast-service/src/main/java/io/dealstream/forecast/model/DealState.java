package io.dealstream.forecast.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What a deal looked like at one point of its timeline: the fold of its {@link Change}s up to there. The read model
 * keeps the current one; {@link DealDoc#asOf} folds the timeline again for a past instant.
 *
 * @param lastProgressAt when the deal last made stage progress (opened, moved forward, reopened): STALLED counts from here
 * @param slipDays       days the expected close date moved later, summed over every change (moves earlier do not count)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DealState(UUID ownerId, String amount, String currency, LocalDate closeDate, LocalDate firstCloseDate,
                        int stage, Integer buyerStage, Status status, Instant openedAt, Instant lastProgressAt,
                        Instant closedAt, LocalDate signedAt, String lostReason, String competitor, long slipDays,
                        int ownerChanges) {

    /** OPEN until won or lost; a lost deal may be reopened. */
    public enum Status { OPEN, WON, LOST }

    public BigDecimal amountValue() {
        return new BigDecimal(amount);
    }

    public boolean open() {
        return status == Status.OPEN;
    }

    /** The state after one more change; {@code null} before the deal was opened. */
    public static DealState apply(DealState s, Change c) {
        if (c.kind() == Change.Kind.OPENED) {
            return new DealState(c.owner(), c.amount(), c.currency(), c.date(), c.date(), c.stage(), null,
                    Status.OPEN, c.at(), c.at(), null, null, null, null, 0, 0);
        }
        if (s == null) {
            throw new IllegalStateException("a " + c.kind() + " change before the deal was opened");
        }
        return switch (c.kind()) {
            case STAGE -> new DealState(s.ownerId, s.amount, s.currency, s.closeDate, s.firstCloseDate, c.stage(),
                    s.buyerStage, s.status, s.openedAt, c.stage() > s.stage ? c.at() : s.lastProgressAt, s.closedAt,
                    s.signedAt, s.lostReason, s.competitor, s.slipDays, s.ownerChanges);
            case AMOUNT -> new DealState(s.ownerId, c.amount(), c.currency(), s.closeDate, s.firstCloseDate, s.stage,
                    s.buyerStage, s.status, s.openedAt, s.lastProgressAt, s.closedAt, s.signedAt, s.lostReason,
                    s.competitor, s.slipDays, s.ownerChanges);
            case CLOSE_DATE -> new DealState(s.ownerId, s.amount, s.currency, c.date(), s.firstCloseDate, s.stage,
                    s.buyerStage, s.status, s.openedAt, s.lastProgressAt, s.closedAt, s.signedAt, s.lostReason,
                    s.competitor, s.slipDays + Math.max(0, c.date().toEpochDay() - s.closeDate.toEpochDay()),
                    s.ownerChanges);
            case OWNER -> new DealState(c.owner(), s.amount, s.currency, s.closeDate, s.firstCloseDate, s.stage,
                    s.buyerStage, s.status, s.openedAt, s.lastProgressAt, s.closedAt, s.signedAt, s.lostReason,
                    s.competitor, s.slipDays, s.ownerChanges + (s.open() ? 1 : 0));
            case BUYER_STAGE -> new DealState(s.ownerId, s.amount, s.currency, s.closeDate, s.firstCloseDate, s.stage,
                    c.stage(), s.status, s.openedAt, s.lastProgressAt, s.closedAt, s.signedAt, s.lostReason,
                    s.competitor, s.slipDays, s.ownerChanges);
            case WON -> new DealState(s.ownerId, c.amount() != null ? c.amount() : s.amount,
                    c.currency() != null ? c.currency() : s.currency, s.closeDate, s.firstCloseDate, s.stage,
                    s.buyerStage, Status.WON, s.openedAt, s.lastProgressAt, c.at(), c.date(), null, null, s.slipDays,
                    s.ownerChanges);
            case LOST -> new DealState(s.ownerId, s.amount, s.currency, s.closeDate, s.firstCloseDate,
                    c.stage() != null ? c.stage() : s.stage, s.buyerStage, Status.LOST, s.openedAt, s.lastProgressAt,
                    c.at(), null, c.reason(), c.competitor(), s.slipDays, s.ownerChanges);
            case REOPENED -> new DealState(s.ownerId, s.amount, s.currency, s.closeDate, s.firstCloseDate,
                    c.stage() != null ? c.stage() : s.stage, s.buyerStage, Status.OPEN, s.openedAt, c.at(), null,
                    null, null, null, s.slipDays, s.ownerChanges);
            case OPENED -> throw new AssertionError();
        };
    }

    /** The day the deal closed, for period attribution: the signing date of a won deal, else the day it was lost. */
    public LocalDate closedOn() {
        if (status == Status.WON && signedAt != null) {
            return signedAt;
        }
        return closedAt == null ? null : LocalDate.ofInstant(closedAt, java.time.ZoneOffset.UTC);
    }
}
