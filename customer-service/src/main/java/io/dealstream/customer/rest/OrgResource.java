package io.dealstream.customer.rest;

import io.dealstream.support.rest.Bodies;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.customer.domain.Capability;
import io.dealstream.customer.domain.StaffCommand;
import io.dealstream.customer.domain.StaffDecider;
import io.dealstream.customer.domain.StaffEvent;
import io.dealstream.customer.domain.StaffState;
import io.dealstream.customer.domain.TeamCommand;
import io.dealstream.customer.domain.TeamDecider;
import io.dealstream.customer.personal.PersonalDataVault;
import io.dealstream.customer.service.CommandRunner;
import io.dealstream.customer.service.DepartureService;
import io.dealstream.customer.service.StaffDirectory;
import io.dealstream.customer.service.Streams;
import io.dealstream.customer.view.Documents;
import io.dealstream.customer.view.StaffView;
import io.dealstream.customer.view.TeamView;
import io.dealstream.eventstore.CommandResult;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.rest.Page;
import io.dealstream.support.rest.PageRequest;
import io.dealstream.support.rest.Params;
import io.dealstream.support.security.Caller;
import io.dealstream.support.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.resteasy.reactive.RestResponse;

/** Teams and staff: the directory, joining, and departures (which open a handover). */
@Path("/")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrgResource {

    /** Body of POST /teams. */
    public record NewTeam(String name, String managerId, String timeZone) {
    }

    /** Body of POST /staff; name and email are personal data, stored encrypted. */
    public record NewStaff(String name, String email, String title, String teamId, List<String> capabilities) {
    }

    /** Body of PATCH /staff/{id}: only the fields given change. */
    public record StaffChange(String teamId, List<String> capabilities) {
    }

    /** Body of POST /staff/{id}/departure. */
    public record Departure(String effectiveDate, String reason, String successorId) {
    }

    private final CommandRunner runner;
    private final Streams streams;
    private final StaffDirectory directory;
    private final PersonalDataVault vault;
    private final DepartureService departures;
    private final io.dealstream.customer.service.CustomerAccess access;
    private final Mutiny.SessionFactory sessions;
    private final Caller caller;
    private final ObjectMapper json;
    private final TeamDecider teamDecider = new TeamDecider();
    private final StaffDecider staffDecider = new StaffDecider();

    public OrgResource(CommandRunner runner, Streams streams, StaffDirectory directory, PersonalDataVault vault,
                       DepartureService departures, io.dealstream.customer.service.CustomerAccess access,
                       Mutiny.SessionFactory sessions, Caller caller, ObjectMapper json) {
        this.access = access;
        this.runner = runner;
        this.streams = streams;
        this.directory = directory;
        this.vault = vault;
        this.departures = departures;
        this.sessions = sessions;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @Path("teams")
    @Tag(name = "Teams")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a team with its manager and time zone")
    public Uni<RestResponse<Documents.TeamDocument>> createTeam(NewTeam body) {
        Bodies.require(body);
        UUID teamId = UUID.randomUUID();
        UUID manager = Bodies.requiredUuid(body.managerId(), "managerId");
        return directory.require(manager, "managerId").flatMap(m -> runner.run(streams.teams, streams.teamView, teamId,
                        null, teamDecider::decide,
                        new TeamCommand.CreateTeam(teamId, body.name(), manager, body.timeZone(), "DEPARTED".equals(m.status)),
                        caller.actor(), s -> true))
                .map(r -> Bodies.created("/teams/" + teamId, Documents.TeamDocument.of(r.state()), r.version()));
    }

    @GET
    @Path("teams")
    @Tag(name = "Teams")
    @Operation(summary = "Every team with its manager")
    public Uni<Page<Object>> teams(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return sessions.withSession(s -> {
            var q = page.first()
                    ? s.createSelectionQuery("from TeamView t order by t.id", TeamView.class)
                    : s.createSelectionQuery("from TeamView t where t.id > :after order by t.id", TeamView.class)
                    .setParameter("after", Params.uuid(page.after().get(0), "cursor"));
            return q.setMaxResults(page.limit() + 1).getResultList();
        }).map(rows -> {
            Page<TeamView> p = page.page(rows, t -> PageRequest.cursor(t.id.toString()));
            return new Page<>(p.items().stream().map(t -> (Object) Bodies.tree(json, t.document)).toList(), p.nextCursor());
        });
    }

    @POST
    @Path("staff")
    @Tag(name = "Staff")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a staff member to a team, with capabilities")
    public Uni<RestResponse<Documents.StaffDocument>> addStaff(NewStaff body) {
        Bodies.require(body);
        UUID staffId = UUID.randomUUID();
        UUID teamId = Params.uuid(body.teamId(), "teamId"); // optional: a team's manager joins before the team exists
        String name = Bodies.requiredText(body.name(), "name", 200);
        String email = Bodies.requiredText(body.email(), "email", 320);
        if (!email.matches("[^@\\s]+@[^@\\s]+")) {
            throw Rejection.invalid("email", "email must be an e-mail address");
        }
        List<Capability> capabilities = new ArrayList<>();
        for (String c : body.capabilities() == null ? List.<String>of() : body.capabilities()) {
            capabilities.add(Params.enumValue(Capability.class, c, "capabilities"));
        }
        Map<String, Object> personal = Map.of("name", name, "email", email);
        return (teamId == null ? Uni.createFrom().voidItem() : directory.requireTeam(teamId))
                .chain(() -> sessions.withTransaction(s -> vault.seal(s, staffId, personal)))
                .chain(sealed -> runner.run(streams.staff, streams.staffView, staffId, null, staffDecider::decide,
                        new StaffCommand.AddStaffMember(staffId, teamId, body.title(), capabilities, sealed),
                        caller.actor(), s -> true))
                .map(r -> Bodies.created("/staff/" + staffId,
                        Documents.StaffDocument.of(r.state()).withPersonal(personal), r.version()));
    }

    @GET
    @Path("staff")
    @Tag(name = "Staff")
    @Operation(summary = "The staff directory, with status ACTIVE or DEPARTED")
    public Uni<Page<Documents.StaffDocument>> staff(@QueryParam("teamId") String teamId, @QueryParam("status") String status,
                                                    @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        UUID team = Params.uuid(teamId, "teamId");
        String wanted = status == null ? null : Params.enumValue(io.dealstream.customer.domain.StaffStatus.class, status, "status").name();
        return sessions.withSession(s -> {
            StringBuilder hql = new StringBuilder("from StaffView v where 1 = 1");
            if (team != null) hql.append(" and v.teamId = :team");
            if (wanted != null) hql.append(" and v.status = :status");
            if (!page.first()) hql.append(" and v.id > :after");
            var q = s.createSelectionQuery(hql.append(" order by v.id").toString(), StaffView.class);
            if (team != null) q.setParameter("team", team);
            if (wanted != null) q.setParameter("status", wanted);
            if (!page.first()) q.setParameter("after", Params.uuid(page.after().get(0), "cursor"));
            return q.setMaxResults(page.limit() + 1).getResultList().flatMap(rows -> {
                Page<StaffView> p = page.page(rows, v -> PageRequest.cursor(v.id.toString()));
                Uni<List<Documents.StaffDocument>> docs = Uni.createFrom().item(new ArrayList<>());
                for (StaffView v : p.items()) {
                    docs = docs.flatMap(list -> withName(s, v).map(d -> {
                        list.add(d);
                        return list;
                    }));
                }
                return docs.map(list -> new Page<>(list, p.nextCursor()));
            });
        });
    }

    @GET
    @Path("staff/{id}")
    @Tag(name = "Staff")
    @Operation(summary = "One staff member")
    public Uni<RestResponse<Documents.StaffDocument>> staffMember(@PathParam("id") String id) {
        UUID staffId = Bodies.pathId(id, "staff member");
        return sessions.withSession(s -> s.find(StaffView.class, staffId).flatMap(v -> {
            if (v == null) {
                throw Rejection.notFound("no staff member " + id);
            }
            return withName(s, v).map(d -> RestResponse.ResponseBuilder.ok(d).header("ETag", Params.etag(v.version)).build());
        }));
    }

    @jakarta.ws.rs.PATCH
    @Path("staff/{id}")
    @Tag(name = "Staff")
    @RolesAllowed(Roles.ADMIN)
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Move a staff member to another team and/or change their capabilities")
    public Uni<RestResponse<Documents.StaffDocument>> changeStaff(@PathParam("id") String id, StaffChange body) {
        Bodies.require(body);
        UUID staffId = Bodies.pathId(id, "staff member");
        UUID teamId = Params.uuid(body.teamId(), "teamId");
        List<Capability> capabilities = body.capabilities() == null ? null : body.capabilities().stream()
                .map(c -> Params.enumValue(Capability.class, c, "capabilities")).toList();
        Uni<Void> team = teamId == null ? Uni.createFrom().voidItem() : directory.requireTeam(teamId)
                .chain(() -> runner.run(streams.staff, streams.staffView, staffId, null, staffDecider::decide,
                        new StaffCommand.ChangeStaffTeam(teamId), caller.actor(), s -> !s.isNew())).replaceWithVoid();
        Uni<Void> abilities = capabilities == null ? Uni.createFrom().voidItem()
                : runner.run(streams.staff, streams.staffView, staffId, null, staffDecider::decide,
                        new StaffCommand.ChangeCapabilities(capabilities), caller.actor(), s -> !s.isNew()).replaceWithVoid();
        return team.chain(() -> abilities)
                .chain(() -> staffMember(id));
    }

    @POST
    @Path("staff/{id}/departure")
    @Tag(name = "Staff")
    @RolesAllowed({Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Operation(summary = "Record a departure; opens a handover of every account and open deal the person owns",
            description = "With a successor, the accounts move to them at once and their open deals follow; without, they stay orphaned until POST /handovers/{id}/assignments.")
    public Uni<RestResponse<Documents.HandoverDocument>> departure(@PathParam("id") String id, Departure body) {
        Bodies.require(body);
        UUID staffId = Bodies.pathId(id, "staff member");
        var effective = Params.date(body.effectiveDate(), "effectiveDate");
        if (effective == null) {
            throw Rejection.invalid("effectiveDate", "effectiveDate is required");
        }
        return access.requireInCharge(caller, staffId, false, "records departures")
                .chain(() -> departures.depart(staffId, effective, body.reason(), Params.uuid(body.successorId(), "successorId"), caller.actor())
                .map(h -> Bodies.created("/handovers/" + h.id(), h, h.version())));
    }

    @GET
    @Path("staff/{id}/holdings")
    @Tag(name = "Staff")
    @RolesAllowed({Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "What the person owns now: the accounts and open deals a departure would hand over")
    public Uni<DepartureService.Holdings> holdings(@PathParam("id") String id) {
        UUID staffId = Bodies.pathId(id, "staff member");
        return access.requireInCharge(caller, staffId, true, "reads holdings")
                .chain(() -> departures.holdings(staffId));
    }

    /** The document with name and email, unless the caller is BI (no personal data) or the key is gone. */
    private Uni<Documents.StaffDocument> withName(Mutiny.Session s, StaffView v) {
        Documents.StaffDocument doc;
        try {
            doc = json.readValue(v.document, Documents.StaffDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (caller.has(Roles.BI)) {
            return Uni.createFrom().item(doc);
        }
        return runner.store().load(s, streams.staff, v.id, null)
                .flatMap(state -> vault.open(s, ((StaffState) state.state()).personal()))
                .map(p -> doc.withPersonal(p.orElse(null)));
    }

}
