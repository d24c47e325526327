package io.dealstream.deal.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dealstream.deal.domain.DealProcess;
import io.dealstream.deal.domain.DealState;
import io.dealstream.deal.domain.DealStatus;
import io.dealstream.deal.domain.LostReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A deal as the API shows it: the state plus what the process says about its current stage. */
@Schema(name = "Deal")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DealDocument(
        UUID id, UUID customerId, String title,
        @Schema(description = "Decimal amount as a string", example = "125000.00") String amount,
        @Schema(description = "ISO 4217", example = "EUR") String currency,
        LocalDate expectedCloseDate, String nextStep, UUID ownerId, DealStatus status,
        @Schema(description = "Seller stage 1..8") int stage, String stageName,
        @Schema(description = "Customer's procurement stage 1..8, if recorded") Integer buyerStage,
        boolean misaligned,
        @Schema(description = "Win probability of the stage (1 when won, 0 when lost)") BigDecimal probability,
        @Schema(description = "PIPELINE, BEST_CASE, COMMIT, CLOSED (won) or OMITTED (lost)") String forecastCategory,
        List<MilestoneStatus> milestones, Map<String, UUID> roles, List<String> unassignedRoles,
        Lost lost, LocalDate signedAt, boolean handedOver,
        Instant openedAt, Instant stageEnteredAt, Instant lastReviewedAt, Instant closedAt, Instant updatedAt,
        long version) {

    /** An exit milestone of the current stage and whether it is done. */
    public record MilestoneStatus(String key, boolean completed) {
    }

    /** Why and where a deal was lost. */
    public record Lost(LostReason reason, String competitor, String note, int stage) {
    }

    public static DealDocument of(DealState s, DealProcess process) {
        DealProcess.Stage stage = process.stage(s.stage());
        List<MilestoneStatus> milestones = new ArrayList<>();
        for (String m : stage.milestones()) {
            milestones.add(new MilestoneStatus(m, s.completedMilestones(s.stage()).contains(m)));
        }
        List<String> unassigned = stage.roles().stream().filter(r -> !s.roles().containsKey(r)).toList();
        BigDecimal probability = switch (s.status()) {
            case WON -> process.wonProbability();
            case LOST -> BigDecimal.ZERO;
            case OPEN -> stage.probability();
        };
        String category = switch (s.status()) {
            case WON -> process.wonCategory();
            case LOST -> "OMITTED";
            case OPEN -> stage.category();
        };
        return new DealDocument(s.id(), s.customerId(), s.title(), s.amount().amount().toPlainString(),
                s.amount().currency(), s.expectedCloseDate(), s.nextStep(), s.ownerId(), s.status(), s.stage(),
                stage.name(), s.buyerStage(), s.misaligned(), probability, category, milestones,
                new TreeMap<>(s.roles()), unassigned,
                s.status() == DealStatus.LOST ? new Lost(s.lostReason(), s.competitor(), s.lostNote(), s.stage()) : null,
                s.signedAt(), s.handedOver(), s.openedAt(), s.stageEnteredAt(), s.lastReviewedAt(), s.closedAt(),
                s.updatedAt(), s.version());
    }
}
