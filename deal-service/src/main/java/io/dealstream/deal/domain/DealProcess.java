package io.dealstream.deal.domain;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The standard 8-stage process: per stage its exit milestones, stage roles, win probability and forecast category,
 * and the misalignment gap. Built from configuration; {@link #defaults()} is DOMAIN.md's table.
 */
public record DealProcess(List<Stage> stages, int misalignmentGap, BigDecimal wonProbability, String wonCategory) {

    /** Milestones of the last stage that are completed by signing and handing over, not by the milestone command. */
    public static final String CONTRACT_SIGNED = "contract-signed";
    public static final String HANDED_OVER = "handed-over-to-implementation";

    /** One seller stage and the buyer stage it mirrors. */
    public record Stage(int number, String name, String buyerStage, List<String> milestones, List<String> roles,
                        BigDecimal probability, String category) {
        public Stage {
            milestones = List.copyOf(milestones);
            roles = List.copyOf(roles);
            probability = probability.stripTrailingZeros(); // 0.30 and 0.3 are one probability (equals, recorded history)
        }
    }

    public DealProcess {
        stages = List.copyOf(stages);
        wonProbability = wonProbability.stripTrailingZeros();
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).number() != i + 1) {
                throw new IllegalArgumentException("stages must be numbered 1.." + stages.size() + " in order");
            }
        }
    }

    public static DealProcess defaults() {
        return new DealProcess(List.of(
                stage(1, "Planning & first call", "Need identified",
                        List.of("customer-profile-recorded", "first-meeting-booked"), List.of(), "0.05", "PIPELINE"),
                stage(2, "Visit & preliminary research", "Feasibility & budget",
                        List.of("site-visit-held", "pains-documented", "decision-maker-identified"), List.of(), "0.10", "PIPELINE"),
                stage(3, "Preliminary proposal", "Project approved & buying team formed",
                        List.of("preliminary-proposal-delivered"), List.of(), "0.20", "PIPELINE"),
                stage(4, "Demo & technical exchange", "Purchase criteria set",
                        List.of("demo-held"), List.of("PRESALES_ENGINEER"), "0.30", "PIPELINE"),
                stage(5, "Requirements & formal proposal", "Tender & shortlist",
                        List.of("requirements-confirmed", "formal-proposal-submitted"), List.of("CONSULTANT"), "0.45", "BEST_CASE"),
                stage(6, "Project evaluation", "Preferred supplier chosen",
                        List.of("budget-confirmed", "shortlisted"), List.of("EXECUTIVE"), "0.60", "BEST_CASE"),
                stage(7, "Commercial negotiation", "Negotiation",
                        List.of("commercial-terms-agreed", "legal-review-done"), List.of("COMMERCIAL", "FINANCE", "LEGAL"), "0.75", "COMMIT"),
                stage(8, "Signing & handover", "Contract",
                        List.of(CONTRACT_SIGNED, HANDED_OVER), List.of("EXECUTIVE", "IMPLEMENTATION"), "0.90", "COMMIT")),
                2, BigDecimal.ONE, "CLOSED");
    }

    private static Stage stage(int n, String name, String buyer, List<String> milestones, List<String> roles,
                               String probability, String category) {
        return new Stage(n, name, buyer, milestones, roles, new BigDecimal(probability), category);
    }

    public int lastStage() {
        return stages.size();
    }

    public Stage stage(int number) {
        return stages.get(number - 1);
    }

    public boolean isStage(int number) {
        return number >= 1 && number <= stages.size();
    }

    /** The stage whose exit milestones include {@code key}. */
    public Optional<Stage> stageOfMilestone(String key) {
        return stages.stream().filter(s -> s.milestones().contains(key)).findFirst();
    }

    /** Every role any stage asks for. */
    public Set<String> roles() {
        Set<String> roles = new LinkedHashSet<>();
        stages.forEach(s -> roles.addAll(s.roles()));
        return roles;
    }

    public boolean misaligned(int stage, Integer buyerStage) {
        return buyerStage != null && stage - buyerStage > misalignmentGap;
    }
}
