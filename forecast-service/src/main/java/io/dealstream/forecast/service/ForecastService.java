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

    // Reads that do not depend on each other are sent together: a forecast waits for three round trips to MongoDB
    // (the caller's scope and the process; then the deals; then their customers and owners), not five in a row.

    public Uni<Forecasts.Report> forecast(Caller caller, Period period, Forecasts.GroupBy groupBy, Instant asOf) {
        Instant at = time.at(asOf);
        return visibility.scopeAndProcess(caller).chain(sp -> readModel.deals(sp.scope()).chain(deals -> Uni.combine().all()
                .unis(readModel.customersOf(deals), readModel.ownersOf(deals)).asTuple().map(cs ->
                        Forecasts.compute(deals, cs.getItem1(), cs.getItem2(), ProcessDoc.inForce(sp.process(), at),
                                configuredAt(sp.process(), at), period, groupBy, at, sp.scope(), config.thresholds()))));
    }

    public Uni<Funnel.Report> funnel(Caller caller, Instant asOf) {
        Instant at = time.at(asOf);
        return visibility.scopeAndProcess(caller).chain(sp -> readModel.deals(sp.scope())
                .map(deals -> Funnel.compute(deals, ProcessDoc.inForce(sp.process(), at), at, sp.scope())));
    }

    public Uni<List<Risks.Item>> risks(Caller caller) {
        Instant now = time.now();
        return visibility.scopeAndProcess(caller).chain(sp -> readModel.deals(sp.scope()).chain(deals -> Uni.combine().all()
                .unis(readModel.customersFor(sp.scope(), deals), readModel.staff()).asTuple().map(cs ->
                        Risks.compute(deals, cs.getItem1(), cs.getItem2(), ProcessDoc.inForce(sp.process(), now),
                                now, sp.scope(), config.thresholds()))));
    }

    /** When the configuration in force at {@code at} was recorded, or null while DOMAIN.md's defaults apply. */
    private static Instant configuredAt(ProcessDoc process, Instant at) {
        ProcessDoc.Configured c = ProcessDoc.configured(process, at);
        return c == null ? null : c.at();
    }
}
