package io.dealstream.customer.rest;

import io.dealstream.support.rest.Bodies;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.customer.domain.HandoverCommand;
import io.dealstream.customer.domain.HandoverItemType;
import io.dealstream.customer.domain.HandoverStatus;
import io.dealstream.customer.service.DepartureService;
import io.dealstream.customer.service.StaffDirectory;
import io.dealstream.customer.view.Documents.HandoverDocument;
import io.dealstream.customer.view.HandoverView;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.rest.Page;
import io.dealstream.support.rest.PageRequest;
import io.dealstream.support.rest.Params;
import io.dealstream.support.security.Caller;
import io.dealstream.support.security.Roles;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.reactive.mutiny.Mutiny;

/** What each departure left behind, who took each account and deal, and the lag; orphans get owners here. */
@Path("/handovers")
@Tag(name = "Handovers")
@RolesAllowed({Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN, Roles.AUDITOR})
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HandoverResource {

    /**
     * One item of the handover and its new owner (default: the successor named at departure): an account
     * ({@code customerId}; its open deals follow it) or, overriding that per deal, an open deal ({@code dealId}).
     */
    public record Assignment(String customerId, String dealId, String newOwnerId) {
    }

    private final DepartureService departures;
    private final StaffDirectory directory;
    private final io.dealstream.customer.service.CustomerAccess access;
    private final Mutiny.SessionFactory sessions;
    private final Caller caller;
    private final ObjectMapper json;

    public HandoverResource(DepartureService departures, StaffDirectory directory,
                            io.dealstream.customer.service.CustomerAccess access, Mutiny.SessionFactory sessions,
                            Caller caller, ObjectMapper json) {
        this.access = access;
        this.departures = departures;
        this.directory = directory;
        this.sessions = sessions;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Operation(summary = "Handovers, newest first; status=OPEN lists those with orphaned accounts or deals")
    public Uni<Page<JsonNode>> list(@QueryParam("status") String status, @QueryParam("limit") String limit,
                                    @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        HandoverStatus wanted = Params.enumValue(HandoverStatus.class, status, "status");
        return access.scope(caller).flatMap(scope -> !scope.all() && scope.owners().isEmpty()
                ? Uni.createFrom().item(List.<HandoverView>of()) // a manager of no team: no departures to see
                : sessions.withSession(s -> {
            StringBuilder hql = new StringBuilder("from HandoverView h where 1 = 1");
            if (wanted != null) hql.append(" and h.status = :status");
            if (!scope.all()) hql.append(" and h.staffId in :staff"); // a manager: departures of their teams
            if (!page.first()) hql.append(" and h.id < :after");
            var q = s.createSelectionQuery(hql.append(" order by h.id desc").toString(), HandoverView.class);
            if (wanted != null) q.setParameter("status", wanted.name());
            if (!scope.all()) q.setParameter("staff", scope.owners());
            if (!page.first()) q.setParameter("after", Params.uuid(page.after().get(0), "cursor"));
            return q.setMaxResults(page.limit() + 1).getResultList();
        })).map(rows -> {
            Page<HandoverView> p = page.page(rows, h -> PageRequest.cursor(h.id.toString()));
            return new Page<>(p.items().stream().map(h -> Bodies.tree(json, h.document)).toList(), p.nextCursor());
        });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One handover: every account and open deal, who took it, when, and the lag in days")
    public Uni<HandoverDocument> get(@PathParam("id") String id) {
        UUID handoverId = Bodies.pathId(id, "handover");
        return departures.handover(handoverId).invoke(h -> {
            if (h.id() == null) {
                throw Rejection.notFound("no handover " + id);
            }
        }).call(h -> access.requireInCharge(caller, h.staffId(), false, "reads the handovers"));
    }

    @POST
    @Path("/{id}/assignments")
    @RolesAllowed({Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Operation(summary = "Give orphaned accounts (their open deals follow in deal-service) or single open deals new owners, all or none")
    public Uni<HandoverDocument> assign(@PathParam("id") String id, List<Assignment> body) {
        Bodies.require(body);
        UUID handoverId = Bodies.pathId(id, "handover");
        return departures.handover(handoverId).flatMap(h -> {
            if (h.id() == null) {
                throw Rejection.notFound("no handover " + id);
            }
            List<HandoverCommand.Assignment> items = new ArrayList<>();
            for (int i = 0; i < body.size(); i++) {
                Assignment a = body.get(i);
                String at = "[" + i + "].";
                if (a == null) throw Rejection.invalid("[" + i + "]", "null assignment");
                if ((a.customerId() == null) == (a.dealId() == null)) {
                    throw Rejection.invalid(at + "customerId", "name either customerId (an account) or dealId (a deal)");
                }
                HandoverItemType type = a.customerId() != null ? HandoverItemType.ACCOUNT : HandoverItemType.DEAL;
                UUID item = type == HandoverItemType.ACCOUNT ? Bodies.requiredUuid(a.customerId(), at + "customerId")
                        : Bodies.requiredUuid(a.dealId(), at + "dealId");
                UUID owner = a.newOwnerId() == null ? h.successorId() : Params.uuid(a.newOwnerId(), at + "newOwnerId");
                if (owner == null) {
                    throw Rejection.invalid(at + "newOwnerId", "newOwnerId is required: this departure named no successor");
                }
                if (h.items().stream().noneMatch(it -> it.itemType() == type && it.itemId().equals(item))) {
                    throw Rejection.invalid(at + (type == HandoverItemType.ACCOUNT ? "customerId" : "dealId"),
                            (type == HandoverItemType.ACCOUNT ? "account " : "deal ") + item + " is not part of this handover");
                }
                items.add(new HandoverCommand.Assignment(type, item, owner, false));
            }
            Uni<Void> chain = access.requireInCharge(caller, h.staffId(), false, "assigns what a departure left");
            for (int i = 0; i < items.size(); i++) {
                UUID owner = items.get(i).newOwnerId();
                String field = "[" + i + "].newOwnerId";
                chain = chain.chain(() -> directory.require(owner, field).invoke(st -> {
                    if ("DEPARTED".equals(st.status)) {
                        throw Rejection.invalid(field, "staff member " + owner + " has departed");
                    }
                })).replaceWithVoid();
            }
            chain = chain.chain(() -> departures.assign(handoverId, items, caller.actor()));
            return chain.chain(() -> departures.handover(handoverId));
        });
    }
}
