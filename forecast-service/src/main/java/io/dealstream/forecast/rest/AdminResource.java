package io.dealstream.forecast.rest;

import io.dealstream.forecast.projection.ProjectionStatus;
import io.dealstream.forecast.projection.Rebuilder;
import io.dealstream.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operating the read models: rebuild from the topics, and their state, progress and lag (admin only). */
@Path("/admin/projections")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "bearer")
@Tag(name = "admin")
public class AdminResource {

    private final Rebuilder rebuilder;
    private final ProjectionStatus status;

    public AdminResource(Rebuilder rebuilder, ProjectionStatus status) {
        this.rebuilder = rebuilder;
        this.status = status;
    }

    @POST
    @Path("rebuild")
    @Operation(summary = "Rebuild every read model from offset 0",
            description = "Into fresh collections while the current ones keep answering; switches when caught up. "
                    + "Follow it at GET /admin/projections/status.")
    @APIResponse(responseCode = "202", description = "the rebuild started")
    @APIResponse(responseCode = "409", description = "a rebuild is already running")
    public Response rebuild() {
        return Response.accepted(rebuilder.start()).build();
    }

    @GET
    @Path("status")
    @Operation(summary = "State, rebuild progress and lag per topic partition")
    @APIResponse(responseCode = "200", description = "the status")
    public ProjectionStatus.Status status() {
        return status.status();
    }
}
