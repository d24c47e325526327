package io.dealstream.forecast.service;

import io.dealstream.forecast.config.ForecastConfig;
import io.dealstream.forecast.model.ProcessDoc;
import io.dealstream.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Answers the forecast, funnel and risk queries: loads what the caller may see and hands it to the pure calculations. */
@ApplicationScoped
public class ForecastService {

    private final ReadModel readModel;
    private final Visibility visibility;
    private final Clock clock;
    private final ForecastConfig config;

    public ForecastService(ReadModel readModel, Visibility visibility, Clock clock, ForecastConfig config) {
        this.readModel = readModel;
        this.visibility = visibility;
        this.clock = clock;
        this.config = config;
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** {@code asOf} when given and not in the future, else now. */
    public Instant at(Instant asOf) {
        Instant now = now();
        return asOf == null || asOf.isAfter(now) ? now : asOf;
    }

    public Uni<Forecasts.Report> forecast(Caller caller, Period period, Forecasts.GroupBy groupBy, Instant asOf) {
        Instant at = at(asOf);
        return visibility.of(caller).chain(scope -> readModel.process().chain(process -> readModel.deals(scope)
                .chain(deals -> readModel.customersOf(deals).chain(customers -> readModel.ownersOf(deals).map(staff ->
                        Forecasts.compute(deals, customers, staff, ProcessDoc.inForce(process, at),
                                configuredAt(process, at), period, groupBy, at, scope, config.thresholds()))))));
    }

    public Uni<Funnel.Report> funnel(Caller caller, Instant asOf) {
        Instant at = at(asOf);
        return visibility.of(caller).chain(scope -> readModel.process().chain(process -> readModel.deals(scope)
                .map(deals -> Funnel.compute(deals, ProcessDoc.inForce(process, at), at, scope))));
    }

    public Uni<List<Risks.Item>> risks(Caller caller) {
        Instant now = now();
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
