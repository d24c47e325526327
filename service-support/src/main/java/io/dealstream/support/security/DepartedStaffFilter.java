package io.dealstream.support.security;

import io.dealstream.support.rest.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A departed person can no longer act: their still-valid tokens are refused (401 {@code staff-departed}) on every
 * endpoint of a service that knows departures (one that provides a {@link DepartedStaff} bean).
 */
public class DepartedStaffFilter {

    private final Instance<DepartedStaff> departures;
    private final JsonWebToken token;

    public DepartedStaffFilter(Instance<DepartedStaff> departures, JsonWebToken token) {
        this.departures = departures;
        this.token = token;
    }

    @ServerRequestFilter
    public Uni<Response> refuseDeparted(ContainerRequestContext request) {
        UUID staffId = staffId(token.getSubject());
        if (staffId == null || !departures.isResolvable()) {
            return Uni.createFrom().nullItem();
        }
        return departures.get().departed(staffId).map(departed -> !departed ? null : Response.status(401)
                .type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                .entity(Problem.of(401, "staff-departed", "Unauthenticated", "staff member " + staffId
                        + " has departed and can no longer act", request.getUriInfo().getPath(), null))
                .build());
    }

    private static UUID staffId(String subject) {
        try {
            return subject == null ? null : UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
