package io.dealstream.forecast.service;

import io.dealstream.forecast.config.ForecastConfig;
import io.dealstream.forecast.model.ProcessDoc;
import io.dealstream.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Answers the forecast, funnel and risk queries: loads what the caller may see and hands it to the pure calculations. */
@ApplicationScoped
public class ForecastService {

    private final ReadModel readModel;
    private final Visibility visibility;
    private final BusinessTime time;
    private final ForecastConfig config;

    public ForecastService(ReadModel readModel, Visibility visibility, BusinessTime time, ForecastConfig config) {
        this.readModel = readModel;
        this.visibility = visibility;
        this.time = time;
        this.config = config;
    }

    // Every figure folds the deals a page at a time (ReadModel.fold, and dealPages for a forecast, whose pages read
    // their deals' customers and owners together): memory holds one page and the sums, whatever the company's size.

    public Uni<Forecasts.Report> forecast(Caller caller, Period period, Forecasts.GroupBy groupBy, Instant asOf) {
        Instant at = time.at(asOf);
        return visibility.scopeAndProcess(caller).chain(sp -> {
            Forecasts.Tally tally = new Forecasts.Tally(ProcessDoc.inForce(sp.process(), at), configuredAt(sp.process(), at),
                    period, groupBy, at, sp.scope(), config.thresholds());
            return readModel.dealPages(sp.scope(), deals -> Uni.combine().all()
                            .unis(readModel.customersOf(deals), readModel.ownersOf(deals)).asTuple()
                            .invoke(cs -> tally.add(deals, cs.getItem1(), cs.getItem2())).replaceWithVoid())
                    .map(done -> tally.report());
        });
    }

    public Uni<Funnel.Report> funnel(Caller caller, Instant asOf) {
        Instant at = time.at(asOf);
        return visibility.scopeAndProcess(caller).chain(sp -> {
            Funnel.Tally tally = new Funnel.Tally(ProcessDoc.inForce(sp.process(), at), at, sp.scope());
            return readModel.fold(sp.scope(), tally).map(done -> tally.report());
        });
    }

    public Uni<List<Risks.Item>> risks(Caller caller) {
        Instant now = time.now();
        return visibility.scopeAndProcess(caller).chain(sp -> readModel.staff().chain(staff -> {
            Risks.Tally tally = new Risks.Tally(staff, ProcessDoc.inForce(sp.process(), now), now, sp.scope(),
                    config.thresholds());
            return readModel.fold(sp.scope(), tally).map(done -> tally.items());
        }));
    }

    /** When the configuration in force at {@code at} was recorded, or null while DOMAIN.md's defaults apply. */
    private static Instant configuredAt(ProcessDoc process, Instant at) {
        ProcessDoc.Configured c = ProcessDoc.configured(process, at);
        return c == null ? null : c.at();
    }
}
