package io.dealstream.notification.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealstream.notification.review.WeeklyReviews;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.rest.Params;
import io.dealstream.support.security.Caller;
import io.dealstream.support.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The weekly funnel reviews as sent: a manager reads their own; executives, admins and auditors read any. */
@Path("/reviews/weekly")
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Weekly review")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

    private final WeeklyReviews reviews;
    private final Caller caller;

    public ReviewResource(WeeklyReviews reviews, Caller caller) {
        this.reviews = reviews;
        this.caller = caller;
    }

    /** A manager's reviews of one week: one section per team they manage. */
    public record WeeklyReviewPage(UUID managerId, String week, List<JsonNode> teams) {
    }

    @GET
    @Operation(summary = "The weekly funnel review a manager was sent for an ISO week (one section per team)")
    public WeeklyReviewPage get(
            @Parameter(description = "the manager; default: the caller") @QueryParam("managerId") String managerId,
            @Parameter(description = "ISO week, e.g. 2027-W03", required = true) @QueryParam("week") String week) {
        UUID manager = managerId == null || managerId.isBlank() ? caller.staffId() : Params.uuid(managerId, "managerId");
        String w = week(week);
        boolean seesAll = caller.has(Roles.EXECUTIVE) || caller.has(Roles.ADMIN) || caller.has(Roles.AUDITOR);
        List<JsonNode> teams = seesAll || manager.equals(caller.staffIdOrNull()) ? reviews.of(manager, w) : List.of();
        if (teams.isEmpty()) {
            throw Rejection.notFound("no weekly review for manager " + manager + " in week " + w);
        }
        return new WeeklyReviewPage(manager, w, teams);
    }

    /** {@code 2027-W03}: a week that exists in its week-based year. */
    static String week(String value) {
        if (value == null || value.isBlank()) {
            throw Rejection.invalid("week", "week is required, an ISO week such as 2027-W03");
        }
        Matcher m = WEEK.matcher(value.trim());
        if (!m.matches()) {
            throw Rejection.invalid("week", "week must be an ISO week such as 2027-W03");
        }
        int year = Integer.parseInt(m.group(1));
        int number = Integer.parseInt(m.group(2));
        long weeks = LocalDate.of(year, 6, 1).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        if (number < 1 || number > weeks) {
            throw Rejection.invalid("week", year + " has weeks 1 to " + weeks);
        }
        return value.trim();
    }
}
