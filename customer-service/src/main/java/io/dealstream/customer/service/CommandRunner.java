package io.dealstream.customer.service;

import io.dealstream.customer.domain.CommandContext;
import io.dealstream.eventstore.Aggregate;
import io.dealstream.eventstore.CommandResult;
import io.dealstream.eventstore.EventStore;
import io.dealstream.eventstore.NewEvent;
import io.dealstream.eventstore.StreamState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.hibernate.reactive.mutiny.Mutiny;

/** Runs a command of any of customer-service's streams: decide with the pure domain core, append, project. */
@ApplicationScoped
public class CommandRunner {

    /** A stream's pure decider. */
    @FunctionalInterface
    public interface Decider<S, C, E> {
        List<E> decide(S state, C command, CommandContext ctx);
    }

    private final EventStore store;
    private final Clock clock;

    public CommandRunner(EventStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Decides and appends one command as {@code actor}; {@code visible} (checked on the current state, inside the
     * transaction) turns an invisible stream into a 404.
     */
    public <S, C, E> Uni<CommandResult<S, E>> run(Aggregate<S, E> aggregate, EventStore.InlineProjection<S, E> projection,
                                                  UUID streamId, Long ifMatch, Decider<S, C, E> decider, C command,
                                                  String actor, Predicate<StreamState<S>> visible) {
        return store.execute(aggregate, streamId, ifMatch, decision(decider, command, actor, visible), projection);
    }

    /**
     * The same inside the caller's transaction, for work that must change several streams at once; the caller
     * {@link #announce}s the events after its commit.
     */
    public <S, C, E> Uni<CommandResult<S, E>> runIn(Mutiny.Session session, Aggregate<S, E> aggregate,
                                                    EventStore.InlineProjection<S, E> projection, UUID streamId,
                                                    Decider<S, C, E> decider, C command, String actor,
                                                    Predicate<StreamState<S>> visible) {
        return store.executeIn(session, aggregate, streamId, null, decision(decider, command, actor, visible), projection);
    }

    public void announce(int events) {
        store.announce(events);
    }

    private <S, C, E> EventStore.Decision<S, E> decision(Decider<S, C, E> decider, C command, String actor,
                                                         Predicate<StreamState<S>> visible) {
        return current -> {
            if (!visible.test(current)) {
                throw io.dealstream.support.domain.Rejection.notFound("no such resource is visible to you");
            }
            CommandContext ctx = new CommandContext(actor, now(current));
            Instant at = ctx.occurredAt();
            return decider.decide(current.state(), command, ctx).stream().map(e -> new NewEvent<>(e, actor, at)).toList();
        };
    }

    /** Business time moves forward only: never before the stream's last event. */
    private Instant now(StreamState<?> current) {
        Instant now = clock.instant();
        return current.lastOccurredAt() != null && now.isBefore(current.lastOccurredAt()) ? current.lastOccurredAt() : now;
    }

    public EventStore store() {
        return store;
    }
}
