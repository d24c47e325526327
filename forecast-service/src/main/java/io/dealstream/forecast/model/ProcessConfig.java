package io.dealstream.forecast.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.List;

/**
 * The part of deal-service's process configuration ({@code GET /process}, topic {@code process-events}) that
 * forecasts use: per stage its win probability and forecast category, the misalignment gap, and the won outcome's
 * probability and category. {@link #defaults()} is DOMAIN.md's table, used until deal-service's first configuration
 * arrives.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProcessConfig(List<Stage> stages, int misalignmentGap, BigDecimal wonProbability, String wonCategory) {

    /** One seller stage. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stage(int number, String name, BigDecimal probability, String category) {
    }

    public ProcessConfig {
        if (stages == null || stages.isEmpty()) {
            throw new IllegalArgumentException("a process configuration without stages");
        }
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            if (s.number() != i + 1 || s.probability() == null || s.category() == null) {
                throw new IllegalArgumentException("stages must be numbered 1.." + stages.size()
                        + " in order, each with a probability and a category");
            }
        }
        stages = List.copyOf(stages);
        if (wonProbability == null) {
            wonProbability = BigDecimal.ONE;
        }
        if (wonCategory == null) {
            wonCategory = "CLOSED";
        }
    }

    public static ProcessConfig defaults() {
        return new ProcessConfig(List.of(
                new Stage(1, "Planning & first call", new BigDecimal("0.05"), "PIPELINE"),
                new Stage(2, "Visit & preliminary research", new BigDecimal("0.10"), "PIPELINE"),
                new Stage(3, "Preliminary proposal", new BigDecimal("0.20"), "PIPELINE"),
                new Stage(4, "Demo & technical exchange", new BigDecimal("0.30"), "PIPELINE"),
                new Stage(5, "Requirements & formal proposal", new BigDecimal("0.45"), "BEST_CASE"),
                new Stage(6, "Project evaluation", new BigDecimal("0.60"), "BEST_CASE"),
                new Stage(7, "Commercial negotiation", new BigDecimal("0.75"), "COMMIT"),
                new Stage(8, "Signing & handover", new BigDecimal("0.90"), "COMMIT")), 2, BigDecimal.ONE, "CLOSED");
    }

    /** A stage by number; a stage beyond the configured ones counts as the last. */
    public Stage stage(int number) {
        return stages.get(Math.max(1, Math.min(number, stages.size())) - 1);
    }

    public boolean misaligned(int stage, Integer buyerStage) {
        return buyerStage != null && stage - buyerStage > misalignmentGap;
    }

    /** The categories in forecast order: those of the stages, first appearance first, then the won category. */
    public List<String> categories() {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        stages.forEach(s -> out.add(s.category()));
        out.add(wonCategory);
        return List.copyOf(out);
    }
}
