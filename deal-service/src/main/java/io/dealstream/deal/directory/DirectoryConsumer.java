package io.dealstream.deal.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.deal.service.DealService;
import io.dealstream.support.messaging.Consumption;
import io.dealstream.support.messaging.IncomingEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Keeps deal-service's view of customers, staff and teams from customer-service's topics, and carries out the
 * choreography that falls to deals: when a departure hands an account to a new owner, the account's open deals
 * owned by the departed person follow it ({@code OWNER_DEPARTED}, naming the departure), unless a manager gave a deal
 * its own new owner in the handover ({@code handover.item-assigned} of a DEAL item), which wins.
 * Idempotent: each row remembers the last stream version applied; an unreadable message goes to the dead-letter
 * topic ({@code <topic>.dlq.deal-service}) and consumption goes on.
 */
@ApplicationScoped
public class DirectoryConsumer {

    public static final String CUSTOMER_EVENTS = "customer-events";
    public static final String STAFF_EVENTS = "staff-events";
    /** Reason recorded on deals that follow their account to a departed owner's successor. */
    public static final String OWNER_DEPARTED = "OWNER_DEPARTED";

    private final Mutiny.SessionFactory sessions;
    private final DealService deals;
    private final Directory directory;
    private final ObjectMapper json;

    public DirectoryConsumer(Mutiny.SessionFactory sessions, DealService deals, Directory directory, ObjectMapper json) {
        this.sessions = sessions;
        this.deals = deals;
        this.directory = directory;
        this.json = json;
    }

    @Incoming(CUSTOMER_EVENTS)
    public Uni<Void> onCustomerEvent(Message<byte[]> message) {
        return consume(message, this::applyCustomer);
    }

    @Incoming(STAFF_EVENTS)
    public Uni<Void> onStaffEvent(Message<byte[]> message) {
        return consume(message, e -> e.type().startsWith("team.") ? applyTeam(e)
                : e.type().startsWith("staff.") ? applyStaff(e).chain(() -> departed(e))
                : e.type().equals("handover.item-assigned") ? applyHandoverItem(e)
                : Uni.createFrom().voidItem()); // the other handover events are customer-service's record
    }

    private Uni<Void> consume(Message<byte[]> message, Function<IncomingEvent, Uni<Void>> apply) {
        return Consumption.consume(message, json, apply);
    }

    /** The customer events deal-service needs; the rest (activities, contacts, details...) are acknowledged untouched. */
    static final java.util.Set<String> CUSTOMER_TYPES = java.util.Set.of("customer.registered", "customer.owner-changed",
            "customer.status-changed");

    Uni<Void> applyCustomer(IncomingEvent e) {
        if (!CUSTOMER_TYPES.contains(e.type())) {
            return Uni.createFrom().voidItem(); // versions skipped here are harmless: only "not newer" is refused
        }
        return sessions.withSession(s -> s.find(KnownCustomer.class, e.streamId())).flatMap(known -> {
            if (known != null && known.version >= e.streamVersion()) {
                return Uni.createFrom().voidItem(); // seen before
            }
            Uni<Void> follow = Uni.createFrom().voidItem();
            if (e.type().equals("customer.owner-changed") && e.uuid("departureId") != null) {
                follow = deals.followAccount(e.streamId(), e.uuid("from"), e.uuid("to"), OWNER_DEPARTED,
                        e.uuid("departureId"), e.actor());
            }
            // Deals first, then the version: a crash in between redoes the (idempotent) follow on redelivery.
            return follow.chain(() -> sessions.withTransaction(s -> s.find(KnownCustomer.class, e.streamId())
                    .flatMap(row -> {
                        KnownCustomer c = row != null ? row : new KnownCustomer();
                        c.id = e.streamId();
                        c.version = e.streamVersion();
                        switch (e.type()) {
                            case "customer.registered" -> {
                                c.ownerId = e.uuid("ownerId");
                                c.status = e.text("status");
                            }
                            case "customer.owner-changed" -> c.ownerId = e.uuid("to");
                            case "customer.status-changed" -> c.status = e.text("status");
                            default -> { }
                        }
                        return row != null ? Uni.createFrom().voidItem() : s.persist(c);
                    })));
        });
    }

    Uni<Void> applyStaff(IncomingEvent e) {
        return sessions.withTransaction(s -> s.find(KnownStaff.class, e.streamId()).flatMap(row -> {
            if (row != null && row.version >= e.streamVersion()) {
                return Uni.createFrom().voidItem();
            }
            KnownStaff staff = row != null ? row : new KnownStaff();
            staff.id = e.streamId();
            staff.version = e.streamVersion();
            switch (e.type()) {
                case "staff.joined", "staff.team-changed" -> staff.teamId = e.uuid("teamId");
                case "staff.departed" -> {
                    staff.departed = true;
                    staff.departureId = e.uuid("departureId");
                }
                default -> { }
            }
            return row != null ? Uni.createFrom().voidItem() : s.persist(staff);
        }));
    }

    /**
     * A manager gave one deal of a departure's handover its own new owner (overriding follow-the-account): record the
     * decision, and move the deal unless deal-service does not know the departure yet (then {@link #departed} does).
     */
    Uni<Void> applyHandoverItem(IncomingEvent e) {
        if (!"DEAL".equals(e.text("itemType"))) {
            return Uni.createFrom().voidItem(); // accounts move by customer.owner-changed
        }
        UUID dealId = e.uuid("itemId");
        UUID newOwner = e.uuid("newOwnerId");
        UUID departure = e.streamId();
        return directory.recordHandoverDecision(dealId, departure, newOwner)
                .chain(() -> directory.departedWith(departure))
                .chain(leaver -> deals.applyHandoverDecision(dealId, departure, leaver, newOwner, OWNER_DEPARTED, e.actor()));
    }

    /** Decisions of this departure's handover that arrived before the departure itself are carried out now. */
    private Uni<Void> departed(IncomingEvent e) {
        UUID departure = e.type().equals("staff.departed") ? e.uuid("departureId") : null;
        if (departure == null) {
            return Uni.createFrom().voidItem();
        }
        return directory.handoverDecisions(departure).flatMap(decisions -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (var d : decisions.entrySet()) {
                chain = chain.chain(() -> deals.applyHandoverDecision(d.getKey(), departure, e.streamId(), d.getValue(),
                        OWNER_DEPARTED, e.actor()));
            }
            return chain;
        });
    }

    Uni<Void> applyTeam(IncomingEvent e) {
        return sessions.withTransaction(s -> s.find(KnownTeam.class, e.streamId()).flatMap(row -> {
            if (row != null && row.version >= e.streamVersion()) {
                return Uni.createFrom().voidItem();
            }
            KnownTeam team = row != null ? row : new KnownTeam();
            team.id = e.streamId();
            team.version = e.streamVersion();
            if (e.type().equals("team.created") || e.type().equals("team.manager-changed")) {
                team.managerId = e.uuid("managerId");
            }
            return row != null ? Uni.createFrom().voidItem() : s.persist(team);
        }));
    }
}
