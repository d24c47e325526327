package io.dealstream.notification.rest;

import io.dealstream.notification.inbox.Inbox;
import io.dealstream.notification.inbox.NotificationHub;
import io.dealstream.notification.inbox.NotificationView;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.rest.Bodies;
import io.dealstream.support.rest.Page;
import io.dealstream.support.rest.PageRequest;
import io.dealstream.support.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The caller's own inbox and live stream; nobody sees another person's notifications. */
@Path("/notifications")
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Inbox")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private final Inbox inbox;
    private final NotificationHub hub;
    private final Caller caller;

    public NotificationResource(Inbox inbox, NotificationHub hub, Caller caller) {
        this.inbox = inbox;
        this.hub = hub;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The caller's notifications, newest first")
    public Page<NotificationView> list(
            @Parameter(description = "true: only unread; false: only read; absent: all") @QueryParam("unread") String unread,
            @Parameter(description = "1..500, default 50") @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return inbox.list(caller.staffId(), bool(unread, "unread"), PageRequest.of(limit, cursor));
    }

    @POST
    @Path("{id}/read")
    @Operation(summary = "Mark one of the caller's notifications read (idempotent)")
    public NotificationView read(@PathParam("id") String id) {
        return inbox.markRead(Bodies.pathId(id, "notification"), caller.staffId());
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-Sent Events: the caller's new notifications from now on (each event a Notification)")
    public Multi<NotificationView> stream() {
        UUID me = caller.staffId();
        return hub.stream(me);
    }

    private static Boolean bool(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Rejection.invalid(name, name + " must be true or false");
        };
    }
}
