package io.dealstream.forecast.rest;

import io.dealstream.forecast.service.BusinessTime;
import io.dealstream.forecast.service.ForecastService;
import io.dealstream.forecast.service.Forecasts;
import io.dealstream.forecast.service.Funnel;
import io.dealstream.forecast.service.Period;
import io.dealstream.forecast.service.Risks;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Forecasts, the funnel and the risk lists (API.md, forecast-service). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN, Roles.AUDITOR, Roles.BI})
@SecurityRequirement(name = "bearer")
@Tag(name = "forecasts")
public class ForecastResource {

    private final ForecastService service;
    private final BusinessTime time;
    private final Caller caller;

    public ForecastResource(ForecastService service, BusinessTime time, Caller caller) {
        this.service = service;
        this.time = time;
        this.caller = caller;
    }

    @GET
    @Path("forecasts")
    @Timed("forecast.query.forecasts")
    @Operation(summary = "Weighted forecast per period and group",
            description = "Open deals whose expected close date falls in the period count with amount × stage probability "
                    + "and in their stage's forecast category; deals won (signed) in the period count in the won category. "
                    + "Per currency. With asOf, what the forecast said at the end of that day, rebuilt from the history.")
    @APIResponse(responseCode = "200", description = "the forecast")
    @APIResponse(responseCode = "400", description = "bad period, groupBy or asOf (problem+json)")
    public Uni<Forecasts.Report> forecasts(
            @Parameter(description = "2027 (year), 2027-Q1 (quarter) or 2027-03 (month); default: the current quarter")
            @QueryParam("period") String period,
            @Parameter(description = "company (default), team, rep or region") @QueryParam("groupBy") String groupBy,
            @Parameter(description = "a date (end of that day, UTC) or an instant in the past; default: now")
            @QueryParam("asOf") String asOf) {
        Period p = Period.parse(period, time.today());
        Forecasts.GroupBy g = groupBy == null || groupBy.isBlank() ? Forecasts.GroupBy.COMPANY
                : Params.enumValue(Forecasts.GroupBy.class, groupBy, "groupBy");
        return service.forecast(caller, p, g, Params.instant(asOf, "asOf"));
    }

    @GET
    @Path("pipeline")
    @Timed("forecast.query.pipeline")
    @Operation(summary = "The funnel: open deals per stage, count and amount per currency")
    @APIResponse(responseCode = "200", description = "the funnel")
    @APIResponse(responseCode = "400", description = "groupBy other than stage, or a bad asOf (problem+json)")
    public Uni<Funnel.Report> pipeline(@Parameter(description = "stage (the only grouping)") @QueryParam("groupBy") String groupBy,
                                       @Parameter(description = "a past date or instant; default: now") @QueryParam("asOf") String asOf) {
        if (groupBy != null && !groupBy.isBlank() && !groupBy.trim().equalsIgnoreCase("stage")) {
            throw Rejection.invalid("groupBy", "the pipeline is grouped by stage: groupBy=stage");
        }
        return service.funnel(caller, Params.instant(asOf, "asOf"));
    }

    @GET
    @Path("risks")
    @Timed("forecast.query.risks")
    @Operation(summary = "Risk lists: STALLED, MISALIGNED, ORPHANED, FOLLOW_UP_OVERDUE",
            description = "Open deals and accounts at risk now, sorted by type and id; paged with limit and cursor.")
    @APIResponse(responseCode = "200", description = "one page of risk items")
    @APIResponse(responseCode = "400", description = "bad type, limit or cursor (problem+json)")
    public Uni<Page<Risks.Item>> risks(@Parameter(description = "one type; default: all") @QueryParam("type") String type,
                                       @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Risks.Type t = Params.enumValue(Risks.Type.class, type, "type");
        PageRequest page = PageRequest.of(limit, cursor);
        return service.risks(caller).map(items -> {
            List<Risks.Item> selected = items.stream()
                    .filter(i -> t == null || i.type() == t)
                    .filter(i -> page.first() || after(i, page.after()))
                    .limit(page.limit() + 1L).toList();
            return page.page(selected, i -> PageRequest.cursor(i.type().name(), i.id().toString()));
        });
    }

    private static boolean after(Risks.Item item, List<String> cursor) {
        if (cursor.size() != 2) {
            throw Rejection.invalid("cursor", "cursor is not one this service issued; start again without it");
        }
        int byType = item.type().name().compareTo(cursor.get(0));
        return byType > 0 || (byType == 0 && item.id().toString().compareTo(cursor.get(1)) > 0);
    }
}
