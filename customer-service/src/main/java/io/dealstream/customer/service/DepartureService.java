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
    private final StaffDirectory directory;
    private final Mutiny.SessionFactory sessions;
    private final StaffDecider staffDecider = new StaffDecider();
    private final HandoverDecider handoverDecider = new HandoverDecider();
    private final CustomerDecider customerDecider = new CustomerDecider();

    public DepartureService(CommandRunner runner, Streams streams, StaffDirectory directory,
                            Mutiny.SessionFactory sessions) {
        this.runner = runner;
        this.streams = streams;
        this.directory = directory;
        this.sessions = sessions;
    }

    public Uni<HandoverDocument> depart(UUID staffId, LocalDate effectiveDate, String reason, UUID successorId,
                                        String actor) {
        UUID departureId = UUID.randomUUID();
        Uni<Boolean> successorDeparted = successorId == null ? Uni.createFrom().item(false)
                : directory.require(successorId, "successorId").map(s -> "DEPARTED".equals(s.status));
        return successorDeparted
                .flatMap(departed -> runner.run(streams.staff, streams.staffView, staffId, null, staffDecider::decide,
                        new StaffCommand.RecordDeparture(departureId, effectiveDate, reason, successorId, departed),
                        actor, s -> !s.isNew()))
                .chain(() -> holdings(staffId))
                .flatMap(h -> runner.run(streams.handovers, streams.handoverView, departureId, null,
                                handoverDecider::decide, new HandoverCommand.OpenHandover(departureId, staffId,
                                        effectiveDate, successorId, h.accounts(), h.deals()), actor, s -> true)
                        .chain(() -> successorId == null ? Uni.createFrom().voidItem()
                                : assignAccounts(departureId, h.accounts(), successorId, actor)))
                .chain(() -> handover(departureId));
    }

    /** Gives each account to its new owner (reason OWNER_DEPARTED, naming the departure) and records it in the handover. */
    public Uni<Void> assignAccounts(UUID handoverId, List<UUID> accounts, UUID newOwner, String actor) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (UUID account : accounts) {
            chain = chain.chain(() -> runner.run(streams.customers, streams.customerView, account, null,
                    customerDecider::decide, new CustomerCommand.ChangeOwner(newOwner,
                            CustomerOwnerChanged.OWNER_DEPARTED, handoverId, false), actor, s -> !s.isNew()).replaceWithVoid());
        }
        List<HandoverCommand.Assignment> assignments = accounts.stream()
                .map(a -> new HandoverCommand.Assignment(HandoverItemType.ACCOUNT, a, newOwner, false)).toList();
        return accounts.isEmpty() ? chain : chain.chain(() -> runner.run(streams.handovers, streams.handoverView,
                handoverId, null, handoverDecider::decide, new HandoverCommand.AssignHandoverItems(assignments), actor,
                s -> !s.isNew()).replaceWithVoid());
    }

    public Uni<HandoverDocument> handover(UUID handoverId) {
        return runner.store().load(streams.handovers, handoverId, null).map(s -> HandoverDocument.of(s.state()));
    }

    private record Holdings(List<UUID> accounts, List<HandoverDeal> deals) {
    }

    private Uni<Holdings> holdings(UUID staffId) {
        return sessions.withSession(s -> s.createSelectionQuery(
                        "select v.id from CustomerView v where v.ownerId = :o order by v.registeredAt", UUID.class)
                .setParameter("o", staffId).getResultList()
                .flatMap(accounts -> s.createSelectionQuery("from DealRef d where d.ownerId = :o and d.status = 'OPEN'"
                                + " order by d.id", io.dealstream.customer.view.DealRef.class)
                        .setParameter("o", staffId).getResultList()
                        .map(deals -> new Holdings(accounts, deals.stream()
                                .map(d -> new HandoverDeal(d.id, d.customerId)).toList()))));
    }

}
