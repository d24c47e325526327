package io.dealstream.deal.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.deal.domain.DealCommand;
import io.dealstream.deal.domain.DealEvent;
import io.dealstream.deal.domain.DealProcess;
import io.dealstream.deal.domain.DealState;
import io.dealstream.deal.domain.DealStatus;
import io.dealstream.deal.service.DealService;
import io.dealstream.deal.service.DealVisibility;
import io.dealstream.deal.view.DealDocument;
import io.dealstream.deal.view.DealQueries;
import io.dealstream.eventstore.CommandResult;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.rest.Bodies;
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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The deal API: open, move through the 8 stages, close; read current state, past state and full history. */
@Path("/deals")
@Tag(name = "Deals")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DealResource {

    static final String[] WRITERS = {Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN};

    private final DealService deals;
    private final DealQueries queries;
    private final DealVisibility visibility;
    private final DealProcess process;
    private final Caller caller;
    private final ObjectMapper json;

    public DealResource(DealService deals, DealQueries queries, DealVisibility visibility, DealProcess process,
                        Caller caller, ObjectMapper json) {
        this.deals = deals;
        this.queries = queries;
        this.visibility = visibility;
        this.process = process;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Operation(summary = "Open a deal in stage 1", description = "The owner defaults to the caller; a rep may only open deals they own.")
    public Uni<RestResponse<DealDocument>> open(DealRequests.Open body, UriInfo uri) {
        Bodies.require(body);
        UUID dealId = UUID.randomUUID();
        DealCommand.OpenDeal command = body.toCommand(dealId, body.ownerId() == null ? caller.staffId() : null);
        if (!caller.isManagerOrAbove() && !command.ownerId().equals(caller.staffId())) {
            throw Rejection.forbidden("a rep may only open deals they own");
        }
        return deals.open(command, caller).map(r -> RestResponse.ResponseBuilder
                .<DealDocument>created(URI.create("/deals/" + dealId))
                .entity(DealDocument.of(r.state(), process))
                .header("ETag", Params.etag(r.version()))
                .build());
    }

    @GET
    @Operation(summary = "List deals", description = "Newest first; filters combine. A rep sees their own and stage-role deals.")
    public Uni<Page<JsonNode>> list(@QueryParam("ownerId") String ownerId, @QueryParam("customerId") String customerId,
                                    @QueryParam("stage") String stage, @QueryParam("status") String status,
                                    @QueryParam("closeFrom") String closeFrom, @QueryParam("closeTo") String closeTo,
                                    @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        UUID owner = Params.uuid(ownerId, "ownerId");
        UUID customer = Params.uuid(customerId, "customerId");
        Integer stageNumber = Params.integer(stage, "stage");
        DealStatus dealStatus = Params.enumValue(DealStatus.class, status, "status");
        var from = Params.date(closeFrom, "closeFrom");
        var to = Params.date(closeTo, "closeTo");
        return visibility.scope(caller).flatMap(scope -> {
            if (!scope.all() && scope.me() == null) {
                return Uni.createFrom().item(new Page<JsonNode>(java.util.List.of(), null));
            }
            var filter = new DealQueries.Filter(owner, customer, stageNumber, dealStatus, from, to, scope.all(),
                    scope.me(), scope.owners());
            return list(filter, page);
        });
    }

    private Uni<Page<JsonNode>> list(DealQueries.Filter filter, PageRequest page) {
        return queries.list(filter, page).map(rows -> {
            Page<io.dealstream.deal.view.DealView> p = page.page(rows, DealQueries::cursorOf);
            return new Page<>(p.items().stream().map(v -> readTree(v.document)).toList(), p.nextCursor());
        });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A deal now, or as it was at a past instant (asOf)")
    public Uni<RestResponse<DealDocument>> get(@PathParam("id") String id,
                                               @Parameter(description = "ISO-8601 instant or date") @QueryParam("asOf") String asOf) {
        return deals.load(Bodies.pathId(id, "deal"), Params.instant(asOf, "asOf"), caller).map(s -> RestResponse.ResponseBuilder
                .ok(DealDocument.of(s.state(), process)).header("ETag", Params.etag(s.version())).build());
    }

    @GET
    @Path("/{id}/events")
    @Operation(summary = "The deal's full, ordered history")
    public Uni<java.util.List<EventDocument>> events(@PathParam("id") String id) {
        return deals.history(Bodies.pathId(id, "deal"), caller)
                .map(events -> events.stream().map(r -> EventDocument.of(r.record(), json)).toList());
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Edit forecast fields: title, amount with currency, expected close date, next step")
    public Uni<RestResponse<DealDocument>> edit(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                                DealRequests.Edit body) {
        Bodies.require(body);
        return run(id, ifMatch, body.toCommand());
    }

    @POST
    @Path("/{id}/milestones/{key}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Complete an exit milestone (of the current or a later stage)")
    public Uni<RestResponse<DealDocument>> milestone(@PathParam("id") String id, @PathParam("key") String key,
                                                     @HeaderParam("If-Match") String ifMatch) {
        return run(id, ifMatch, new DealCommand.CompleteMilestone(key));
    }

    @PUT
    @Path("/{id}/roles/{role}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Operation(summary = "Assign a stage role (PRESALES_ENGINEER, CONSULTANT, EXECUTIVE, COMMERCIAL, FINANCE, LEGAL, IMPLEMENTATION)")
    public Uni<RestResponse<DealDocument>> role(@PathParam("id") String id, @PathParam("role") String role,
                                                @HeaderParam("If-Match") String ifMatch, DealRequests.AssignRole body) {
        Bodies.require(body);
        return run(id, ifMatch, body.toCommand(role));
    }

    @POST
    @Path("/{id}/stage")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Operation(summary = "Move to a stage", description = "Forward moves pass the gate of every stage left (exit milestones completed, stage roles assigned) unless a manager overrides with a reason; moving back needs a reason.")
    public Uni<RestResponse<DealDocument>> stage(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                                 DealRequests.ChangeStage body) {
        Bodies.require(body);
        return run(id, ifMatch, body.toCommand());
    }

    @PUT
    @Path("/{id}/buyer-stage")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Operation(summary = "Record the customer's procurement (buyer) stage", description = "A seller stage more than 2 ahead of the buyer stage flags the deal as misaligned.")
    public Uni<RestResponse<DealDocument>> buyerStage(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                                      DealRequests.BuyerStage body) {
        Bodies.require(body);
        return run(id, ifMatch, body.toCommand());
    }

    @PUT
    @Path("/{id}/owner")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Operation(summary = "Reassign the deal to another owner, with a reason")
    public Uni<RestResponse<DealDocument>> owner(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                                 DealRequests.Reassign body) {
        Bodies.require(body);
        return run(id, ifMatch, body.toCommand());
    }

    @POST
    @Path("/{id}/reviews")
    @RolesAllowed({Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Operation(summary = "Note the weekly funnel review of the deal (managers)")
    public Uni<RestResponse<DealDocument>> review(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                                  DealRequests.Review body) {
        Bodies.require(body);
        return run(id, ifMatch, body.toCommand());
    }

    @POST
    @Path("/{id}/win")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Contract signed: the deal is WON (only in stage 8, with its EXECUTIVE role assigned)")
    public Uni<RestResponse<DealDocument>> win(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                               DealRequests.Win body) {
        return run(id, ifMatch, (body == null ? new DealRequests.Win(null) : body).toCommand());
    }

    @POST
    @Path("/{id}/handover")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Hand a won deal over to implementation (IMPLEMENTATION role assigned)")
    public Uni<RestResponse<DealDocument>> handover(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return run(id, ifMatch, new DealCommand.HandOverToImplementation());
    }

    @POST
    @Path("/{id}/lose")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Operation(summary = "The deal is LOST, with a reason (competitor for LOST_TO_COMPETITOR, note for OTHER)")
    public Uni<RestResponse<DealDocument>> lose(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                                DealRequests.Lose body) {
        Bodies.require(body);
        return run(id, ifMatch, body.toCommand());
    }

    @POST
    @Path("/{id}/reopen")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Reopen a lost deal into the stage it was lost from")
    public Uni<RestResponse<DealDocument>> reopen(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return run(id, ifMatch, new DealCommand.ReopenDeal());
    }

    private Uni<RestResponse<DealDocument>> run(String id, String ifMatch, DealCommand command) {
        return deals.handle(Bodies.pathId(id, "deal"), Params.ifMatch(ifMatch), command, caller).map(this::respond);
    }

    private RestResponse<DealDocument> respond(CommandResult<DealState, DealEvent> r) {
        return RestResponse.ResponseBuilder.ok(DealDocument.of(r.state(), process))
                .header("ETag", Params.etag(r.version())).build();
    }

    private JsonNode readTree(String document) {
        try {
            return json.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
