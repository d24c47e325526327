package io.dealstream.eventstore;

import io.dealstream.support.domain.Rejection;
import io.dealstream.support.domain.VersionConflict;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The event store: loads streams (optionally as of an instant), and runs commands: load, decide, append with the
 * expected version, update inline projections, all in one transaction. A concurrent writer loses on
 * {@code UNIQUE(stream_id, version)}; without {@code If-Match} the command is retried on fresh state.
 */
@ApplicationScoped
public class EventStore {

    /** Decides the events of a command from the current stream state; throws {@link Rejection} to refuse. */
    @FunctionalInterface
    public interface Decision<S, E> {
        List<NewEvent<E>> decide(StreamState<S> current);
    }

    /** Updates query tables in the same transaction as the append. */
    @FunctionalInterface
    public interface InlineProjection<S, E> {
        Uni<Void> apply(Mutiny.Session session, UUID streamId, S state, long version, List<Recorded<E>> appended);
    }

    private final Mutiny.SessionFactory sessions;
    private final Event<EventsAppended> appended;
    private final Clock clock;
    private final EventStoreConfig config;

    public EventStore(Mutiny.SessionFactory sessions, Event<EventsAppended> appended, Clock clock,
                      EventStoreConfig config) {
        this.sessions = sessions;
        this.appended = appended;
        this.clock = clock;
        this.config = config;
    }

    /** The stream's events in version order, those with {@code occurredAt <= asOf} only when asOf is given. */
    public <S, E> Uni<List<Recorded<E>>> history(Mutiny.Session session, Aggregate<S, E> aggregate, UUID streamId,
                                                 Instant asOf) {
        String hql = "from EventRecord e where e.streamId = :stream and e.streamType = :type"
                + (asOf == null ? "" : " and e.occurredAt <= :asOf") + " order by e.version";
        var query = session.createSelectionQuery(hql, EventRecord.class)
                .setParameter("stream", streamId)
                .setParameter("type", aggregate.streamType());
        if (asOf != null) {
            query.setParameter("asOf", asOf);
        }
        return query.getResultList().map(rows -> rows.stream()
                .map(r -> new Recorded<>(r, aggregate.codec().fromJson(r.type, r.schemaVersion, r.payload)))
                .toList());
    }

    /** Folds the stream (as of an instant when given) into its state. */
    public <S, E> Uni<StreamState<S>> load(Mutiny.Session session, Aggregate<S, E> aggregate, UUID streamId,
                                           Instant asOf) {
        return history(session, aggregate, streamId, asOf).map(events -> fold(aggregate, events));
    }

    public <S, E> Uni<StreamState<S>> load(Aggregate<S, E> aggregate, UUID streamId, Instant asOf) {
        return sessions.withSession(session -> load(session, aggregate, streamId, asOf));
    }

    public <S, E> Uni<List<Recorded<E>>> history(Aggregate<S, E> aggregate, UUID streamId) {
        return sessions.withSession(session -> history(session, aggregate, streamId, null));
    }

    private static <S, E> StreamState<S> fold(Aggregate<S, E> aggregate, List<Recorded<E>> events) {
        S state = aggregate.initial();
        String hash = HashChain.GENESIS;
        Instant last = null;
        for (Recorded<E> r : events) {
            state = aggregate.evolve(state, r.event(), r.record().occurredAt);
            hash = r.record().hash;
            last = r.record().occurredAt;
        }
        return new StreamState<>(state, events.size(), hash, last);
    }

    /**
     * Runs one command on a stream. {@code expectedVersion} (from {@code If-Match}) makes a stale caller fail with
     * {@link VersionConflict}; without it, a lost race is retried on fresh state up to the configured bound.
     */
    public <S, E> Uni<CommandResult<S, E>> execute(Aggregate<S, E> aggregate, UUID streamId, Long expectedVersion,
                                                   Decision<S, E> decision, InlineProjection<S, E> projection) {
        Uni<CommandResult<S, E>> attempt = sessions.withTransaction((session, tx) ->
                executeIn(session, aggregate, streamId, expectedVersion, decision, projection));
        Uni<CommandResult<S, E>> guarded = expectedVersion == null
                ? attempt.onFailure(EventStore::isVersionClash).retry().atMost(config.maxRetries())
                        .onFailure(EventStore::isVersionClash).transform(e -> Rejection.conflict(
                                "concurrent-modification", "the resource kept changing under this command; try again"))
                : attempt.onFailure(EventStore::isVersionClash).transform(e ->
                        new VersionConflict(expectedVersion, expectedVersion + 1));
        return guarded
                .invoke(result -> {
                    if (!result.appended().isEmpty()) {
                        appended.fire(new EventsAppended(result.appended().size()));
                    }
                });
    }

    /**
     * Queues writers of one stream in the database (transaction-scoped advisory lock) so that concurrent commands on
     * one deal run one after the other instead of failing and retrying; the unique (stream, version) constraint stays
     * the guarantee. Single-bigint keys; the relay and schema locks use the separate two-int key space.
     */
    private static Uni<Void> lockStream(Mutiny.Session session, UUID streamId) {
        long key = streamId.getMostSignificantBits() ^ streamId.getLeastSignificantBits();
        return session.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(:key)) AS locked", Long.class)
                .setParameter("key", key)
                .getSingleResult()
                .replaceWithVoid();
    }

    /** Wakes the outbox relay after a caller's own transaction (see {@link #executeIn}) committed events. */
    public void announce(int events) {
        if (events > 0) {
            appended.fire(new EventsAppended(events));
        }
    }

    /**
     * Runs one command inside the caller's transaction (several streams changed atomically, e.g. a departure and its
     * handover). No retry here: a lost race fails the whole transaction. Events are published once it commits.
     */
    public <S, E> Uni<CommandResult<S, E>> executeIn(Mutiny.Session session, Aggregate<S, E> aggregate, UUID streamId,
                                                     Long expectedVersion, Decision<S, E> decision,
                                                     InlineProjection<S, E> projection) {
        return lockStream(session, streamId).chain(() -> load(session, aggregate, streamId, null)).flatMap(current -> {
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw new VersionConflict(expectedVersion, current.version());
            }
            List<NewEvent<E>> decided = decision.decide(current);
            if (decided.isEmpty()) {
                return Uni.createFrom().item(new CommandResult<>(current.state(), current.version(), List.<Recorded<E>>of()));
            }
            return append(session, aggregate, streamId, current, decided, projection);
        });
    }

    private <S, E> Uni<CommandResult<S, E>> append(Mutiny.Session session, Aggregate<S, E> aggregate, UUID streamId,
                                                   StreamState<S> current, List<NewEvent<E>> decided,
                                                   InlineProjection<S, E> projection) {
        EventCodec<E> codec = aggregate.codec();
        Instant recordedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID correlationId = UUID.randomUUID();
        S state = current.state();
        String prevHash = current.lastHash();
        Instant lastOccurred = current.lastOccurredAt();
        long version = current.version();
        UUID causation = null;
        List<Recorded<E>> records = new ArrayList<>();
        for (NewEvent<E> n : decided) {
            Instant occurredAt = n.occurredAt().truncatedTo(ChronoUnit.MICROS);
            if (lastOccurred != null && occurredAt.isBefore(lastOccurred)) {
                throw Rejection.invalid("occurredAt", "events of a stream must keep time order: " + occurredAt
                        + " is before the stream's last event at " + lastOccurred);
            }
            if (occurredAt.isAfter(recordedAt.plusSeconds(60))) {
                throw Rejection.invalid("occurredAt", "occurredAt " + occurredAt + " is in the future");
            }
            EventRecord r = new EventRecord();
            r.streamId = streamId;
            r.streamType = aggregate.streamType();
            r.version = ++version;
            r.eventId = UUID.randomUUID();
            r.type = codec.type(n.event());
            r.schemaVersion = codec.schemaVersion(n.event());
            r.occurredAt = occurredAt;
            r.recordedAt = recordedAt;
            r.actor = n.actor();
            r.correlationId = correlationId;
            r.causationId = causation;
            r.payload = codec.toJson(n.event());
            r.prevHash = prevHash;
            r.hash = HashChain.hash(prevHash, r);
            prevHash = r.hash;
            causation = r.eventId;
            lastOccurred = occurredAt;
            state = aggregate.evolve(state, n.event(), occurredAt);
            records.add(new Recorded<>(r, n.event()));
        }
        S finalState = state;
        long finalVersion = version;
        return session.persistAll(records.stream().map(Recorded::record).toArray())
                .chain(session::flush)
                .chain(() -> projection.apply(session, streamId, finalState, finalVersion, records))
                .map(ignored -> new CommandResult<>(finalState, finalVersion, List.copyOf(records)));
    }

    /** True when a concurrent writer took the version this transaction wanted ({@code events_stream_version}). */
    static boolean isVersionClash(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())
                    && String.valueOf(pg.getConstraint()).contains("events_stream_version")) {
                return true;
            }
            if (String.valueOf(t.getMessage()).contains("events_stream_version")) {
                return true;
            }
        }
        return false;
    }
}
