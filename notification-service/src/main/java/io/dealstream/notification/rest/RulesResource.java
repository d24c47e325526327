package io.dealstream.notification.rest;

import io.dealstream.notification.config.NotificationConfig;
import io.dealstream.notification.rules.RuleNames;
import io.dealstream.notification.service.RuleRunner;
import io.dealstream.support.rest.Params;
import io.dealstream.support.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The rules in force, and running them on demand. */
@Path("/")
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Rules")
@Produces(MediaType.APPLICATION_JSON)
public class RulesResource {

    private final NotificationConfig config;
    private final RuleRunner runner;
    private final Clock clock;
    private final String smtp;

    public RulesResource(NotificationConfig config, RuleRunner runner, Clock clock,
                         @ConfigProperty(name = "quarkus.mailer.host") String smtpHost,
                         @ConfigProperty(name = "quarkus.mailer.port") int smtpPort) {
        this.config = config;
        this.runner = runner;
        this.clock = clock;
        this.smtp = smtpHost + ":" + smtpPort;
    }

    /** Everything that decides who is told what and when. */
    public record RulesInForce(List<String> rules, Thresholds thresholds, WeeklyReview weeklyReview,
                               Map<Integer, List<String>> stageRoles, Channels channels, String schedule) {
    }

    public record Thresholds(int followUpDays, int escalationDays, int stalledDays, String maxLateness) {
    }

    public record WeeklyReview(String day, String localTime, int lookbackDays, String defaultTimeZone) {
    }

    public record Channels(boolean inbox, boolean stream, boolean email, boolean emailSending, String smtpServer, String addressPattern,
                           int directoryEntries) {
    }

    @GET
    @Path("rules")
    @Operation(summary = "The 1-15-30 thresholds, times, stage roles and channels in force")
    public RulesInForce rules() {
        NotificationConfig.Rules r = config.rules();
        return new RulesInForce(RuleNames.ALL,
                new Thresholds(r.followUpDays(), r.escalationDays(), r.stalledDays(), r.maxLateness().toString()),
                new WeeklyReview(config.weeklyReview().day().name(), config.weeklyReview().time().toString(),
                        config.weeklyReview().lookbackDays(), config.weeklyReview().defaultTimeZone().getId()),
                new TreeMap<>(config.stageRoles()),
                new Channels(true, config.channels().stream(), config.channels().email(), config.mail().send(), smtp,
                        config.mail().addressPattern(), config.mail().directory().size()),
                "every " + r.every());
    }

    @POST
    @Path("admin/rules/run")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Evaluate the rules as of an instant (default now): catch up after an outage, or check a past day")
    public RuleRunner.Result run(
            @Parameter(description = "ISO-8601 instant, e.g. 2027-01-18T08:00:00Z, or a date (its end, UTC)") @QueryParam("at") String at) {
        Instant when = Params.instant(at, "at");
        return runner.run(when != null ? when : clock.instant());
    }
}
