package io.dealstream.deal.service;

import io.dealstream.deal.domain.CommandContext;
import io.dealstream.deal.domain.DealCommand;
import io.dealstream.deal.domain.DealDecider;
import io.dealstream.deal.domain.DealEvent;
import io.dealstream.deal.domain.DealProcess;
import io.dealstream.deal.domain.DealState;
import io.dealstream.deal.view.DealProjection;
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
    private final Clock clock;

    public DealService(EventStore store, DealAggregate aggregate, DealProjection projection, DealProcess process,
                       DealVisibility visibility, Clock clock) {
        this.store = store;
        this.aggregate = aggregate;
        this.projection = projection;
        this.decider = new DealDecider(process);
        this.visibility = visibility;
        this.clock = clock;
    }

    public Uni<CommandResult<DealState, DealEvent>> open(DealCommand.OpenDeal command, Caller caller) {
        return store.execute(aggregate, command.dealId(), null, current -> {
            CommandContext ctx = context(caller, current);
            return stamp(decider.decide(current.state(), command, ctx), ctx);
        }, projection);
    }

    /** Runs a command on an existing deal; {@code ifMatch} is the version the caller last saw, if it sent one. */
    public Uni<CommandResult<DealState, DealEvent>> handle(UUID dealId, Long ifMatch, DealCommand command, Caller caller) {
        return store.execute(aggregate, dealId, ifMatch, current -> {
            requireVisible(current, caller);
            CommandContext ctx = context(caller, current);
            return stamp(decider.decide(current.state(), command, ctx), ctx);
        }, projection);
    }

    /**
     * Imports a deal's past: every command is decided by the same rules, at its original time, in one transaction;
     * a rule broken anywhere refuses the whole import.
     */
    public Uni<CommandResult<DealState, DealEvent>> importHistory(UUID dealId, List<ImportedCommand> commands) {
        if (commands.isEmpty() || !(commands.get(0).command() instanceof DealCommand.OpenDeal)) {
            throw Rejection.invalid("commands", "an import starts with the command that opened the deal");
        }
        return store.execute(aggregate, dealId, null, current -> {
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
        }, projection);
    }

    /** The deal as of an instant (or now), if the caller may see it. */
    public Uni<StreamState<DealState>> load(UUID dealId, Instant asOf, Caller caller) {
        return store.load(aggregate, dealId, null).flatMap(current -> {
            requireVisible(current, caller);
            return asOf == null ? Uni.createFrom().item(current) : store.load(aggregate, dealId, asOf)
                    .invoke(past -> {
                        if (past.isNew()) {
                            throw Rejection.notFound("deal " + dealId + " did not exist yet at " + asOf);
                        }
                    });
        });
    }

    public Uni<List<Recorded<DealEvent>>> history(UUID dealId, Caller caller) {
        return store.history(aggregate, dealId).invoke(events -> {
            DealState state = DealState.NONE;
            for (Recorded<DealEvent> r : events) {
                state = state.evolve(r.event(), r.record().occurredAt);
            }
            requireVisible(new StreamState<>(state, events.size(), null, null), caller);
        });
    }

    private void requireVisible(StreamState<DealState> current, Caller caller) {
        if (current.isNew() || !visibility.canSee(caller, current.state())) {
            throw Rejection.notFound("no deal with this id is visible to you");
        }
    }

    /**
     * Taken on each attempt, inside the transaction, so a command retried after losing a race is stamped after the
     * event that beat it; never before the stream's last event (business time only moves forward).
     */
    private CommandContext context(Caller caller, StreamState<DealState> current) {
        Instant now = clock.instant();
        if (current.lastOccurredAt() != null && now.isBefore(current.lastOccurredAt())) {
            now = current.lastOccurredAt();
        }
        return new CommandContext(caller.actor(), now, caller.isManagerOrAbove());
    }

    private static List<NewEvent<DealEvent>> stamp(List<DealEvent> events, CommandContext ctx) {
        return events.stream().map(e -> new NewEvent<>(e, ctx.actor(), ctx.occurredAt())).toList();
    }
}
