package io.dealstream.eventstore.rest;

import io.dealstream.eventstore.AuditVerifier;
import io.dealstream.support.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /audit/verify} of every event-sourced service: recompute every hash chain, name the first broken link. */
@Path("/audit/verify")
@Tag(name = "Audit")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditVerifier audit;

    public AuditResource(AuditVerifier audit) {
        this.audit = audit;
    }

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "Recompute every hash chain: {ok, streams, events, firstBroken?}")
    public Uni<AuditVerifier.Report> verify() {
        return audit.verify();
    }
}
