package io.dealstream.deal.rest;

import io.dealstream.deal.domain.DealCommand;
import io.dealstream.deal.domain.DealProcess;
import io.dealstream.deal.service.DealService;
import io.dealstream.deal.view.DealDocument;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.rest.Bodies;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The process in force and historical import. */
@Path("/")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {

    static final int MAX_IMPORT_COMMANDS = 1000;

    private final DealProcess process;
    private final DealService deals;
    private final Caller caller;

    public AdminResource(DealProcess process, DealService deals, Caller caller) {
        this.process = process;
        this.deals = deals;
        this.caller = caller;
    }

    @GET
    @Path("process")
    @Tag(name = "Process")
    @Operation(summary = "The configured stages: exit milestones, stage roles, win probabilities, forecast categories")
    public DealProcess process() {
        return process;
    }

    @POST
    @Path("import/deals")
    @Tag(name = "Import")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Import a deal's past, command by command with original dates, through the same rules")
    public Uni<RestResponse<DealDocument>> importDeal(DealRequests.Import body) {
        Bodies.require(body);
        if (body.commands() == null || body.commands().isEmpty()) {
            throw Rejection.invalid("commands", "commands must list at least the command that opened the deal");
        }
        if (body.commands().size() > MAX_IMPORT_COMMANDS) {
            throw Rejection.invalid("commands", "at most " + MAX_IMPORT_COMMANDS + " commands per import");
        }
        UUID dealId = body.dealId() == null ? UUID.randomUUID() : Params.uuid(body.dealId(), "dealId");
        List<DealService.ImportedCommand> commands = new ArrayList<>();
        for (int i = 0; i < body.commands().size(); i++) {
            DealRequests.ImportStep step = body.commands().get(i);
            if (step == null) {
                throw Rejection.invalid("commands[" + i + "]", "null command");
            }
            try {
                DealCommand command = step.toCommand(dealId);
                String actor = step.actor() == null ? caller.actor() : Params.uuid(step.actor(), "actor").toString();
                commands.add(new DealService.ImportedCommand(command, step.when(), actor));
            } catch (Rejection r) {
                throw new Rejection(r.kind(), r.code(), "commands[" + i + "]: " + r.getMessage(), r.violations());
            }
        }
        return deals.importHistory(dealId, commands).map(r -> RestResponse.ResponseBuilder
                .<DealDocument>created(URI.create("/deals/" + dealId))
                .entity(DealDocument.of(r.state(), process))
                .header("ETag", Params.etag(r.version()))
                .build());
    }
}
