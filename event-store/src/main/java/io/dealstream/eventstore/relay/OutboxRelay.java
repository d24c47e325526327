package io.dealstream.eventstore.relay;

import io.dealstream.eventstore.EventRecord;
import io.dealstream.eventstore.EventsAppended;
import io.dealstream.eventstore.FreshContext;
import io.dealstream.eventstore.SchemaInitializer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Publishes committed events to Kafka: the event rows are the outbox. Each appended row gets an
 * {@code event_publication} row from a trigger in the same transaction, so a row whose transaction commits late
 * is simply found on the next round, never skipped. Rows are read in position order (which is version order within
 * a stream), sent in that order through the idempotent {@code acks=all} producer, and deleted only after Kafka
 * acknowledged every one of them: at-least-once, per-stream order kept. One relay per database at a time
 * (transaction-scoped advisory lock), so several service instances never interleave a stream.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The outgoing channel; its Kafka settings live in the service's configuration. */
    public static final String CHANNEL = "outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock (two-int key space: no clash with per-stream locks) held by the one relaying instance. */
    private static final String LOCK = "pg_try_advisory_xact_lock(1685283699, 1)"; // "dsts", 1

    private final Mutiny.SessionFactory sessions;
    private final Emitter<String> emitter;
    private final OutboxConfig config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicLong published = new AtomicLong();
    private volatile long timerId = -1;
    private volatile boolean stopped;

    public OutboxRelay(Mutiny.SessionFactory sessions,
                       @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<String> emitter,
                       OutboxConfig config, Vertx vertx, MeterRegistry metrics) {
        this.sessions = sessions;
        this.emitter = emitter;
        this.config = config;
        this.vertx = vertx;
        FunctionCounter.builder("dealstream.outbox.published", published, AtomicLong::get)
                .description("Events this instance's outbox relay has published to Kafka").register(metrics);
    }

    void onStart(@Observes @Priority(SchemaInitializer.PRIORITY + 10) StartupEvent event) {
        if (config.enabled()) {
            timerId = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** A command just committed events: publish them now rather than at the next tick. */
    void onAppended(@Observes EventsAppended event) {
        if (config.enabled()) {
            wake();
        }
    }

    /** Starts a drain unless one is running; a drain running now will go round once more. */
    public void wake() {
        if (stopped) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        // Always a fresh duplicated context: woken from a request, the relay must not share (and close) the
        // Hibernate Reactive session that request's context holds.
        FreshContext.of(vertx).runOnContext(ignored -> drain().subscribe().with(
                count -> finished(count >= config.batchSize()),
                failure -> {
                    LOG.warnf("outbox relay round failed, will retry: %s", failure.toString());
                    finished(false);
                }));
    }

    private void finished(boolean moreWaiting) {
        running.set(false);
        if (moreWaiting || again.getAndSet(false)) {
            wake();
        }
    }

    /** One round: lock, read a batch of unpublished events, publish them in order, forget them. */
    Uni<Integer> drain() {
        return sessions.withTransaction((session, tx) -> session
                .createNativeQuery("SELECT " + LOCK, Boolean.class)
                .getSingleResult()
                .flatMap(locked -> !locked ? Uni.createFrom().item(0) : session
                        .createSelectionQuery("from EventRecord e where e.position in "
                                + "(select p.position from PendingPublication p) order by e.position", EventRecord.class)
                        .setMaxResults(config.batchSize())
                        .getResultList()
                        .flatMap(batch -> batch.isEmpty() ? Uni.createFrom().item(0)
                                : publish(batch, Vertx.currentContext()).chain(() -> session
                                        .createMutationQuery("delete from PendingPublication p where p.position in :positions")
                                        .setParameter("positions", batch.stream().map(e -> e.position).toList())
                                        .executeUpdate())
                                .map(ignored -> {
                                    published.addAndGet(batch.size());
                                    return batch.size();
                                }))));
    }

    /** Sends the batch in order and completes when Kafka acknowledged all of it. */
    private Uni<Void> publish(List<EventRecord> batch, Context context) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        for (EventRecord e : batch) {
            String topic = config.topics().get(e.streamType);
            if (topic == null) {
                throw new IllegalStateException("no topic configured for stream type " + e.streamType
                        + " (dealstream.outbox.topics." + e.streamType + ")");
            }
            CompletableFuture<Void> ack = new CompletableFuture<>();
            Message<String> message = CloudEventMapping.toMessage(e, config.source(), topic)
                    .withAck(() -> {
                        ack.complete(null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        ack.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    });
            emitter.send(message);
            acks.add(ack);
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)))
                .ifNoItem().after(config.ackTimeout()).fail()
                // Acks arrive on Kafka's network thread; the session must go on where it was opened.
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .replaceWithVoid();
    }
}
