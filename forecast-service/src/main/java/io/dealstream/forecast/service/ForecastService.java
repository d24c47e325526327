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

    public Uni<Forecasts.Report> forecast(Caller caller, Period period, Forecasts.GroupBy groupBy, Instant asOf) {
        Instant at = time.at(asOf);
        return visibility.of(caller).chain(scope -> readModel.process().chain(process -> readModel.deals(scope)
                .chain(deals -> readModel.customersOf(deals).chain(customers -> readModel.ownersOf(deals).map(staff ->
                        Forecasts.compute(deals, customers, staff, ProcessDoc.inForce(process, at),
                                configuredAt(process, at), period, groupBy, at, scope, config.thresholds()))))));
    }

    public Uni<Funnel.Report> funnel(Caller caller, Instant asOf) {
        Instant at = time.at(asOf);
        return visibility.of(caller).chain(scope -> readModel.process().chain(process -> readModel.deals(scope)
                .map(deals -> Funnel.compute(deals, ProcessDoc.inForce(process, at), at, scope))));
    }

    public Uni<List<Risks.Item>> risks(Caller caller) {
        Instant now = time.now();
        return visibility.of(caller).chain(scope -> readModel.process().chain(process -> readModel.deals(scope)
                .chain(deals -> readModel.customers().chain(customers -> readModel.staff().map(staff ->
                        Risks.compute(deals, customers, staff, ProcessDoc.inForce(process, now), now, scope,
                                config.thresholds()))))));
    }

    /** When the configuration in force at {@code at} was recorded, or null while DOMAIN.md's defaults apply. */
    private static Instant configuredAt(ProcessDoc process, Instant at) {
        ProcessDoc.Configured c = ProcessDoc.configured(process, at);
        return c == null ? null : c.at();
    }
}
