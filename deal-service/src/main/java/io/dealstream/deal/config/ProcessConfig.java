package io.dealstream.deal.config;

import io.dealstream.deal.domain.DealProcess;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deal process as configured ({@code dealstream.process.*}): DOMAIN.md's defaults, with per-stage overrides.
 */
@ConfigMapping(prefix = "dealstream.process")
public interface ProcessConfig {

    /** How many stages the seller may be ahead of the buyer before the deal is misaligned. */
    @WithDefault("2")
    int misalignmentGap();

    /** Overrides per stage number, e.g. {@code dealstream.process.stages.4.roles=PRESALES_ENGINEER,CONSULTANT}. */
    Map<String, StageOverride> stages();

    /** What may be changed of one stage; anything left out keeps its default. */
    interface StageOverride {
        Optional<String> name();

        Optional<List<String>> milestones();

        Optional<List<String>> roles();

        /** Win probability, 0..1. */
        Optional<BigDecimal> probability();

        /** Forecast category: PIPELINE, BEST_CASE or COMMIT. */
        Optional<String> category();
    }

    /** Produces the process every component uses. */
    @ApplicationScoped
    class Producer {
        @Produces
        @jakarta.inject.Singleton
        DealProcess process(ProcessConfig config) {
            DealProcess defaults = DealProcess.defaults();
            List<DealProcess.Stage> stages = new ArrayList<>();
            for (DealProcess.Stage d : defaults.stages()) {
                StageOverride o = config.stages().get(Integer.toString(d.number()));
                stages.add(o == null ? d : new DealProcess.Stage(d.number(), o.name().orElse(d.name()), d.buyerStage(),
                        o.milestones().orElse(d.milestones()), o.roles().orElse(d.roles()),
                        o.probability().orElse(d.probability()), o.category().orElse(d.category())));
            }
            return new DealProcess(stages, config.misalignmentGap(), defaults.wonProbability(), defaults.wonCategory());
        }
    }
}
