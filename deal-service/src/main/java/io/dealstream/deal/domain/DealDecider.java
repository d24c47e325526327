package io.dealstream.deal.domain;

import io.dealstream.deal.domain.DealCommand.*;
import io.dealstream.deal.domain.DealEvent.*;
import io.dealstream.support.domain.Money;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.domain.Rejection.Violation;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The rules of the deal process: given a deal's state and a command, the events that follow, or a {@link Rejection}.
 * Pure: no I/O, no clock (time and actor come in the {@link CommandContext}).
 */
public final class DealDecider {

    static final int MAX_TEXT = 2000;
    static final int MAX_TITLE = 200;

    private final DealProcess process;

    public DealDecider(DealProcess process) {
        this.process = process;
    }

    public DealProcess process() {
        return process;
    }

    public List<DealEvent> decide(DealState state, DealCommand command, CommandContext ctx) {
        if (command instanceof OpenDeal c) {
            return open(state, c);
        }
        if (!state.exists()) {
            throw Rejection.notFound("no such deal");
        }
        if (command instanceof EditDeal c) return edit(state, c);
        if (command instanceof CompleteMilestone c) return completeMilestone(state, c);
        if (command instanceof AssignStageRole c) return assignRole(state, c);
        if (command instanceof ChangeStage c) return changeStage(state, c, ctx);
        if (command instanceof RecordBuyerStage c) return recordBuyerStage(state, c);
        if (command instanceof ReassignOwner c) return reassign(state, c);
        if (command instanceof RecordReview c) return review(state, c);
        if (command instanceof WinDeal c) return win(state, c, ctx);
        if (command instanceof HandOverToImplementation) return handOver(state);
        if (command instanceof LoseDeal c) return lose(state, c);
        if (command instanceof ReopenDeal) return reopen(state);
        throw new IllegalArgumentException("unknown command " + command);
    }

    private List<DealEvent> open(DealState state, OpenDeal c) {
        if (state.exists()) {
            throw Rejection.conflict("deal-exists", "deal " + state.id() + " already exists");
        }
        required(c.dealId(), "dealId");
        required(c.customerId(), "customerId");
        required(c.amount(), "amount");
        required(c.expectedCloseDate(), "expectedCloseDate");
        required(c.ownerId(), "ownerId");
        return List.of(new DealOpened(c.dealId(), c.customerId(), title(c.title()), c.amount(), c.expectedCloseDate(),
                c.ownerId(), 1));
    }

    private List<DealEvent> edit(DealState s, EditDeal c) {
        requireOpen(s, "edited");
        List<DealEvent> events = new ArrayList<>();
        if (c.title() != null && !title(c.title()).equals(s.title())) {
            events.add(new DealTitleChanged(title(c.title())));
        }
        if (c.amount() != null && !sameMoney(c.amount(), s.amount())) {
            events.add(new DealAmountChanged(c.amount(), s.amount()));
        }
        if (c.expectedCloseDate() != null && !c.expectedCloseDate().equals(s.expectedCloseDate())) {
            events.add(new DealExpectedCloseDateChanged(c.expectedCloseDate(), s.expectedCloseDate()));
        }
        if (c.nextStep() != null) {
            // compare what would be stored (stripped), so re-sending the same step with stray spaces is a no-op
            String nextStep = text(c.nextStep(), "nextStep");
            if (!nextStep.equals(Objects.toString(s.nextStep(), ""))) {
                events.add(new DealNextStepChanged(nextStep));
            }
        }
        return events;
    }

    private List<DealEvent> completeMilestone(DealState s, CompleteMilestone c) {
        requireOpen(s, "changed");
        required(c.milestone(), "milestone");
        DealProcess.Stage stage = process.stageOfMilestone(c.milestone()).orElseThrow(() -> Rejection.invalid(
                "milestone", "unknown milestone '" + c.milestone() + "'; GET /process lists the milestones of each stage"));
        if (c.milestone().equals(DealProcess.CONTRACT_SIGNED) || c.milestone().equals(DealProcess.HANDED_OVER)) {
            throw Rejection.conflict("milestone-by-command", "milestone '" + c.milestone()
                    + "' is completed by winning the deal (POST /deals/{id}/win) and handing it over (POST /deals/{id}/handover)");
        }
        if (stage.number() < s.stage()) {
            throw Rejection.conflict("milestone-of-past-stage", "milestone '" + c.milestone() + "' belongs to stage "
                    + stage.number() + ", which the deal has already left");
        }
        if (s.completedMilestones(stage.number()).contains(c.milestone())) {
            return List.of();
        }
        return List.of(new MilestoneCompleted(stage.number(), c.milestone()));
    }

    private List<DealEvent> assignRole(DealState s, AssignStageRole c) {
        requireOpenOrWon(s);
        if (!process.roles().contains(c.role())) {
            throw Rejection.invalid("role", "unknown stage role '" + c.role() + "'; stage roles are " + process.roles());
        }
        required(c.staffId(), "staffId");
        UUID previous = s.roles().get(c.role());
        if (c.staffId().equals(previous)) {
            return List.of();
        }
        return List.of(new StageRoleAssigned(c.role(), c.staffId(), previous));
    }

    private List<DealEvent> changeStage(DealState s, ChangeStage c, CommandContext ctx) {
        requireOpen(s, "moved");
        if (!process.isStage(c.to())) {
            throw Rejection.invalid("to", "stage must be between 1 and " + process.lastStage());
        }
        if (c.to() == s.stage()) {
            throw Rejection.conflict("same-stage", "the deal is already in stage " + c.to());
        }
        String reason = optionalText(c.reason(), "reason");
        if (c.to() < s.stage()) {
            if (reason == null) {
                throw Rejection.invalid("reason", "moving a deal back needs a reason");
            }
            return withAlignment(s, new DealStageChanged(s.stage(), c.to(), reason, false, Map.of()), c.to(), s.buyerStage());
        }
        Map<Integer, List<String>> unmet = unmetGate(s, s.stage(), c.to());
        if (!unmet.isEmpty() && !c.override()) {
            throw gateRejection(unmet, "move to stage " + c.to());
        }
        if (c.override()) {
            if (!ctx.mayOverrideGates()) {
                throw Rejection.forbidden("only a manager may override a stage gate");
            }
            if (reason == null) {
                throw Rejection.invalid("reason", "a gate override needs a written reason");
            }
        }
        return withAlignment(s, new DealStageChanged(s.stage(), c.to(), reason, c.override() && !unmet.isEmpty(), unmet),
                c.to(), s.buyerStage());
    }

    /** What is missing to leave every stage from {@code from} up to (not including) {@code to}: milestones and roles. */
    Map<Integer, List<String>> unmetGate(DealState s, int from, int to) {
        Map<Integer, List<String>> unmet = new LinkedHashMap<>();
        for (int n = from; n < to; n++) {
            DealProcess.Stage stage = process.stage(n);
            List<String> missing = new ArrayList<>();
            for (String m : stage.milestones()) {
                if (!s.completedMilestones(n).contains(m)) missing.add("milestone:" + m);
            }
            for (String r : stage.roles()) {
                if (!s.roles().containsKey(r)) missing.add("role:" + r);
            }
            if (!missing.isEmpty()) unmet.put(n, List.copyOf(missing));
        }
        return unmet;
    }

    private static Rejection gateRejection(Map<Integer, List<String>> unmet, String what) {
        List<Violation> violations = new ArrayList<>();
        unmet.forEach((stage, missing) -> missing.forEach(m -> violations.add(new Violation("stage " + stage,
                m.startsWith("role:") ? "stage role " + m.substring(5) + " is not assigned"
                        : "exit milestone " + m.substring(10) + " is not completed"))));
        return new Rejection(Rejection.Kind.CONFLICT, "stage-gate-unmet", "cannot " + what
                + ": the stage gate is not met (a manager may override it with a reason)", violations);
    }

    private List<DealEvent> recordBuyerStage(DealState s, RecordBuyerStage c) {
        requireOpen(s, "changed");
        if (!process.isStage(c.buyerStage())) {
            throw Rejection.invalid("stage", "buyer stage must be between 1 and " + process.lastStage());
        }
        if (Objects.equals(s.buyerStage(), c.buyerStage())) {
            return List.of();
        }
        return withAlignment(s, new BuyerStageRecorded(c.buyerStage(), s.buyerStage()), s.stage(), c.buyerStage());
    }

    /** The event, followed by a misalignment flag change if it moves the seller/buyer gap across the threshold. */
    private List<DealEvent> withAlignment(DealState s, DealEvent event, int stage, Integer buyerStage) {
        boolean misaligned = process.misaligned(stage, buyerStage);
        if (misaligned && !s.misaligned()) {
            return List.of(event, new DealMisaligned(stage, buyerStage));
        }
        if (!misaligned && s.misaligned()) {
            return List.of(event, new DealRealigned(stage, buyerStage));
        }
        return List.of(event);
    }

    private List<DealEvent> reassign(DealState s, ReassignOwner c) {
        requireOpen(s, "reassigned");
        required(c.staffId(), "staffId");
        String reason = optionalText(c.reason(), "reason");
        if (reason == null) {
            throw Rejection.invalid("reason", "reassigning a deal needs a reason");
        }
        if (c.staffId().equals(s.ownerId())) {
            return List.of();
        }
        return List.of(new DealOwnerReassigned(s.ownerId(), c.staffId(), reason, c.departureId()));
    }

    private List<DealEvent> review(DealState s, RecordReview c) {
        requireOpen(s, "reviewed");
        String notes = optionalText(c.notes(), "notes");
        if (notes == null) {
            throw Rejection.invalid("notes", "a review needs notes");
        }
        return List.of(new DealReviewed(notes));
    }

    private List<DealEvent> win(DealState s, WinDeal c, CommandContext ctx) {
        requireOpen(s, "won");
        if (s.stage() != process.lastStage()) {
            throw Rejection.conflict("win-only-in-last-stage", "a deal is won by signing in stage "
                    + process.lastStage() + "; this one is in stage " + s.stage());
        }
        LocalDate signedAt = c.signedAt() != null ? c.signedAt() : ctx.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
        if (signedAt.isAfter(ctx.occurredAt().atZone(ZoneOffset.UTC).toLocalDate().plusDays(1))) {
            throw Rejection.invalid("signedAt", "signedAt must not be in the future");
        }
        Map<Integer, List<String>> unmet = unmetRoles(s, process.lastStage(), "IMPLEMENTATION");
        if (!unmet.isEmpty()) {
            throw gateRejection(unmet, "win the deal");
        }
        return List.of(new DealWon(signedAt, s.amount()));
    }

    private List<DealEvent> handOver(DealState s) {
        if (s.status() != DealStatus.WON) {
            throw Rejection.conflict("not-won", "only a won deal can be handed over to implementation");
        }
        if (s.handedOver()) {
            throw Rejection.conflict("already-handed-over", "the deal was already handed over");
        }
        Map<Integer, List<String>> unmet = unmetRoles(s, process.lastStage(), null);
        if (!unmet.isEmpty()) {
            throw gateRejection(unmet, "hand the deal over");
        }
        return List.of(new DealHandedOver(s.roles().get("IMPLEMENTATION")));
    }

    /** Unassigned roles of a stage, leaving out {@code except} (a role needed only later). */
    private Map<Integer, List<String>> unmetRoles(DealState s, int stage, String except) {
        List<String> missing = process.stage(stage).roles().stream()
                .filter(r -> !r.equals(except) && !s.roles().containsKey(r)).map(r -> "role:" + r).toList();
        return missing.isEmpty() ? Map.of() : Map.of(stage, missing);
    }

    private List<DealEvent> lose(DealState s, LoseDeal c) {
        requireOpen(s, "lost");
        if (c.reason() == null) {
            throw Rejection.invalid("reason", "a lost deal needs a reason: " + List.of(LostReason.values()));
        }
        String competitor = optionalText(c.competitor(), "competitor");
        String note = optionalText(c.note(), "note");
        if (c.reason() == LostReason.LOST_TO_COMPETITOR && competitor == null) {
            throw Rejection.invalid("competitor", "LOST_TO_COMPETITOR needs the competitor's name");
        }
        if (c.reason() == LostReason.OTHER && note == null) {
            throw Rejection.invalid("note", "reason OTHER needs a note saying why");
        }
        return List.of(new DealLost(c.reason(), competitor, note, s.stage()));
    }

    private List<DealEvent> reopen(DealState s) {
        if (s.status() != DealStatus.LOST) {
            throw Rejection.conflict("not-lost", "only a lost deal can be reopened; this one is " + s.status());
        }
        return List.of(new DealReopened(s.stage()));
    }

    private static void requireOpen(DealState s, String what) {
        if (!s.isOpen()) {
            throw Rejection.conflict("deal-closed", "the deal is " + s.status() + " and cannot be " + what);
        }
    }

    private static void requireOpenOrWon(DealState s) {
        if (s.status() == DealStatus.LOST) {
            throw Rejection.conflict("deal-closed", "the deal is LOST; reopen it first");
        }
    }

    private static void required(Object value, String field) {
        if (value == null) {
            throw Rejection.invalid(field, field + " is required");
        }
    }

    private static String title(String title) {
        if (title == null || title.isBlank()) {
            throw Rejection.invalid("title", "title is required");
        }
        String stripped = title.strip();
        if (stripped.length() > MAX_TITLE) {
            throw Rejection.invalid("title", "title must be at most " + MAX_TITLE + " characters");
        }
        return stripped;
    }

    private static String text(String text, String field) {
        String stripped = text.strip();
        if (stripped.length() > MAX_TEXT) {
            throw Rejection.invalid(field, field + " must be at most " + MAX_TEXT + " characters");
        }
        return stripped;
    }

    private static String optionalText(String text, String field) {
        return text == null || text.isBlank() ? null : text(text, field);
    }

    private static boolean sameMoney(Money a, Money b) {
        return b != null && a.currency().equals(b.currency()) && a.amount().compareTo(b.amount()) == 0;
    }
}
