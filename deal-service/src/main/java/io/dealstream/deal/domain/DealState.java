package io.dealstream.deal.domain;

import io.dealstream.deal.domain.DealEvent.*;
import io.dealstream.support.domain.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A deal as its events made it. {@link #evolve} only applies an event; it never validates (that is
 * {@link DealDecider}'s job) so old history always replays.
 *
 * @param milestones completed exit milestones per stage (kept when the deal moves back)
 * @param roles      stage role → staff member holding it
 * @param stageEnteredAt when the current stage was entered (stage progress, for the 30-day rule)
 */
public record DealState(UUID id, UUID customerId, String title, Money amount, LocalDate expectedCloseDate,
                        String nextStep, UUID ownerId, int stage, Integer buyerStage, boolean misaligned,
                        DealStatus status, Map<Integer, Set<String>> milestones, Map<String, UUID> roles,
                        LostReason lostReason, String competitor, String lostNote, LocalDate signedAt,
                        boolean handedOver, Instant openedAt, Instant stageEnteredAt, Instant lastReviewedAt,
                        Instant closedAt, Instant updatedAt, UUID lastDepartureId, long version) {

    /** The state before the first event: no deal. */
    public static final DealState NONE = new DealState(null, null, null, null, null, null, null, 0, null, false,
            null, Map.of(), Map.of(), null, null, null, null, false, null, null, null, null, null, null, 0);

    public boolean exists() {
        return id != null;
    }

    public boolean isOpen() {
        return status == DealStatus.OPEN;
    }

    public Set<String> completedMilestones(int stageNumber) {
        return milestones.getOrDefault(stageNumber, Set.of());
    }

    /** Applies one event that happened at {@code occurredAt}; returns the next state (version + 1). */
    public DealState evolve(DealEvent event, Instant occurredAt) {
        Draft d = new Draft(this);
        d.version = version + 1;
        d.updatedAt = occurredAt;
        if (event instanceof DealOpened e) {
            d.id = e.dealId();
            d.customerId = e.customerId();
            d.title = e.title();
            d.amount = e.amount();
            d.expectedCloseDate = e.expectedCloseDate();
            d.ownerId = e.ownerId();
            d.stage = e.stage();
            d.status = DealStatus.OPEN;
            d.openedAt = occurredAt;
            d.stageEnteredAt = occurredAt;
        } else if (event instanceof DealTitleChanged e) {
            d.title = e.title();
        } else if (event instanceof DealAmountChanged e) {
            d.amount = e.amount();
        } else if (event instanceof DealExpectedCloseDateChanged e) {
            d.expectedCloseDate = e.expectedCloseDate();
        } else if (event instanceof DealNextStepChanged e) {
            d.nextStep = e.nextStep();
        } else if (event instanceof MilestoneCompleted e) {
            d.milestones.computeIfAbsent(e.stage(), k -> new TreeSet<>()).add(e.milestone());
        } else if (event instanceof StageRoleAssigned e) {
            d.roles.put(e.role(), e.staffId());
        } else if (event instanceof DealStageChanged e) {
            d.stage = e.to();
            d.stageEnteredAt = occurredAt;
        } else if (event instanceof BuyerStageRecorded e) {
            d.buyerStage = e.buyerStage();
        } else if (event instanceof DealMisaligned) {
            d.misaligned = true;
        } else if (event instanceof DealRealigned) {
            d.misaligned = false;
        } else if (event instanceof DealOwnerReassigned e) {
            d.ownerId = e.to();
            d.lastDepartureId = e.departureId();
        } else if (event instanceof DealReviewed) {
            d.lastReviewedAt = occurredAt;
        } else if (event instanceof DealWon e) {
            d.status = DealStatus.WON;
            d.signedAt = e.signedAt();
            d.closedAt = occurredAt;
            d.milestones.computeIfAbsent(d.stage, k -> new TreeSet<>()).add(DealProcess.CONTRACT_SIGNED);
        } else if (event instanceof DealHandedOver) {
            d.handedOver = true;
            d.milestones.computeIfAbsent(d.stage, k -> new TreeSet<>()).add(DealProcess.HANDED_OVER);
        } else if (event instanceof DealLost e) {
            d.status = DealStatus.LOST;
            d.lostReason = e.reason();
            d.competitor = e.competitor();
            d.lostNote = e.note();
            d.closedAt = occurredAt;
        } else if (event instanceof DealReopened e) {
            d.status = DealStatus.OPEN;
            d.stage = e.stage();
            d.lostReason = null;
            d.competitor = null;
            d.lostNote = null;
            d.closedAt = null;
            d.stageEnteredAt = occurredAt;
        }
        return d.build();
    }

    /** Mutable copy used only inside {@link #evolve}, so each branch touches only what its event changes. */
    private static final class Draft {
        UUID id, customerId, ownerId, lastDepartureId;
        String title, nextStep, competitor, lostNote;
        Money amount;
        LocalDate expectedCloseDate, signedAt;
        int stage;
        Integer buyerStage;
        boolean misaligned, handedOver;
        DealStatus status;
        Map<Integer, Set<String>> milestones = new TreeMap<>();
        Map<String, UUID> roles;
        LostReason lostReason;
        Instant openedAt, stageEnteredAt, lastReviewedAt, closedAt, updatedAt;
        long version;

        Draft(DealState s) {
            id = s.id; customerId = s.customerId; title = s.title; amount = s.amount;
            expectedCloseDate = s.expectedCloseDate; nextStep = s.nextStep; ownerId = s.ownerId; stage = s.stage;
            buyerStage = s.buyerStage; misaligned = s.misaligned; status = s.status;
            s.milestones.forEach((k, v) -> milestones.put(k, new TreeSet<>(v)));
            roles = new HashMap<>(s.roles);
            lostReason = s.lostReason; competitor = s.competitor; lostNote = s.lostNote; signedAt = s.signedAt;
            handedOver = s.handedOver; openedAt = s.openedAt; stageEnteredAt = s.stageEnteredAt;
            lastReviewedAt = s.lastReviewedAt; closedAt = s.closedAt; updatedAt = s.updatedAt;
            lastDepartureId = s.lastDepartureId; version = s.version;
        }

        DealState build() {
            Map<Integer, Set<String>> frozen = new TreeMap<>();
            milestones.forEach((k, v) -> frozen.put(k, Collections.unmodifiableSet(v)));
            return new DealState(id, customerId, title, amount, expectedCloseDate, nextStep, ownerId, stage,
                    buyerStage, misaligned, status, Collections.unmodifiableMap(frozen),
                    Collections.unmodifiableMap(roles), lostReason, competitor, lostNote, signedAt, handedOver,
                    openedAt, stageEnteredAt, lastReviewedAt, closedAt, updatedAt, lastDepartureId, version);
        }
    }
}
