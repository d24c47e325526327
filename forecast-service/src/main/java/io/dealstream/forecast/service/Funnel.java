package io.dealstream.forecast.service;

import io.dealstream.forecast.model.CustomerDoc;
import io.dealstream.forecast.model.DealDoc;
import io.dealstream.forecast.model.DealState;
import io.dealstream.forecast.model.ProcessConfig;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The funnel, pure: open deals at {@code asOf} per seller stage, count and amount (and weighted amount) per currency. */
public final class Funnel {

    public record Report(String groupBy, Instant asOf, List<StageFigures> stages) {
    }

    public record StageFigures(int stage, String name, String category, BigDecimal probability, long count,
                               List<Amount> amounts) {
    }

    public record Amount(String currency, long count, String amount, String weightedAmount) {
    }

    private Funnel() {
    }

    /** The funnel taken a page of deals at a time ({@link ReadModel#fold}), then {@link #report}. */
    public static final class Tally implements PageFold {

        private final ProcessConfig process;
        private final Instant asOf;
        private final Scope scope;
        private final List<Map<String, Object[]>> perStage = new ArrayList<>();

        public Tally(ProcessConfig process, Instant asOf, Scope scope) {
            this.process = process;
            this.asOf = asOf;
            this.scope = scope;
            process.stages().forEach(s -> perStage.add(new TreeMap<>()));
        }

        @Override
        public synchronized void deals(List<DealDoc> deals, Map<UUID, CustomerDoc> customers) {
            for (DealDoc deal : deals) {
                DealState s = deal.asOf(asOf);
                if (s == null || !s.open() || !scope.sees(s.ownerId())) {
                    continue;
                }
                ProcessConfig.Stage stage = process.stage(s.stage());
                Object[] acc = perStage.get(stage.number() - 1).computeIfAbsent(s.currency(),
                        c -> new Object[] {0L, BigDecimal.ZERO, BigDecimal.ZERO});
                acc[0] = (Long) acc[0] + 1;
                acc[1] = ((BigDecimal) acc[1]).add(s.amountValue());
                acc[2] = ((BigDecimal) acc[2]).add(s.amountValue().multiply(stage.probability()));
            }
        }

        public synchronized Report report() {
            List<StageFigures> out = new ArrayList<>();
            for (ProcessConfig.Stage stage : process.stages()) {
                List<Amount> amounts = new ArrayList<>();
                long count = 0;
                for (Map.Entry<String, Object[]> e : perStage.get(stage.number() - 1).entrySet()) {
                    long n = (Long) e.getValue()[0];
                    count += n;
                    amounts.add(new Amount(e.getKey(), n, Amounts.text((BigDecimal) e.getValue()[1]),
                            Amounts.text((BigDecimal) e.getValue()[2])));
                }
                out.add(new StageFigures(stage.number(), stage.name(), stage.category(), stage.probability(), count,
                        amounts));
            }
            return new Report("stage", asOf, out);
        }
    }
}
