package io.dealstream.customer.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.customer.domain.CustomerCommand;
import io.dealstream.customer.domain.CustomerDecider;
import io.dealstream.customer.domain.CustomerStatus;
import io.dealstream.customer.domain.HandoverCommand;
import io.dealstream.customer.domain.HandoverDeal;
import io.dealstream.customer.domain.HandoverDecider;
import io.dealstream.customer.domain.HandoverEvent;
import io.dealstream.customer.domain.HandoverItem;
import io.dealstream.customer.domain.HandoverState;
import io.dealstream.customer.domain.HandoverItemType;
import io.dealstream.customer.service.CommandRunner;
import io.dealstream.customer.service.Streams;
import io.dealstream.customer.view.DealRef;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.messaging.Consumption;
import io.dealstream.support.messaging.IncomingEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * What customer-service learns from deal-events: who owns each open deal (so a departure's handover lists them),
 * when a deal of a handover found its new owner (the handover item is assigned, with its lag), and that a won deal
 * makes its customer ACTIVE. Idempotent by stream version; side effects run before the version is recorded and are
 * themselves idempotent, so a crash in between is repaired by the redelivery.
 */
@ApplicationScoped
public class DealEventsConsumer {

    public static final String DEAL_EVENTS = "deal-events";

    private final Mutiny.SessionFactory sessions;
    private final CommandRunner runner;
    private final Streams streams;
    private final ObjectMapper json;
    private final CustomerDecider customerDecider = new CustomerDecider();
    private final HandoverDecider handoverDecider = new HandoverDecider();

    public DealEventsConsumer(Mutiny.SessionFactory sessions, CommandRunner runner, Streams streams, ObjectMapper json) {
        this.sessions = sessions;
        this.runner = runner;
        this.streams = streams;
        this.json = json;
    }

    @Incoming(DEAL_EVENTS)
    public Uni<Void> onDealEvent(Message<byte[]> message) {
        return Consumption.consume(message, json, this::apply);
    }

    /** The only deal events this service needs; the rest are acknowledged without touching the database. */
    static final java.util.Set<String> RELEVANT = java.util.Set.of("deal.opened", "deal.owner-reassigned", "deal.won",
            "deal.lost", "deal.reopened");

    Uni<Void> apply(IncomingEvent e) {
        if (!RELEVANT.contains(e.type())) {
            return Uni.createFrom().voidItem();
        }
        return sessions.withSession(s -> s.find(DealRef.class, e.streamId())).flatMap(known -> {
            if (known != null && known.version >= e.streamVersion()) {
                return Uni.createFrom().voidItem();
            }
            UUID customerId = known != null ? known.customerId : e.uuid("customerId");
            UUID ownerBefore = known != null ? known.ownerId : null;
            Uni<Void> effect = switch (e.type()) {
                case "deal.opened" -> listInHandover(e.streamId(), customerId, e.uuid("ownerId"), e.actor());
                case "deal.reopened" -> listInHandover(e.streamId(), customerId, ownerBefore, e.actor());
                case "deal.owner-reassigned" -> handedOver(e.streamId(), e.uuid("from"), e.uuid("to"), e.actor())
                        .chain(() -> listInHandover(e.streamId(), customerId, e.uuid("to"), e.actor()));
                case "deal.won" -> (customerId == null ? Uni.createFrom().voidItem() : activate(customerId, e.actor()))
                        .chain(() -> closedInHandover(e.streamId(), ownerBefore, "WON", e.actor()));
                case "deal.lost" -> closedInHandover(e.streamId(), ownerBefore, "LOST", e.actor());
                default -> Uni.createFrom().voidItem();
            };
            return effect.chain(() -> record(e));
        });
    }

    private Uni<Void> record(IncomingEvent e) {
        return sessions.withTransaction(s -> s.find(DealRef.class, e.streamId()).flatMap(row -> {
            DealRef d = row != null ? row : new DealRef();
            d.id = e.streamId();
            d.version = e.streamVersion();
            switch (e.type()) {
                case "deal.opened" -> {
                    d.customerId = e.uuid("customerId");
                    d.ownerId = e.uuid("ownerId");
                    d.status = "OPEN";
                }
                case "deal.owner-reassigned" -> d.ownerId = e.uuid("to");
                case "deal.won" -> d.status = "WON";
                case "deal.lost" -> d.status = "LOST";
                case "deal.reopened" -> d.status = "OPEN";
                default -> { }
            }
            return row != null ? Uni.createFrom().voidItem() : s.persist(d);
        }));
    }

    /** The deal left a departed owner: if it waits orphaned in that person's handover, it is assigned there. */
    private Uni<Void> handedOver(UUID dealId, UUID from, UUID to, String actor) {
        if (from == null || to == null) {
            return Uni.createFrom().voidItem();
        }
        return onHandoversOf(from, (state, command, ctx) -> state.item(HandoverItemType.DEAL, dealId)
                        .filter(HandoverItem::orphaned).isPresent() ? handoverDecider.decide(state, command, ctx) : List.of(),
                new HandoverCommand.AssignHandoverItems(List.of(
                        new HandoverCommand.Assignment(HandoverItemType.DEAL, dealId, to, false))), actor);
    }

    /**
     * An open deal owned by someone who departed belongs in their handover, even when this service learns of it only
     * after the handover opened (deal-events and staff-events keep no order between them): it is added, orphaned.
     */
    private Uni<Void> listInHandover(UUID dealId, UUID customerId, UUID ownerId, String actor) {
        if (ownerId == null || customerId == null) {
            return Uni.createFrom().voidItem();
        }
        return onHandoversOf(ownerId, handoverDecider::decide,
                new HandoverCommand.AddDeal(new HandoverDeal(dealId, customerId)), actor);
    }

    /** A deal of a handover that was won or lost while orphaned needs no new owner any more. */
    private Uni<Void> closedInHandover(UUID dealId, UUID ownerId, String outcome, String actor) {
        if (ownerId == null) {
            return Uni.createFrom().voidItem();
        }
        return onHandoversOf(ownerId, handoverDecider::decide, new HandoverCommand.CloseDeal(dealId, outcome), actor);
    }

    /** Runs a command on the handover of the staff member's departure, if they departed (idempotent decisions only). */
    private Uni<Void> onHandoversOf(UUID staffId, CommandRunner.Decider<HandoverState, HandoverCommand, HandoverEvent> decide,
                                    HandoverCommand command, String actor) {
        return sessions.withSession(s -> s.createSelectionQuery(
                        "select h.id from HandoverView h where h.staffId = :staff", UUID.class)
                .setParameter("staff", staffId).getResultList()).flatMap(handovers -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (UUID handover : handovers) {
                chain = chain.chain(() -> runner.run(streams.handovers, streams.handoverView, handover, null,
                        decide, command, actor, st -> !st.isNew()).replaceWithVoid());
            }
            return chain;
        });
    }

    /** A won deal makes its customer ACTIVE (no event when it already is). */
    private Uni<Void> activate(UUID customerId, String actor) {
        return runner.run(streams.customers, streams.customerView, customerId, null, customerDecider::decide,
                        new CustomerCommand.ChangeCustomerStatus(CustomerStatus.ACTIVE, "deal won"), actor,
                        st -> !st.isNew())
                .replaceWithVoid()
                .onFailure(f -> f instanceof Rejection r && r.kind() == Rejection.Kind.NOT_FOUND).recoverWithNull();
    }
}
