package io.dealstream.forecast.service;

import io.dealstream.forecast.config.ForecastConfig;
import io.dealstream.forecast.model.HandoverDoc;
import io.dealstream.forecast.model.ProcessDoc;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.rest.PageRequest;
import io.dealstream.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Answers the scorecard and turnover queries: folds what the caller may see into the pure calculations a page at a
 * time ({@link ReadModel#fold}); a departure reads only its own deals.
 */
@ApplicationScoped
public class AnalyticsService {

    private final ReadModel readModel;
    private final Visibility visibility;
    private final BusinessTime time;
    private final ForecastConfig config;

    public AnalyticsService(ReadModel readModel, Visibility visibility, BusinessTime time, ForecastConfig config) {
        this.readModel = readModel;
        this.visibility = visibility;
        this.time = time;
        this.config = config;
    }

    public Uni<List<Scorecards.Scorecard>> scorecards(Caller caller, Period period, UUID repId) {
        Instant now = time.now();
        return visibility.scopeAndProcess(caller).chain(sp -> {
            Scope scope = sp.scope();
            if (repId != null && !scope.sees(repId)) {
                throw Rejection.notFound("no scorecard of rep " + repId + " that you may see");
            }
            Scorecards.Tally tally = new Scorecards.Tally(period, now, scope, repId,
                    ProcessDoc.inForce(sp.process(), now).stages().size(), config.thresholds());
            return readModel.fold(scope, tally).map(done -> tally.scorecards());
        });
    }

    /**
     * Reads only what the departures shown need: their handovers (by the staff member asked for, or the scope's staff),
     * the deals those left and those deals' customers, and the departed staff members themselves; not every
     * departure, customer or staff member of the company. {@link Turnover} needs a customer only for the activities
     * logged on a handed-over deal, whose account need not be one the departed staff member owned; a departure's
     * accounts are counted by id.
     */
    public Uni<List<Turnover.Departure>> departures(Caller caller, UUID staffId) {
        Instant now = time.now();
        return visibility.of(caller).chain(scope -> readModel.handoversOf(scope, staffId).chain(handovers -> {
            List<HandoverDoc> shown = shown(handovers, scope, staffId);
            return readModel.dealsById(dealIds(shown)).chain(deals -> Uni.combine().all()
                    .unis(readModel.customersOf(deals.values()), readModel.staffById(departed(shown))).asTuple()
                    .map(cs -> Turnover.departures(shown, deals, cs.getItem1(), cs.getItem2(), now, scope,
                            staffId != null)));
        }));
    }

    private static Set<UUID> departed(List<HandoverDoc> handovers) {
        Set<UUID> ids = new HashSet<>();
        handovers.stream().map(HandoverDoc::staffId).filter(Objects::nonNull).forEach(ids::add);
        return ids;
    }

    /** The handovers of the departures asked for (all, or one staff member's) that the scope may see. */
    private static List<HandoverDoc> shown(List<HandoverDoc> handovers, Scope scope, UUID staffId) {
        return handovers.stream().filter(h -> staffId == null || staffId.equals(h.staffId()))
                .filter(h -> scope.sees(h.staffId())).toList();
    }

    private static List<UUID> dealIds(List<HandoverDoc> handovers) {
        return handovers.stream().flatMap(h -> h.deals().stream().map(HandoverDoc.DealRef::dealId)).toList();
    }

    public Uni<Turnover.Comparison> comparison(Caller caller, LocalDate from, LocalDate to) {
        Instant now = time.now();
        return visibility.of(caller).chain(scope -> {
            Turnover.ComparisonTally tally = new Turnover.ComparisonTally(from, to, now, scope);
            return readModel.fold(scope, tally).map(done -> tally.comparison());
        });
    }

    /** Key-person risk, with the page of single-threaded accounts asked for. */
    public Uni<Turnover.KeyPersonRisk> keyPersonRisk(Caller caller, PageRequest page) {
        Instant now = time.now();
        return visibility.of(caller).chain(scope -> {
            Turnover.KeyPersonTally tally = new Turnover.KeyPersonTally(now, scope, config.topShare(),
                    config.singleThreadedDays(), page);
            return readModel.fold(scope, tally).map(done -> tally.risk());
        });
    }
}
