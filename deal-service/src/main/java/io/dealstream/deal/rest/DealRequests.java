package io.dealstream.deal.rest;

import io.dealstream.deal.domain.DealCommand;
import io.dealstream.deal.domain.LostReason;
import io.dealstream.support.domain.Money;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.rest.Params;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the deal API, each turned into its domain command (input checks that need no state). */
public final class DealRequests {

    private DealRequests() {
    }

    @Schema(name = "OpenDeal")
    public record Open(@Schema(required = true) String customerId,
                       @Schema(required = true, maxLength = 200) String title,
                       @Schema(required = true, example = "125000.00") String amount,
                       @Schema(required = true, example = "EUR") String currency,
                       @Schema(required = true, example = "2027-03-31") String expectedCloseDate,
                       @Schema(description = "Defaults to the caller") String ownerId) {
        DealCommand.OpenDeal toCommand(UUID dealId, UUID defaultOwner) {
            UUID owner = Params.uuid(ownerId, "ownerId");
            if (customerId == null) throw Rejection.invalid("customerId", "customerId is required");
            if (expectedCloseDate == null) throw Rejection.invalid("expectedCloseDate", "expectedCloseDate is required");
            return new DealCommand.OpenDeal(dealId, Params.uuid(customerId, "customerId"), title,
                    Money.parse(amount, currency), Params.date(expectedCloseDate, "expectedCloseDate"),
                    owner != null ? owner : defaultOwner);
        }
    }

    @Schema(name = "EditDeal", description = "Only the fields given change. amount and currency go together.")
    public record Edit(String title, String amount, String currency, String expectedCloseDate, String nextStep) {
        DealCommand.EditDeal toCommand() {
            if ((amount == null) != (currency == null)) {
                throw Rejection.invalid(amount == null ? "amount" : "currency",
                        "amount and currency are changed together: give both");
            }
            if (title != null && title.isBlank()) throw Rejection.invalid("title", "title must not be blank");
            return new DealCommand.EditDeal(title, amount == null ? null : Money.parse(amount, currency),
                    Params.date(expectedCloseDate, "expectedCloseDate"), nextStep);
        }
    }

    @Schema(name = "AssignStageRole")
    public record AssignRole(@Schema(required = true) String staffId) {
        DealCommand.AssignStageRole toCommand(String role) {
            if (staffId == null) throw Rejection.invalid("staffId", "staffId is required");
            return new DealCommand.AssignStageRole(role, Params.uuid(staffId, "staffId"));
        }
    }

    @Schema(name = "ChangeStage")
    public record ChangeStage(@Schema(required = true, minimum = "1", maximum = "8") Integer to,
                              @Schema(description = "Required to move back or to override") String reason,
                              @Schema(description = "Manager only: move although the gate is unmet") Boolean override) {
        DealCommand.ChangeStage toCommand() {
            if (to == null) throw Rejection.invalid("to", "to (the target stage 1..8) is required");
            return new DealCommand.ChangeStage(to, reason, Boolean.TRUE.equals(override));
        }
    }

    @Schema(name = "RecordBuyerStage")
    public record BuyerStage(@Schema(required = true, minimum = "1", maximum = "8") Integer stage) {
        DealCommand.RecordBuyerStage toCommand() {
            if (stage == null) throw Rejection.invalid("stage", "stage (the buyer stage 1..8) is required");
            return new DealCommand.RecordBuyerStage(stage);
        }
    }

    @Schema(name = "ReassignOwner")
    public record Reassign(@Schema(required = true) String staffId, @Schema(required = true) String reason) {
        DealCommand.ReassignOwner toCommand() {
            if (staffId == null) throw Rejection.invalid("staffId", "staffId is required");
            return new DealCommand.ReassignOwner(Params.uuid(staffId, "staffId"), reason, null);
        }
    }

    @Schema(name = "RecordReview")
    public record Review(@Schema(required = true) String notes) {
        DealCommand.RecordReview toCommand() {
            return new DealCommand.RecordReview(notes);
        }
    }

    @Schema(name = "WinDeal")
    public record Win(@Schema(description = "Date the contract was signed; defaults to today", example = "2027-03-20") String signedAt) {
        DealCommand.WinDeal toCommand() {
            return new DealCommand.WinDeal(Params.date(signedAt, "signedAt"));
        }
    }

    @Schema(name = "LoseDeal")
    public record Lose(@Schema(required = true) String reason,
                       @Schema(description = "Required for LOST_TO_COMPETITOR") String competitor,
                       @Schema(description = "Required for OTHER") String note) {
        DealCommand.LoseDeal toCommand() {
            if (reason == null) throw Rejection.invalid("reason", "reason is required");
            return new DealCommand.LoseDeal(Params.enumValue(LostReason.class, reason, "reason"), competitor, note);
        }
    }

    /**
     * One step of a historical import: {@code command} names it (open, edit, milestone, role, stage, buyer-stage,
     * owner, review, win, handover, lose, reopen); the other fields are those of the matching endpoint's body.
     */
    @Schema(name = "ImportedDealCommand")
    public record ImportStep(@Schema(required = true) String command,
                             @Schema(required = true) String occurredAt,
                             @Schema(description = "Staff id who did it then; defaults to the importing user") String actor,
                             String customerId, String title, String amount, String currency,
                             String expectedCloseDate, String ownerId, String nextStep, String milestone, String role,
                             String staffId, Integer to, String reason, Boolean override, Integer stage, String notes,
                             String signedAt, String competitor, String note) {

        Instant when() {
            if (occurredAt == null) throw Rejection.invalid("occurredAt", "every imported command needs occurredAt");
            return Params.instant(occurredAt, "occurredAt");
        }

        DealCommand toCommand(UUID dealId) {
            if (command == null) throw Rejection.invalid("command", "every imported step names its command");
            return switch (command) {
                case "open" -> {
                    if (ownerId == null) throw Rejection.invalid("ownerId", "an imported open needs ownerId");
                    yield new Open(customerId, title, amount, currency, expectedCloseDate, ownerId).toCommand(dealId, null);
                }
                case "edit" -> new Edit(title, amount, currency, expectedCloseDate, nextStep).toCommand();
                case "milestone" -> {
                    if (milestone == null) throw Rejection.invalid("milestone", "milestone is required");
                    yield new DealCommand.CompleteMilestone(milestone);
                }
                case "role" -> {
                    if (role == null) throw Rejection.invalid("role", "role is required");
                    yield new AssignRole(staffId).toCommand(role);
                }
                case "stage" -> new ChangeStage(to, reason, override).toCommand();
                case "buyer-stage" -> new BuyerStage(stage).toCommand();
                case "owner" -> new Reassign(staffId, reason).toCommand();
                case "review" -> new Review(notes).toCommand();
                case "win" -> new Win(signedAt).toCommand();
                case "handover" -> new DealCommand.HandOverToImplementation();
                case "lose" -> new Lose(reason, competitor, note).toCommand();
                case "reopen" -> new DealCommand.ReopenDeal();
                default -> throw Rejection.invalid("command", "unknown command '" + command + "'");
            };
        }
    }

    @Schema(name = "DealImport")
    public record Import(@Schema(description = "Id to give the deal; a new one if absent") String dealId,
                         @Schema(required = true) java.util.List<ImportStep> commands) {
    }
}
