package io.dealstream.customer.rest;

import io.dealstream.support.rest.Bodies;
import io.dealstream.customer.domain.ActivityType;
import io.dealstream.customer.domain.BuyingRole;
import io.dealstream.customer.domain.CustomerCommand;
import io.dealstream.customer.domain.CustomerEvent;
import io.dealstream.customer.personal.PersonalDataVault;
import io.dealstream.customer.service.CustomerAccess;
import io.dealstream.customer.service.Streams;
import io.dealstream.customer.service.CommandRunner;
import io.dealstream.customer.view.Documents.CustomerDocument;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.rest.Params;
import io.dealstream.support.security.Caller;
import io.dealstream.support.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.resteasy.reactive.RestResponse;

/** Contacts (personal data encrypted per contact, erasable) and the activity log of a customer. */
@Path("/customers/{id}")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactResource {

    /** A contact: name, title, phone, email and profile notes are personal data. */
    public record ContactBody(String name, String title, String phone, String email, String buyingRole,
                              Map<String, String> profile) {
    }

    public record ActivityBody(String type, String occurredAt, String summary, String nextStep, String dealId,
                               List<String> participantIds) {
    }

    private final CustomerResource customers;
    private final CommandRunner runner;
    private final Streams streams;
    private final CustomerAccess access;
    private final PersonalDataVault vault;
    private final Mutiny.SessionFactory sessions;
    private final Caller caller;

    public ContactResource(CustomerResource customers, CommandRunner runner, Streams streams, CustomerAccess access,
                           PersonalDataVault vault, Mutiny.SessionFactory sessions, Caller caller) {
        this.customers = customers;
        this.runner = runner;
        this.streams = streams;
        this.access = access;
        this.vault = vault;
        this.sessions = sessions;
        this.caller = caller;
    }

    @POST
    @Path("/contacts")
    @Tag(name = "Contacts")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Operation(summary = "Add a contact with their buying-committee role; personal data is stored encrypted")
    public Uni<RestResponse<CustomerDocument>> add(@PathParam("id") String id, ContactBody body) {
        Bodies.require(body);
        UUID customerId = Bodies.pathId(id, "customer");
        UUID contactId = UUID.randomUUID();
        BuyingRole role = Params.enumValue(BuyingRole.class, body.buyingRole(), "buyingRole");
        if (role == null) {
            throw Rejection.invalid("buyingRole", "buyingRole is required");
        }
        Map<String, Object> personal = personal(body, true);
        return access.scope(caller).flatMap(scope -> sessions.withTransaction(s -> vault.seal(s, contactId, personal)
                        .flatMap(sealed -> customers.runIn(s, scope, customerId, new CustomerCommand.AddContact(contactId, role, sealed)))
                        .flatMap(r -> customers.withContacts(s, r.state()).map(doc -> {
                            runner.announce(r.appended().size());
                            return RestResponse.ResponseBuilder.<CustomerDocument>created(
                                            java.net.URI.create("/customers/" + customerId + "/contacts/" + contactId))
                                    .entity(doc).header("ETag", Params.etag(r.version())).build();
                        }))));
    }

    @PATCH
    @Path("/contacts/{contactId}")
    @Tag(name = "Contacts")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Edit a contact; personal fields given replace the stored ones")
    public Uni<CustomerDocument> edit(@PathParam("id") String id, @PathParam("contactId") String contactId, ContactBody body) {
        Bodies.require(body);
        UUID customerId = Bodies.pathId(id, "customer");
        UUID contact = Bodies.pathId(contactId, "contact");
        BuyingRole role = Params.enumValue(BuyingRole.class, body.buyingRole(), "buyingRole");
        Map<String, Object> personal = personal(body, false);
        return access.scope(caller).flatMap(scope -> sessions.withTransaction(s -> (personal.isEmpty()
                        ? Uni.createFrom().<io.dealstream.customer.domain.EncryptedPersonalData>nullItem()
                        : currentPersonal(s, customerId, contact).flatMap(old -> {
                            Map<String, Object> merged = new LinkedHashMap<>(old);
                            merged.putAll(personal);
                            return vault.seal(s, contact, merged);
                        }))
                .flatMap(p -> customers.runIn(s, scope, customerId, new CustomerCommand.ChangeContact(contact, role, p)))
                .flatMap(r -> customers.withContacts(s, r.state()).invoke(() -> runner.announce(r.appended().size())))));
    }

    @DELETE
    @Path("/contacts/{contactId}/personal-data")
    @Tag(name = "Contacts")
    @RolesAllowed({Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Erase a contact's personal data (destroys their key; history and hash chains stay intact)")
    public Uni<CustomerDocument> erase(@PathParam("id") String id, @PathParam("contactId") String contactId) {
        UUID customerId = Bodies.pathId(id, "customer");
        UUID contact = Bodies.pathId(contactId, "contact");
        return access.scope(caller).flatMap(scope -> sessions.withTransaction(s -> customers.runIn(s, scope, customerId,
                        new CustomerCommand.EraseContactPersonalData(contact))
                .call(r -> vault.shred(s, contact))
                .flatMap(r -> customers.withContacts(s, r.state()).invoke(() -> runner.announce(r.appended().size())))));
    }

    @POST
    @Path("/activities")
    @Tag(name = "Activities")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Operation(summary = "Log a follow-up: call, visit, meeting, email or demo, optionally for a deal")
    public Uni<RestResponse<Map<String, Object>>> log(@PathParam("id") String id, ActivityBody body) {
        Bodies.require(body);
        UUID customerId = Bodies.pathId(id, "customer");
        ActivityType type = Params.enumValue(ActivityType.class, body.type(), "type");
        if (type == null) {
            throw Rejection.invalid("type", "type is required: CALL, VISIT, MEETING, EMAIL or DEMO");
        }
        List<UUID> participants = new ArrayList<>();
        for (String p : body.participantIds() == null ? List.<String>of() : body.participantIds()) {
            participants.add(Params.uuid(p, "participantIds"));
        }
        UUID activityId = UUID.randomUUID();
        return customers.run(customerId, null, new CustomerCommand.LogActivity(activityId, type,
                        Params.instant(body.occurredAt(), "occurredAt"), body.summary(), body.nextStep(),
                        Params.uuid(body.dealId(), "dealId"), participants), false)
                .map(r -> RestResponse.ResponseBuilder.<Map<String, Object>>created(
                        java.net.URI.create("/customers/" + customerId + "/activities"))
                        .entity(Map.of("activityId", activityId, "customerVersion", r.version())).build());
    }

    @GET
    @Path("/activities")
    @Tag(name = "Activities")
    @Operation(summary = "The interaction log, newest first")
    public Uni<List<CustomerEvent.ActivityLogged>> activities(@PathParam("id") String id) {
        UUID customerId = Bodies.pathId(id, "customer");
        return access.scope(caller).flatMap(scope -> sessions.withSession(s ->
                runner.store().history(s, streams.customers, customerId, null).map(events -> {
                    var state = io.dealstream.customer.domain.CustomerState.NONE;
                    List<CustomerEvent.ActivityLogged> out = new ArrayList<>();
                    for (var r : events) {
                        state = state.evolve(r.event(), r.record().occurredAt);
                        if (r.event() instanceof CustomerEvent.ActivityLogged a) {
                            out.add(0, a);
                        }
                    }
                    if (events.isEmpty() || !scope.canSee(state)) {
                        throw Rejection.notFound("no customer with this id is visible to you");
                    }
                    return out;
                })));
    }

    private Uni<Map<String, Object>> currentPersonal(Mutiny.Session s, UUID customerId, UUID contactId) {
        return runner.store().load(s, streams.customers, customerId, null).flatMap(current -> {
            var contact = current.state().contacts().get(contactId);
            if (contact == null) {
                throw Rejection.notFound("no contact " + contactId);
            }
            return vault.open(s, contact.personal()).map(p -> p.orElse(Map.of()));
        });
    }

    private static Map<String, Object> personal(ContactBody body, boolean nameRequired) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (nameRequired) {
            fields.put("name", Bodies.requiredText(body.name(), "name", 200));
        } else if (body.name() != null) {
            fields.put("name", Bodies.requiredText(body.name(), "name", 200));
        }
        if (body.title() != null) fields.put("title", body.title());
        if (body.phone() != null) fields.put("phone", body.phone());
        if (body.email() != null) {
            if (!body.email().matches("[^@\\s]+@[^@\\s]+")) {
                throw Rejection.invalid("email", "email must be an e-mail address");
            }
            fields.put("email", body.email());
        }
        if (body.profile() != null) fields.put("profile", body.profile());
        return fields;
    }
}
