package io.dealstream.forecast.projection;

import io.dealstream.forecast.config.ForecastConfig;
import io.dealstream.support.messaging.IncomingEvent;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Applies the live consumer's events to the active generation in batches: whatever arrived while the previous batch
 * was being written is folded into the documents held in memory ({@link HeldDocuments}) and written with one bulk
 * write per collection: one write per changed document, not one read and one write per event. Under light load a
 * batch is one event (latency of one write); under heavy load batches grow and throughput with them.
 *
 * <p>Each event's future completes when its document is stored (the message is acked then), or fails when the event
 * cannot be folded or its document is refused (the message is dead-lettered). A database that cannot be reached is
 * retried, with backoff, until it can: events wait, they are neither lost nor dead-lettered. On shutdown, events not
 * yet written stay unacknowledged and come again after the restart.
 */
@ApplicationScoped
public class LiveProjection {

    private static final Logger LOG = Logger.getLogger(LiveProjection.class);
    private static final int CONFLICT_ROUNDS = 5;

    private record Pending(IncomingEvent event, CompletableFuture<Void> written) {
    }

    private final Generations generations;
    private final Writers writers;
    private final int maxBatch;
    private final int backlogLimit;
    private final int heldLimit;
    private final DistributionSummary batchSizes;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread thread;
    private HeldDocuments held;

    public LiveProjection(Generations generations, ForecastConfig config, MeterRegistry metrics, Writers writers) {
        this.generations = generations;
        this.writers = writers;
        this.maxBatch = config.liveBatchSize();
        this.backlogLimit = config.liveBacklog();
        this.heldLimit = config.liveDocumentsInMemory();
        this.batchSizes = DistributionSummary.builder("forecast.projection.batch.events")
                .description("events per batch the live projection wrote").register(metrics);
    }

    void start(@Observes StartupEvent started) {
        running = true;
        thread = new Thread(this::run, "forecast-projection");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        if (thread != null) { // null when the application failed before it started
            thread.interrupt();
            thread.join(5_000);
        }
    }

    /** Queues an event; the future completes when it is applied (events no read model follows: at once). */
    public CompletableFuture<Void> submit(IncomingEvent event) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        if (HeldDocuments.Key.of(event) == null) {
            written.complete(null);
        } else {
            queue.add(new Pending(event, written));
        }
        return written;
    }

    /** Whether so many events wait that the consumers should wait for their own event before taking the next. */
    public boolean backlogged() {
        return queue.size() >= backlogLimit;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                batchSizes.record(batch.size());
                apply(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "the live projection failed a batch of %d events; they come again after a restart", batch.size());
            } finally {
                batch.clear();
            }
        }
    }

    private void apply(List<Pending> batch) throws InterruptedException {
        int generation = generations.active();
        if (held == null || held.generation() != generation) {
            held = new HeldDocuments(generations, generation, false, writers); // a rebuild switched (the gate held every message)
        }
        List<Pending> todo = batch;
        long backoff = 100;
        int conflictRounds = 0;
        while (!todo.isEmpty()) {
            if (!running) {
                return; // unacknowledged: they come again after the restart
            }
            try {
                Map<IncomingEvent, RuntimeException> failed = held.fold(events(todo));
                HeldDocuments.Unwritten unwritten = held.write();
                List<Pending> again = new ArrayList<>();
                boolean lastRound = ++conflictRounds >= CONFLICT_ROUNDS;
                for (Pending p : todo) {
                    HeldDocuments.Key key = HeldDocuments.Key.of(p.event());
                    RuntimeException poison = failed.get(p.event());
                    String refused = unwritten.rejected().get(key);
                    if (poison != null) {
                        p.written().completeExceptionally(poison);
                    } else if (refused != null) {
                        p.written().completeExceptionally(new IllegalStateException(
                                "the document of " + key.id() + " was refused: " + refused));
                    } else if (unwritten.conflicts().contains(key)) {
                        if (lastRound) {
                            p.written().completeExceptionally(new IllegalStateException(
                                    "the document of " + key.id() + " kept changing under v" + p.event().streamVersion()));
                        } else {
                            again.add(p);
                        }
                    } else {
                        p.written().complete(null);
                    }
                }
                todo = again;
            } catch (RuntimeException e) {
                // The database is unreachable or failed mid-way: what is stored is the truth; fold again on it later.
                held.clear();
                LOG.warnf("the live projection cannot write (%s); retrying in %d ms", e.toString(), backoff);
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
        held.trim(heldLimit);
    }

    private static List<IncomingEvent> events(List<Pending> pending) {
        List<IncomingEvent> events = new ArrayList<>(pending.size());
        pending.forEach(p -> events.add(p.event()));
        return events;
    }
}
