package io.dealstream.customer.service;

import io.dealstream.customer.domain.CustomerCommand;
import io.dealstream.customer.domain.CustomerDecider;
import io.dealstream.customer.domain.CustomerEvent.CustomerOwnerChanged;
import io.dealstream.customer.domain.HandoverCommand;
import io.dealstream.customer.domain.HandoverDeal;
import io.dealstream.customer.domain.HandoverDecider;
import io.dealstream.customer.domain.HandoverItemType;
import io.dealstream.customer.domain.StaffCommand;
import io.dealstream.customer.domain.StaffDecider;
import io.dealstream.customer.view.Documents.HandoverDocument;
import io.dealstream.customer.view.StaffView;
import io.dealstream.support.domain.Rejection;
import io.dealstream.customer.view.StaffView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * A departure and its handover: record the departure, list every account and open deal the person owns, and with a
 * successor move the accounts at once (their open deals follow in deal-service, which tells back through
 * deal-events). Each step is its own transaction on its own stream and is safe to repeat.
 */
@ApplicationScoped
public class DepartureService {

    private final CommandRunner runner;
    private final Streams streams;
    private final Mutiny.SessionFactory sessions;
    private final StaffDecider staffDecider = new StaffDecider();
    private final HandoverDecider handoverDecider = new HandoverDecider();
    private final CustomerDecider customerDecider = new CustomerDecider();

    public DepartureService(CommandRunner runner, Streams streams, Mutiny.SessionFactory sessions) {
        this.runner = runner;
        this.streams = streams;
        this.sessions = sessions;
    }

    /**
     * Records the departure, opens its handover and, with a successor, moves every account, all in one transaction:
     * the history never shows a departure without its handover.
     */
    public Uni<HandoverDocument> depart(UUID staffId, LocalDate effectiveDate, String reason, UUID successorId,
                                        String actor) {
        UUID departureId = UUID.randomUUID();
        int[] events = {0};
        return sessions.withTransaction(s -> (successorId == null ? Uni.createFrom().item(false)
                        : s.find(StaffView.class, successorId).map(v -> {
                            if (v == null) {
                                throw Rejection.invalid("successorId", "unknown staff member " + successorId);
                            }
                            return "DEPARTED".equals(v.status);
                        }))
                .flatMap(departed -> runner.runIn(s, streams.staff, streams.staffView, staffId, staffDecider::decide,
                        new StaffCommand.RecordDeparture(departureId, effectiveDate, reason, successorId, departed),
                        actor, st -> !st.isNew()))
                .invoke(r -> events[0] += r.appended().size())
                .chain(() -> holdings(s, staffId))
                .flatMap(h -> runner.runIn(s, streams.handovers, streams.handoverView, departureId,
                                handoverDecider::decide, new HandoverCommand.OpenHandover(departureId, staffId,
                                        effectiveDate, successorId, h.accounts(), h.deals()), actor, st -> true)
                        .invoke(r -> events[0] += r.appended().size())
                        .chain(() -> successorId == null ? Uni.createFrom().item(0)
                                : assignAccountsIn(s, departureId, h.accounts(), successorId, actor)))
                .invoke(n -> events[0] += n))
                .invoke(() -> runner.announce(events[0]))
                .chain(() -> handover(departureId));
    }

    /**
     * Gives items of a handover their new owners, all in one transaction: each account moves to its new owner (reason
     * OWNER_DEPARTED, naming the departure; deal-service moves its open deals along), and the handover records who
     * took each item. A deal assigned here is a manager's decision for that deal: deal-service reads it from the
     * handover and moves the deal there instead of letting it follow its account.
     */
    public Uni<Void> assign(UUID handoverId, List<HandoverCommand.Assignment> items, String actor) {
        return sessions.withTransaction(s -> assignIn(s, handoverId, items, actor))
                .invoke(runner::announce).replaceWithVoid();
    }

    private Uni<Integer> assignAccountsIn(Mutiny.Session s, UUID handoverId, List<UUID> accounts, UUID newOwner,
                                          String actor) {
        return assignIn(s, handoverId, accounts.stream()
                .map(a -> new HandoverCommand.Assignment(HandoverItemType.ACCOUNT, a, newOwner, false)).toList(), actor);
    }

    /** Returns the number of events appended. */
    private Uni<Integer> assignIn(Mutiny.Session s, UUID handoverId, List<HandoverCommand.Assignment> items,
                                  String actor) {
        int[] events = {0};
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (HandoverCommand.Assignment item : items) {
            if (item.itemType() != HandoverItemType.ACCOUNT) {
                continue;
            }
            chain = chain.chain(() -> runner.runIn(s, streams.customers, streams.customerView, item.itemId(),
                    (state, command, ctx) -> item.newOwnerId().equals(state.ownerId()) ? List.of() // already done
                            : customerDecider.decide(state, command, ctx),
                    new CustomerCommand.ChangeOwner(item.newOwnerId(), CustomerOwnerChanged.OWNER_DEPARTED, handoverId, false),
                    actor, st -> !st.isNew()).invoke(r -> events[0] += r.appended().size()).replaceWithVoid());
        }
        return (items.isEmpty() ? chain : chain.chain(() -> runner.runIn(s, streams.handovers, streams.handoverView,
                handoverId, handoverDecider::decide, new HandoverCommand.AssignHandoverItems(items), actor,
                st -> !st.isNew()).invoke(r -> events[0] += r.appended().size()).replaceWithVoid()))
                .map(ignored -> events[0]);
    }

    public Uni<HandoverDocument> handover(UUID handoverId) {
        return runner.store().load(streams.handovers, handoverId, null).map(s -> HandoverDocument.of(s.state()));
    }

    /** What a staff member owns now: the accounts and open deals a departure would hand over. */
    public record Holdings(List<UUID> accounts, List<HandoverDeal> deals) {
    }

    public Uni<Holdings> holdings(UUID staffId) {
        return sessions.withSession(s -> holdings(s, staffId));
    }

    private Uni<Holdings> holdings(Mutiny.Session s, UUID staffId) {
        return (s.createSelectionQuery(
                        "select v.id from CustomerView v where v.ownerId = :o order by v.registeredAt", UUID.class)
                .setParameter("o", staffId).getResultList()
                .flatMap(accounts -> s.createSelectionQuery("from DealRef d where d.ownerId = :o and d.status = 'OPEN'"
                                + " order by d.id", io.dealstream.customer.view.DealRef.class)
                        .setParameter("o", staffId).getResultList()
                        .map(deals -> new Holdings(accounts, deals.stream()
                                .map(d -> new HandoverDeal(d.id, d.customerId)).toList()))));
    }

}
