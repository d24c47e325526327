package io.dealstream.customer.rest;

import io.dealstream.support.rest.Bodies;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.customer.domain.Address;
import io.dealstream.customer.domain.CustomerCommand;
import io.dealstream.customer.domain.CustomerDecider;
import io.dealstream.customer.domain.CustomerEvent;
import io.dealstream.customer.domain.CustomerState;
import io.dealstream.customer.domain.CustomerStatus;
import io.dealstream.customer.personal.PersonalDataVault;
import io.dealstream.customer.service.CommandRunner;
import io.dealstream.customer.service.CustomerAccess;
import io.dealstream.customer.service.StaffDirectory;
import io.dealstream.customer.service.Streams;
import io.dealstream.customer.view.CustomerView;
import io.dealstream.customer.view.Documents.ContactDocument;
import io.dealstream.customer.view.Documents.CustomerDocument;
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
import jakarta.ws.rs.DELETE;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.resteasy.reactive.RestResponse;

/** The customer archive: register, read (now or as of a time), edit, account owner and team, history. */
@Path("/customers")
@Tag(name = "Customers")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CustomerResource {

    public record NewCustomer(String name, String industry, String region, Address address, String phone, String web,
                              String status, String sizeNotes, List<String> potentialProjects, List<String> tags,
                              String ownerId) {
    }

    public record Edit(String name, String industry, String region, Address address, String phone, String web,
                       String sizeNotes, List<String> potentialProjects, List<String> tags, String status,
                       String statusReason) {
    }

    public record Owner(String staffId, String reason) {
    }

    public record TeamMember(String staffId, String role) {
    }

    private final CommandRunner runner;
    private final Streams streams;
    private final StaffDirectory directory;
    private final CustomerAccess access;
    private final PersonalDataVault vault;
    private final Mutiny.SessionFactory sessions;
    private final Caller caller;
    private final ObjectMapper json;
    private final CustomerDecider decider = new CustomerDecider();

    public CustomerResource(CommandRunner runner, Streams streams, StaffDirectory directory, CustomerAccess access,
                            PersonalDataVault vault, Mutiny.SessionFactory sessions, Caller caller, ObjectMapper json) {
        this.runner = runner;
        this.streams = streams;
        this.directory = directory;
        this.access = access;
        this.vault = vault;
        this.sessions = sessions;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Operation(summary = "Register a customer with its account owner (default: the caller)")
    public Uni<RestResponse<CustomerDocument>> register(NewCustomer body) {
        Bodies.require(body);
        UUID id = UUID.randomUUID();
        UUID owner = body.ownerId() == null ? caller.staffId() : Params.uuid(body.ownerId(), "ownerId");
        if (!caller.isManagerOrAbove() && !owner.equals(caller.staffId())) {
            throw Rejection.forbidden("a rep may only register customers they own");
        }
        CustomerStatus status = Params.enumValue(CustomerStatus.class, body.status(), "status");
        return access.requireInCharge(caller, owner, true, "registers customers")
                .chain(() -> directory.require(owner, "ownerId")).flatMap(o -> run(id, null, new CustomerCommand.RegisterCustomer(id,
                        body.name(), body.industry(), body.region(), body.address(), body.phone(), body.web(), status,
                        body.sizeNotes(), body.potentialProjects(), body.tags(), owner, "DEPARTED".equals(o.status)), true))
                .map(r -> Bodies.created("/customers/" + id, CustomerDocument.of(r.state()), r.version()));
    }

    @GET
    @Operation(summary = "Search the archive: by owner, status, or a name fragment (q)")
    public Uni<Page<JsonNode>> list(@QueryParam("ownerId") String ownerId, @QueryParam("status") String status,
                                    @QueryParam("q") String q, @QueryParam("limit") String limit,
                                    @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        UUID owner = Params.uuid(ownerId, "ownerId");
        CustomerStatus wanted = Params.enumValue(CustomerStatus.class, status, "status");
        return access.scope(caller).flatMap(scope -> sessions.withSession(s -> {
            StringBuilder hql = new StringBuilder("from CustomerView v where 1 = 1");
            Map<String, Object> params = new HashMap<>();
            if (owner != null) { hql.append(" and v.ownerId = :owner"); params.put("owner", owner); }
            if (wanted != null) { hql.append(" and v.status = :status"); params.put("status", wanted.name()); }
            if (q != null && !q.isBlank()) {
                hql.append(" and lower(v.name) like :q");
                params.put("q", "%" + q.strip().toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
            }
            if (!scope.all()) {
                if (scope.me() == null) {
                    return Uni.createFrom().item(List.<CustomerView>of());
                }
                String mine = "v.ownerId = :me or exists (select 1 from CustomerTeamMember m where m.customerId = v.id"
                        + " and m.staffId = :me)";
                hql.append(scope.owners().isEmpty() ? " and (" + mine + ")" : " and (" + mine + " or v.ownerId in :owners)");
                params.put("me", scope.me());
                if (!scope.owners().isEmpty()) params.put("owners", scope.owners());
            }
            if (!page.first()) {
                try {
                    params.put("afterAt", Instant.parse(page.after().get(0)));
                    params.put("afterId", UUID.fromString(page.after().get(1)));
                } catch (RuntimeException e) {
                    throw Rejection.invalid("cursor", "cursor is not one this service issued");
                }
                hql.append(" and (v.registeredAt < :afterAt or (v.registeredAt = :afterAt and v.id < :afterId))");
            }
            var query = s.createSelectionQuery(hql.append(" order by v.registeredAt desc, v.id desc").toString(), CustomerView.class);
            params.forEach(query::setParameter);
            return query.setMaxResults(page.limit() + 1).getResultList();
        })).map(rows -> {
            Page<CustomerView> p = page.page(rows, v -> PageRequest.cursor(v.registeredAt.toString(), v.id.toString()));
            return new Page<>(p.items().stream().map(v -> Bodies.tree(json, v.document)).toList(), p.nextCursor());
        });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A customer with its contacts (personal data shown unless erased, or to BI)")
    public Uni<RestResponse<CustomerDocument>> get(@PathParam("id") String id) {
        UUID customerId = Bodies.pathId(id, "customer");
        return access.scope(caller).flatMap(scope -> sessions.withSession(s ->
                runner.store().load(s, streams.customers, customerId, null).flatMap(current -> {
                    if (current.isNew() || !scope.canSee(current.state())) {
                        throw Rejection.notFound("no customer with this id is visible to you");
                    }
                    return withContacts(s, current.state()).map(doc -> Bodies.ok(doc, current.version()));
                })));
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "The customer's event history, and its state as of a time (asOf)")
    public Uni<Map<String, Object>> history(@PathParam("id") String id, @QueryParam("asOf") String asOf) {
        UUID customerId = Bodies.pathId(id, "customer");
        Instant at = Params.instant(asOf, "asOf");
        return access.scope(caller).flatMap(scope -> sessions.withSession(s ->
                runner.store().load(s, streams.customers, customerId, null).flatMap(current -> {
                    if (current.isNew() || !scope.canSee(current.state())) {
                        throw Rejection.notFound("no customer with this id is visible to you");
                    }
                    return runner.store().history(s, streams.customers, customerId, at);
                }).map(events -> {
                    CustomerState state = CustomerState.NONE;
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (var r : events) {
                        state = state.evolve(r.event(), r.record().occurredAt);
                        Map<String, Object> e = new java.util.LinkedHashMap<>();
                        e.put("type", r.record().type);
                        e.put("version", r.record().version);
                        e.put("occurredAt", r.record().occurredAt);
                        e.put("recordedAt", r.record().recordedAt);
                        e.put("actor", r.record().actor);
                        JsonNode payload = Bodies.tree(json, r.record().payload);
                        ((com.fasterxml.jackson.databind.node.ObjectNode) payload).remove("personal");
                        e.put("payload", payload);
                        out.add(e);
                    }
                    if (events.isEmpty()) {
                        throw Rejection.notFound("the customer did not exist yet at " + at);
                    }
                    Map<String, Object> result = new java.util.LinkedHashMap<>();
                    result.put("asOf", at);
                    result.put("state", CustomerDocument.of(state));
                    result.put("events", out);
                    return result;
                })));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Edit details (only the fields given) and/or the business status")
    public Uni<RestResponse<CustomerDocument>> edit(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                                    Edit body) {
        Bodies.require(body);
        UUID customerId = Bodies.pathId(id, "customer");
        Long expected = Params.ifMatch(ifMatch);
        CustomerStatus status = Params.enumValue(CustomerStatus.class, body.status(), "status");
        Uni<CommandResult<CustomerState, CustomerEvent>> details = run(customerId, expected,
                new CustomerCommand.ChangeCustomerDetails(body.name(), body.industry(), body.region(), body.address(),
                        body.phone(), body.web(), body.sizeNotes(), body.potentialProjects(), body.tags()), false);
        return details.flatMap(r -> status == null ? Uni.createFrom().item(r) : run(customerId, null,
                        new CustomerCommand.ChangeCustomerStatus(status, body.statusReason()), false))
                .map(r -> Bodies.ok(CustomerDocument.of(r.state()), r.version()));
    }

    @PUT
    @Path("/{id}/owner")
    @RolesAllowed({Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Operation(summary = "Change the account owner, with a reason (the ownership history keeps who, when and why)")
    public Uni<RestResponse<CustomerDocument>> owner(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                                     Owner body) {
        Bodies.require(body);
        UUID customerId = Bodies.pathId(id, "customer");
        UUID staff = Bodies.requiredUuid(body.staffId(), "staffId");
        return directory.require(staff, "staffId").flatMap(s -> run(customerId, Params.ifMatch(ifMatch),
                        new CustomerCommand.ChangeOwner(staff, body.reason(), null, "DEPARTED".equals(s.status)), false))
                .map(r -> Bodies.ok(CustomerDocument.of(r.state()), r.version()));
    }

    @POST
    @Path("/{id}/team")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Operation(summary = "Add a staff member to the account team, with a role")
    public Uni<RestResponse<CustomerDocument>> addTeamMember(@PathParam("id") String id, TeamMember body) {
        Bodies.require(body);
        UUID customerId = Bodies.pathId(id, "customer");
        UUID staff = Bodies.requiredUuid(body.staffId(), "staffId");
        return directory.require(staff, "staffId").flatMap(s -> run(customerId, null,
                        new CustomerCommand.AddAccountTeamMember(staff, body.role(), "DEPARTED".equals(s.status)), false))
                .map(r -> Bodies.ok(CustomerDocument.of(r.state()), r.version()));
    }

    @DELETE
    @Path("/{id}/team/{staffId}")
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.EXECUTIVE, Roles.ADMIN})
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Remove a staff member from the account team")
    public Uni<RestResponse<CustomerDocument>> removeTeamMember(@PathParam("id") String id, @PathParam("staffId") String staffId) {
        UUID customerId = Bodies.pathId(id, "customer");
        return run(customerId, null, new CustomerCommand.RemoveAccountTeamMember(Bodies.pathId(staffId, "staff member")), false)
                .map(r -> Bodies.ok(CustomerDocument.of(r.state()), r.version()));
    }

    /** Runs a customer command as the caller; {@code creating} skips the visibility check (no state yet). */
    Uni<CommandResult<CustomerState, CustomerEvent>> run(UUID customerId, Long ifMatch, CustomerCommand command,
                                                         boolean creating) {
        return access.scope(caller).flatMap(scope -> runner.run(streams.customers, streams.customerView, customerId,
                ifMatch, decider::decide, command, caller.actor(),
                current -> creating || (!current.isNew() && scope.canSee(current.state()))));
    }

    /** Runs a customer command as the caller inside the given transaction (the caller announces its events). */
    Uni<CommandResult<CustomerState, CustomerEvent>> runIn(Mutiny.Session session, CustomerAccess.Scope scope,
                                                           UUID customerId, CustomerCommand command) {
        return runner.runIn(session, streams.customers, streams.customerView, customerId, decider::decide, command,
                caller.actor(), current -> !current.isNew() && scope.canSee(current.state()));
    }

    /** The document with each contact's personal data decrypted (none for BI; none once erased). */
    Uni<CustomerDocument> withContacts(Mutiny.Session s, CustomerState state) {
        CustomerDocument doc = CustomerDocument.of(state);
        if (caller.has(Roles.BI)) {
            return Uni.createFrom().item(doc);
        }
        Uni<List<ContactDocument>> contacts = Uni.createFrom().item(new ArrayList<>());
        for (var c : state.contacts().values()) {
            contacts = contacts.flatMap(list -> (c.erased() ? Uni.createFrom().item(java.util.Optional.<Map<String, Object>>empty())
                    : vault.open(s, c.personal())).map(p -> {
                list.add(new ContactDocument(c.contactId(), c.buyingRole(), c.erased() || p.isEmpty(), p.orElse(null)));
                return list;
            }));
        }
        return contacts.map(doc::withContacts);
    }

}
