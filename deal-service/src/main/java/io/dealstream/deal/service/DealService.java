package io.dealstream.deal.service;

import io.dealstream.deal.domain.CommandContext;
import io.dealstream.deal.domain.DealCommand;
import io.dealstream.deal.domain.DealDecider;
import io.dealstream.deal.domain.DealEvent;
import io.dealstream.deal.domain.DealProcess;
import io.dealstream.deal.domain.DealState;
import io.dealstream.deal.directory.Directory;
import io.dealstream.deal.view.DealProjection;
import io.dealstream.deal.view.DealQueries;
import io.dealstream.eventstore.CommandResult;
import io.dealstream.eventstore.EventStore;
import io.dealstream.eventstore.NewEvent;
import io.dealstream.eventstore.Recorded;
import io.dealstream.eventstore.StreamState;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Runs deal commands: checks that the caller may see the deal, decides with the pure domain core, appends through the
 * event store (which updates the inline view in the same transaction).
 */
@ApplicationScoped
public class DealService {

    /** One command of a historical import, with its original time and actor. */
    public record ImportedCommand(DealCommand command, Instant occurredAt, String actor) {
    }

    private final EventStore store;
    private final DealAggregate aggregate;
    private final DealProjection projection;
    private final DealDecider decider;
    private final DealVisibility visibility;
    private final Directory directory;
    private final DealQueries queries;
    private final Clock clock;

    public DealService(EventStore store, DealAggregate aggregate, DealProjection projection, DealProcess process,
                       DealVisibility visibility, Directory directory, DealQueries queries, Clock clock) {
        this.store = store;
        this.aggregate = aggregate;
        this.projection = projection;
        this.decider = new DealDecider(process);
        this.visibility = visibility;
        this.directory = directory;
        this.queries = queries;
        this.clock = clock;
    }

    /** Opens a deal for a customer that customer-service has registered (a 400 names an unknown one). */
    public Uni<CommandResult<DealState, DealEvent>> open(DealCommand.OpenDeal command, Caller caller) {
        return requireCustomer(command.customerId()).chain(() -> store.execute(aggregate, command.dealId(), null, current -> {
            CommandContext ctx = context(caller.actor(), caller.isManagerOrAbove(), current);
            return stamp(decider.decide(current.state(), command, ctx), ctx);
        }, projection));
    }

    /** Runs a command on an existing deal; {@code ifMatch} is the version the caller last saw, if it sent one. */
    public Uni<CommandResult<DealState, DealEvent>> handle(UUID dealId, Long ifMatch, DealCommand command, Caller caller) {
        return visibility.scope(caller).flatMap(scope -> store.execute(aggregate, dealId, ifMatch, current -> {
            requireVisible(current, scope);
            CommandContext ctx = context(caller.actor(), caller.isManagerOrAbove(), current);
            return stamp(decider.decide(current.state(), command, ctx), ctx);
        }, projection));
    }

    /**
     * Choreography of a departure: the account moved from a departed owner to {@code to}, so its open deals owned
     * by {@code from} follow, one command each, recording the departure that caused it. Idempotent: a deal already
     * with {@code to} yields no event.
     */
    public Uni<Void> followAccount(UUID customerId, UUID from, UUID to, String reason, UUID departureId, String actor) {
        if (from == null || to == null) {
            return Uni.createFrom().voidItem();
        }
        return queries.openDealsOf(customerId, from).flatMap(dealIds -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (UUID dealId : dealIds) {
                // A manager's per-deal decision in the handover wins over following the account.
                chain = chain.chain(() -> directory.handoverDecision(dealId, departureId)).chain(decided ->
                        moveFrom(dealId, from, decided != null ? decided : to, reason, departureId, actor));
            }
            return chain;
        });
    }

    /**
     * A manager decided in a departure's handover that this deal goes to {@code newOwner}: it moves there (reason
     * OWNER_DEPARTED, naming the departure) while it is open and still owned by the departed person, or by whoever it
     * followed its account to because of this same departure. Otherwise (closed, or moved on by someone) nothing.
     */
    public Uni<Void> applyHandoverDecision(UUID dealId, UUID departureId, UUID departedOwner, UUID newOwner, String reason,
                                           String actor) {
        return store.execute(aggregate, dealId, null, current -> {
            DealState state = current.state();
            boolean leaversOrFollowed = state.ownerId() != null && (state.ownerId().equals(departedOwner)
                    || departureId.equals(state.lastDepartureId()));
            if (!state.isOpen() || newOwner.equals(state.ownerId()) || !leaversOrFollowed) {
                return List.<NewEvent<DealEvent>>of();
            }
            CommandContext ctx = context(actor, false, current);
            return stamp(decider.decide(state, new DealCommand.ReassignOwner(newOwner,
                    reason, departureId), ctx), ctx);
        }, projection).replaceWithVoid();
    }

    private Uni<Void> moveFrom(UUID dealId, UUID from, UUID to, String reason, UUID departureId, String actor) {
        DealCommand command = new DealCommand.ReassignOwner(to, reason, departureId);
        return store.execute(aggregate, dealId, null, current -> {
            if (!current.state().isOpen() || !from.equals(current.state().ownerId())) {
                return List.<NewEvent<DealEvent>>of(); // moved on meanwhile: leave it
            }
            CommandContext ctx = context(actor, false, current);
            return stamp(decider.decide(current.state(), command, ctx), ctx);
        }, projection).replaceWithVoid();
    }

    private Uni<Void> requireCustomer(UUID customerId) {
        return directory.customerExists(customerId).invoke(exists -> {
            if (!exists) {
                throw new Rejection(Rejection.Kind.INVALID, "unknown-customer", "customer " + customerId
                        + " is not registered; register it in customer-service first (POST /customers)",
                        List.of(new Rejection.Violation("customerId", "unknown customer")));
            }
        }).replaceWithVoid();
    }

    /**
     * Imports a deal's past: every command is decided by the same rules, at its original time, in one transaction;
     * a rule broken anywhere refuses the whole import.
     */
    public Uni<CommandResult<DealState, DealEvent>> importHistory(UUID dealId, List<ImportedCommand> commands) {
        if (commands.isEmpty() || !(commands.get(0).command() instanceof DealCommand.OpenDeal)) {
            throw Rejection.invalid("commands", "an import starts with the command that opened the deal");
        }
        UUID customerId = ((DealCommand.OpenDeal) commands.get(0).command()).customerId();
        return requireCustomer(customerId).chain(() -> store.execute(aggregate, dealId, null, current -> {
            DealState state = current.state();
            List<NewEvent<DealEvent>> all = new ArrayList<>();
            int index = 0;
            for (ImportedCommand c : commands) {
                CommandContext ctx = new CommandContext(c.actor(), c.occurredAt(), true);
                List<DealEvent> events;
                try {
                    events = decider.decide(state, c.command(), ctx);
                } catch (Rejection r) {
                    throw new Rejection(r.kind() == Rejection.Kind.NOT_FOUND ? Rejection.Kind.INVALID : r.kind(),
                            r.code(), "commands[" + index + "]: " + r.getMessage(), r.violations());
                }
                for (DealEvent e : events) {
                    state = state.evolve(e, c.occurredAt());
                    all.add(new NewEvent<>(e, c.actor(), c.occurredAt()));
                }
                index++;
            }
            return all;
        }, projection));
    }

    /** The deal as of an instant (or now), if the caller may see it. */
    public Uni<StreamState<DealState>> load(UUID dealId, Instant asOf, Caller caller) {
        return visibility.scope(caller).flatMap(scope -> store.load(aggregate, dealId, null).map(current -> {
            requireVisible(current, scope);
            return current;
        })).flatMap(current -> {
            return asOf == null ? Uni.createFrom().item(current) : store.load(aggregate, dealId, asOf)
                    .invoke(past -> {
                        if (past.isNew()) {
                            throw Rejection.notFound("deal " + dealId + " did not exist yet at " + asOf);
                        }
                    });
        });
    }

    public Uni<List<Recorded<DealEvent>>> history(UUID dealId, Caller caller) {
        return visibility.scope(caller).flatMap(scope -> store.history(aggregate, dealId).invoke(events -> {
            DealState state = DealState.NONE;
            for (Recorded<DealEvent> r : events) {
                state = state.evolve(r.event(), r.record().occurredAt);
            }
            requireVisible(new StreamState<>(state, events.size(), null, null), scope);
        }));
    }

    private static void requireVisible(StreamState<DealState> current, DealVisibility.Scope scope) {
        if (current.isNew() || !scope.canSee(current.state())) {
            throw Rejection.notFound("no deal with this id is visible to you");
        }
    }

    /**
     * Taken on each attempt, inside the transaction, so a command retried after losing a race is stamped after the
     * event that beat it; never before the stream's last event (business time only moves forward).
     */
    private CommandContext context(String actor, boolean mayOverride, StreamState<DealState> current) {
        Instant now = clock.instant();
        if (current.lastOccurredAt() != null && now.isBefore(current.lastOccurredAt())) {
            now = current.lastOccurredAt();
        }
        return new CommandContext(actor, now, mayOverride);
    }

    private static List<NewEvent<DealEvent>> stamp(List<DealEvent> events, CommandContext ctx) {
        return events.stream().map(e -> new NewEvent<>(e, ctx.actor(), ctx.occurredAt())).toList();
    }
}
