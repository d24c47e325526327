package io.dealstream.forecast.service;

import io.dealstream.forecast.config.ForecastConfig;
import io.dealstream.forecast.model.DealDoc;
import io.dealstream.forecast.model.ProcessDoc;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Answers the scorecard and turnover queries: loads what the caller may see and hands it to the pure calculations. */
@ApplicationScoped
public class AnalyticsService {

    private final ReadModel readModel;
    private final Visibility visibility;
    private final Clock clock;
    private final ForecastConfig config;

    public AnalyticsService(ReadModel readModel, Visibility visibility, Clock clock, ForecastConfig config) {
        this.readModel = readModel;
        this.visibility = visibility;
        this.clock = clock;
        this.config = config;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    }

    public Uni<List<Scorecards.Scorecard>> scorecards(Caller caller, Period period, UUID repId) {
        Instant now = clock.instant();
        return visibility.of(caller).chain(scope -> {
            if (repId != null && !scope.sees(repId)) {
                throw Rejection.notFound("no scorecard of rep " + repId + " that you may see");
            }
            return readModel.process().chain(process -> readModel.deals(scope).chain(deals -> readModel.customers()
                    .map(customers -> Scorecards.compute(deals, customers, period, now, scope, repId,
                            ProcessDoc.inForce(process, now).stages().size(), config.thresholds()))));
        });
    }

    public Uni<List<Turnover.Departure>> departures(Caller caller, UUID staffId) {
        Instant now = clock.instant();
        return visibility.of(caller).chain(scope -> readModel.handovers().chain(handovers -> {
            var selected = handovers.stream().filter(h -> staffId == null || staffId.equals(h.staffId())).toList();
            List<UUID> dealIds = selected.stream().flatMap(h -> h.deals().stream().map(d -> d.dealId())).toList();
            return readModel.deals(dealIds).chain(deals -> readModel.customers().chain(customers ->
                    readModel.staff().map(staff -> Turnover.departures(selected, byId(deals), customers, staff, now,
                            scope, staffId != null))));
        }));
    }

    public Uni<Turnover.Comparison> comparison(Caller caller, LocalDate from, LocalDate to) {
        Instant now = clock.instant();
        return visibility.of(caller).chain(scope -> readModel.deals(scope)
                .map(deals -> Turnover.comparison(deals, from, to, now, scope)));
    }

    public Uni<Turnover.KeyPersonRisk> keyPersonRisk(Caller caller) {
        Instant now = clock.instant();
        return visibility.of(caller).chain(scope -> readModel.deals(scope).chain(deals -> readModel.customers()
                .map(customers -> Turnover.keyPersonRisk(deals, customers, now, scope, config.topShare(),
                        config.singleThreadedDays()))));
    }

    private static Map<UUID, DealDoc> byId(List<DealDoc> deals) {
        Map<UUID, DealDoc> out = new LinkedHashMap<>();
        deals.forEach(d -> out.put(d.id(), d));
        return out;
    }
}
