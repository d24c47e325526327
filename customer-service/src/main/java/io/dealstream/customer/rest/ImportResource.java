package io.dealstream.customer.rest;

import io.dealstream.support.rest.Bodies;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.customer.domain.ActivityType;
import io.dealstream.customer.domain.Address;
import io.dealstream.customer.domain.BuyingRole;
import io.dealstream.customer.domain.CommandContext;
import io.dealstream.customer.domain.CustomerCommand;
import io.dealstream.customer.domain.CustomerDecider;
import io.dealstream.customer.domain.CustomerEvent;
import io.dealstream.customer.domain.CustomerState;
import io.dealstream.customer.domain.CustomerStatus;
import io.dealstream.customer.domain.EncryptedPersonalData;
import io.dealstream.customer.personal.PersonalDataVault;
import io.dealstream.customer.service.CommandRunner;
import io.dealstream.customer.service.StaffDirectory;
import io.dealstream.customer.service.Streams;
import io.dealstream.customer.view.Documents.CustomerDocument;
import io.dealstream.customer.view.Documents.StaffDocument;
import io.dealstream.customer.view.StaffView;
import io.dealstream.eventstore.NewEvent;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.rest.Params;
import io.dealstream.support.security.Caller;
import io.dealstream.support.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Historical import of a customer's past from an old CRM: command by command, each decided by
 * {@link CustomerDecider} at its original {@code occurredAt}, all in one transaction (all or nothing). Contacts'
 * personal data is sealed with their own key, as {@link ContactResource} does.
 */
@Path("/import/customers")
@Tag(name = "Import")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ImportResource {

    static final int MAX_IMPORT_COMMANDS = 1000;

    /** Body of POST /import/customers. */
    public record Import(@Schema(description = "Id to give the customer; default: a new one") String customerId,
                         @Schema(required = true) List<Step> commands) {
    }

    /**
     * One past command: {@code register}, {@code details}, {@code status}, {@code owner}, {@code team-member-added},
     * {@code team-member-removed}, {@code contact} or {@code activity}, with the fields of the matching endpoint.
     */
    public record Step(@Schema(required = true) String command,
                       @Schema(required = true) String occurredAt,
                       @Schema(description = "Staff id who did it then; defaults to the importing user") String actor,
                       String name, String industry, String region, Address address, String phone, String web,
                       String status, String reason, String sizeNotes, List<String> potentialProjects,
                       List<String> tags, String ownerId, String staffId, String role, String contactId,
                       String title, String email, String buyingRole, Map<String, String> profile, String type,
                       String activityDate, String summary, String nextStep, String dealId,
                       List<String> participantIds) {
    }

    /** A parsed step: the command once the staff it names is known (departed then?) and its personal data sealed. */
    private record Parsed(Instant at, String actor, UUID staffId, String staffField, UUID contactId,
                          Map<String, Object> personal, Function<Resolved, CustomerCommand> command) {
    }

    private record Resolved(boolean staffDeparted, EncryptedPersonalData sealed) {
    }

    private final CommandRunner runner;
    private final Streams streams;
    private final StaffDirectory directory;
    private final PersonalDataVault vault;
    private final Mutiny.SessionFactory sessions;
    private final Caller caller;
    private final ObjectMapper json;
    private final Clock clock;
    private final CustomerDecider decider = new CustomerDecider();

    public ImportResource(CommandRunner runner, Streams streams, StaffDirectory directory, PersonalDataVault vault,
                          Mutiny.SessionFactory sessions, Caller caller, ObjectMapper json, Clock clock) {
        this.runner = runner;
        this.streams = streams;
        this.directory = directory;
        this.vault = vault;
        this.sessions = sessions;
        this.caller = caller;
        this.json = json;
        this.clock = clock;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Import a customer's past, command by command with original dates, through the same rules",
            description = "A rule broken anywhere refuses the whole import; the problem's detail starts with commands[i].")
    public Uni<RestResponse<CustomerDocument>> importCustomer(Import body) {
        Bodies.require(body);
        if (body.commands() == null || body.commands().isEmpty()) {
            throw Rejection.invalid("commands", "commands must list at least the command that registered the customer");
        }
        if (body.commands().size() > MAX_IMPORT_COMMANDS) {
            throw Rejection.invalid("commands", "at most " + MAX_IMPORT_COMMANDS + " commands per import");
        }
        UUID customerId = body.customerId() == null ? UUID.randomUUID() : Params.uuid(body.customerId(), "customerId");
        Instant now = clock.instant();
        List<Parsed> steps = new ArrayList<>();
        Instant previous = null;
        for (int i = 0; i < body.commands().size(); i++) {
            Step step = body.commands().get(i);
            if (step == null) {
                throw Rejection.invalid("commands[" + i + "]", "null command");
            }
            try {
                Parsed p = parse(step, customerId);
                if (i == 0 && !"register".equals(step.command())) {
                    throw Rejection.invalid("command", "an import starts with the command that registered the customer");
                }
                if (i > 0 && "register".equals(step.command())) {
                    throw Rejection.invalid("command", "a customer is registered once, by the first command");
                }
                if (p.at().isAfter(now)) {
                    throw Rejection.invalid("occurredAt", "occurredAt " + p.at() + " lies in the future");
                }
                if (previous != null && p.at().isBefore(previous)) {
                    throw Rejection.invalid("occurredAt", "occurredAt " + p.at() + " goes back before the previous command ("
                            + previous + "): commands are imported in time order");
                }
                previous = p.at();
                steps.add(p);
            } catch (Rejection r) {
                throw prefixed(r, i);
            }
        }
        return resolveStaff(steps).flatMap(departed -> sessions.withTransaction(s -> seal(s, steps)
                        .flatMap(sealed -> runner.store().executeIn(s, streams.customers, customerId, null,
                                current -> decide(current.state(), steps, departed, sealed), streams.customerView))))
                .invoke(r -> runner.announce(r.appended().size()))
                .map(r -> Bodies.created("/customers/" + customerId, CustomerDocument.of(r.state()), r.version()));
    }

    /** Every command decided at its own time, on the state the previous ones left: one decision, one append. */
    private List<NewEvent<CustomerEvent>> decide(CustomerState start, List<Parsed> steps, List<Boolean> departed,
                                                 List<EncryptedPersonalData> sealed) {
        CustomerState state = start;
        List<NewEvent<CustomerEvent>> all = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Parsed p = steps.get(i);
            List<CustomerEvent> events;
            try {
                CustomerCommand command = p.command().apply(new Resolved(departed.get(i), sealed.get(i)));
                events = decider.decide(state, command, new CommandContext(p.actor(), p.at()));
            } catch (Rejection r) {
                throw prefixed(r, i);
            }
            for (CustomerEvent e : events) {
                state = state.evolve(e, p.at());
                all.add(new NewEvent<>(e, p.actor(), p.at()));
            }
        }
        return all;
    }

    /** Each named staff member must be known; departed as of the step's time is the decider's to refuse. */
    private Uni<List<Boolean>> resolveStaff(List<Parsed> steps) {
        Uni<List<Boolean>> out = Uni.createFrom().item(new ArrayList<>());
        for (int i = 0; i < steps.size(); i++) {
            Parsed p = steps.get(i);
            int index = i;
            out = out.flatMap(list -> (p.staffId() == null ? Uni.createFrom().item(false)
                    : directory.require(p.staffId(), "commands[" + index + "]." + p.staffField())
                    .onFailure(Rejection.class).transform(r -> prefixed((Rejection) r, index))
                    .map(v -> departedAt(v, p.at())))
                    .map(d -> {
                        list.add(d);
                        return list;
                    }));
        }
        return out;
    }

    private boolean departedAt(StaffView v, Instant at) {
        if (!"DEPARTED".equals(v.status)) {
            return false;
        }
        try {
            StaffDocument doc = json.readValue(v.document, StaffDocument.class);
            return doc.effectiveDate() == null || !doc.effectiveDate().atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(at);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seals each contact's personal data with the contact's own key, inside the import's transaction. */
    private Uni<List<EncryptedPersonalData>> seal(Mutiny.Session s, List<Parsed> steps) {
        Uni<List<EncryptedPersonalData>> out = Uni.createFrom().item(new ArrayList<>());
        for (Parsed p : steps) {
            out = out.flatMap(list -> (p.personal() == null ? Uni.createFrom().<EncryptedPersonalData>nullItem()
                    : vault.seal(s, p.contactId(), p.personal())).map(e -> {
                        list.add(e);
                        return list;
                    }));
        }
        return out;
    }

    private Parsed parse(Step step, UUID customerId) {
        if (step.command() == null) {
            throw Rejection.invalid("command", "every imported step names its command");
        }
        if (step.occurredAt() == null) {
            throw Rejection.invalid("occurredAt", "every imported command needs occurredAt");
        }
        Instant at = Params.instant(step.occurredAt(), "occurredAt");
        String actor = step.actor() == null ? caller.actor() : Params.uuid(step.actor(), "actor").toString();
        return switch (step.command()) {
            case "register" -> {
                UUID owner = Bodies.requiredUuid(step.ownerId(), "ownerId");
                CustomerStatus status = Params.enumValue(CustomerStatus.class, step.status(), "status");
                yield new Parsed(at, actor, owner, "ownerId", null, null, r -> new CustomerCommand.RegisterCustomer(
                        customerId, step.name(), step.industry(), step.region(), step.address(), step.phone(),
                        step.web(), status, step.sizeNotes(), step.potentialProjects(), step.tags(), owner,
                        r.staffDeparted()));
            }
            case "details" -> new Parsed(at, actor, null, null, null, null, r -> new CustomerCommand.ChangeCustomerDetails(
                    step.name(), step.industry(), step.region(), step.address(), step.phone(), step.web(),
                    step.sizeNotes(), step.potentialProjects(), step.tags()));
            case "status" -> {
                CustomerStatus status = Params.enumValue(CustomerStatus.class, step.status(), "status");
                yield new Parsed(at, actor, null, null, null, null,
                        r -> new CustomerCommand.ChangeCustomerStatus(status, step.reason()));
            }
            case "owner" -> {
                UUID staff = Bodies.requiredUuid(step.staffId(), "staffId");
                yield new Parsed(at, actor, staff, "staffId", null, null,
                        r -> new CustomerCommand.ChangeOwner(staff, step.reason(), null, r.staffDeparted()));
            }
            case "team-member-added" -> {
                UUID staff = Bodies.requiredUuid(step.staffId(), "staffId");
                yield new Parsed(at, actor, staff, "staffId", null, null,
                        r -> new CustomerCommand.AddAccountTeamMember(staff, step.role(), r.staffDeparted()));
            }
            case "team-member-removed" -> {
                UUID staff = Bodies.requiredUuid(step.staffId(), "staffId");
                yield new Parsed(at, actor, null, null, null, null,
                        r -> new CustomerCommand.RemoveAccountTeamMember(staff));
            }
            case "contact" -> {
                UUID contactId = step.contactId() == null ? UUID.randomUUID() : Params.uuid(step.contactId(), "contactId");
                BuyingRole role = Params.enumValue(BuyingRole.class, step.buyingRole(), "buyingRole");
                if (role == null) {
                    throw Rejection.invalid("buyingRole", "buyingRole is required");
                }
                yield new Parsed(at, actor, null, null, contactId, personal(step),
                        r -> new CustomerCommand.AddContact(contactId, role, r.sealed()));
            }
            case "activity" -> {
                ActivityType type = Params.enumValue(ActivityType.class, step.type(), "type");
                if (type == null) {
                    throw Rejection.invalid("type", "type is required: CALL, VISIT, MEETING, EMAIL or DEMO");
                }
                List<UUID> participants = new ArrayList<>();
                for (String id : step.participantIds() == null ? List.<String>of() : step.participantIds()) {
                    participants.add(Params.uuid(id, "participantIds"));
                }
                Instant date = step.activityDate() == null ? at : Params.instant(step.activityDate(), "activityDate");
                UUID dealId = Params.uuid(step.dealId(), "dealId");
                UUID activityId = UUID.randomUUID();
                yield new Parsed(at, actor, null, null, null, null, r -> new CustomerCommand.LogActivity(activityId,
                        type, date, step.summary(), step.nextStep(), dealId, participants));
            }
            default -> throw Rejection.invalid("command", "unknown command '" + step.command() + "': register, details, "
                    + "status, owner, team-member-added, team-member-removed, contact or activity");
        };
    }

    /** The contact's personal fields, checked as POST /customers/{id}/contacts checks them. */
    private static Map<String, Object> personal(Step step) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", Bodies.requiredText(step.name(), "name", 200));
        if (step.title() != null) fields.put("title", step.title());
        if (step.phone() != null) fields.put("phone", step.phone());
        if (step.email() != null) {
            if (!step.email().matches("[^@\\s]+@[^@\\s]+")) {
                throw Rejection.invalid("email", "email must be an e-mail address");
            }
            fields.put("email", step.email());
        }
        if (step.profile() != null) fields.put("profile", step.profile());
        return fields;
    }

    /** The step's index leads the detail; "not found" inside an import is an invalid import, not a missing resource. */
    private static Rejection prefixed(Rejection r, int index) {
        return new Rejection(r.kind() == Rejection.Kind.NOT_FOUND ? Rejection.Kind.INVALID : r.kind(), r.code(),
                "commands[" + index + "]: " + r.getMessage(), r.violations());
    }
}
