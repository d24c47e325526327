package io.dealstream.forecast.rest;

import io.dealstream.forecast.service.AnalyticsService;
import io.dealstream.forecast.service.BusinessTime;
import io.dealstream.forecast.service.Period;
import io.dealstream.forecast.service.Scorecards;
import io.dealstream.forecast.service.Turnover;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.rest.Page;
import io.dealstream.support.rest.PageRequest;
import io.dealstream.support.rest.Params;
import io.dealstream.support.security.Caller;
import io.dealstream.support.security.Roles;
import io.micrometer.core.annotation.Timed;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Process-based scorecards and staff-turnover analytics (API.md, forecast-service). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN, Roles.AUDITOR, Roles.BI})
@SecurityRequirement(name = "bearer")
@Tag(name = "analytics")
public class AnalyticsResource {

    private final AnalyticsService service;
    private final BusinessTime time;
    private final Caller caller;

    public AnalyticsResource(AnalyticsService service, BusinessTime time, Caller caller) {
        this.service = service;
        this.time = time;
        this.caller = caller;
    }

    @GET
    @Path("scorecards")
    @Timed("forecast.query.scorecards")
    @Operation(summary = "Process-based scorecard per rep and period",
            description = "Activities logged, 15-day follow-up compliance, stage advances, conversion per stage, days per "
                    + "stage, win rate, won amount and pipeline created (see the service README for the exact rules). "
                    + "Paged by rep id.")
    @APIResponse(responseCode = "200", description = "one page of scorecards")
    @APIResponse(responseCode = "400", description = "bad period, repId, limit or cursor (problem+json)")
    @APIResponse(responseCode = "404", description = "repId is not a rep the caller may see")
    public Uni<Page<Scorecards.Scorecard>> scorecards(
            @Parameter(description = "2027, 2027-Q1 or 2027-03; default: the current quarter") @QueryParam("period") String period,
            @Parameter(description = "one rep's scorecard") @QueryParam("repId") String repId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Period p = Period.parse(period, time.today());
        UUID rep = Params.uuid(repId, "repId");
        PageRequest page = PageRequest.of(limit, cursor);
        return service.scorecards(caller, p, rep).map(cards -> page.page(cards.stream()
                .filter(c -> page.first() || c.repId().toString().compareTo(single(page.after())) > 0)
                .limit(page.limit() + 1L).toList(), c -> PageRequest.cursor(c.repId().toString())));
    }

    @GET
    @Path("turnover/departures")
    @Timed("forecast.query.turnover")
    @Operation(summary = "Impact of each departure",
            description = "Accounts and open deals affected, pipeline value affected, handover lag, and what happened after "
                    + "the handover: won, lost by reason and competitor, stage regressions, days to the next activity, "
                    + "close-date slips. Ordered by effective date; paged.")
    @APIResponse(responseCode = "200", description = "one page of departures")
    public Uni<Page<Turnover.Departure>> departures(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return service.departures(caller, null).map(list -> page.page(list.stream()
                .filter(d -> page.first() || key(d).compareTo(single(page.after())) > 0)
                .limit(page.limit() + 1L).toList(), d -> PageRequest.cursor(key(d))));
    }

    @GET
    @Path("turnover/departures/{staffId}")
    @Timed("forecast.query.turnover")
    @Operation(summary = "Impact of one staff member's departure, item by item")
    @APIResponse(responseCode = "200", description = "the departure with every account and deal it left")
    @APIResponse(responseCode = "404", description = "no departure of that staff member that the caller may see")
    public Uni<Turnover.Departure> departure(@PathParam("staffId") String staffId) {
        UUID id = Params.uuid(staffId, "staffId");
        return service.departures(caller, id).map(list -> {
            if (list.isEmpty()) {
                throw Rejection.notFound("no departure of staff member " + id + " that you may see");
            }
            return list.get(list.size() - 1);
        });
    }

    @GET
    @Path("turnover/comparison")
    @Timed("forecast.query.turnover")
    @Operation(summary = "Handed-over against never handed-over deals",
            description = "Deals closed in [from, to] (won: signing date), split by whether they changed owner while open: "
                    + "win rate, average cycle length (opened to closed) and average close-date slip in days.")
    @APIResponse(responseCode = "200", description = "the two cohorts")
    @APIResponse(responseCode = "400", description = "bad dates, or from after to (problem+json)")
    public Uni<Turnover.Comparison> comparison(
            @Parameter(description = "first day; default: 12 months before to") @QueryParam("from") String from,
            @Parameter(description = "last day; default: today") @QueryParam("to") String to) {
        LocalDate t = Params.date(to, "to");
        LocalDate end = t == null ? time.today() : t;
        LocalDate f = Params.date(from, "from");
        LocalDate start = f == null ? end.minusMonths(12).plusDays(1) : f;
        if (start.isAfter(end)) {
            throw Rejection.invalid("from", "from must not be after to");
        }
        return service.comparison(caller, start, end);
    }

    @GET
    @Path("turnover/key-person-risk")
    @Timed("forecast.query.turnover")
    @Operation(summary = "Concentration on the top 20% of reps, and single-threaded accounts",
            description = "Per currency, the share of open pipeline and of the last 12 months' won amount held by the top "
                    + "20% of reps; accounts with at most one contact, or with no activity by anyone but the owner in "
                    + "90 days, a page of them by customer id (nextCursor: the next page).")
    @APIResponse(responseCode = "200", description = "the key-person risk")
    @APIResponse(responseCode = "400", description = "bad limit or cursor (problem+json)")
    public Uni<Turnover.KeyPersonRisk> keyPersonRisk(@QueryParam("limit") String limit,
                                                     @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        if (!page.first()) {
            single(page.after()); // a cursor of one key, or 400
        }
        return service.keyPersonRisk(caller, page);
    }

    private static String key(Turnover.Departure d) {
        return d.effectiveDate() + "/" + d.departureId();
    }

    private static String single(List<String> cursor) {
        if (cursor.size() != 1) {
            throw Rejection.invalid("cursor", "cursor is not one this service issued; start again without it");
        }
        return cursor.get(0);
    }
}
