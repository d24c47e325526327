package io.dealstream.forecast.projection;

import io.dealstream.forecast.config.ForecastConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The threads that send the projections' bulk writes ({@code forecast.write-threads}), so that while MongoDB applies
 * one bulk the next is encoded and on its way. Shared by the live projection and the rebuild.
 */
@ApplicationScoped
public class Writers {

    private final ExecutorService pool;

    @Inject
    public Writers(ForecastConfig config) {
        this(config.writeThreads());
    }

    /** With one thread, everything is sent on the caller's thread. */
    Writers(int threads) {
        AtomicInteger n = new AtomicInteger();
        this.pool = threads <= 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "forecast-writer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * {@code send} applied to each item, at once on the writer threads; the results in the items' order. Returns (or
     * throws the first failure) only when every item is done, so that nothing is still being written afterwards.
     */
    <I, O> List<O> run(List<I> items, Function<I, O> send) {
        return start(items, send).await();
    }

    /** Starts {@code send} on each item (on the caller's thread with one writer or one item); {@link Started#await}. */
    <I, O> Started<O> start(List<I> items, Function<I, O> send) {
        List<Future<O>> futures = new ArrayList<>(items.size());
        if (pool == null || items.size() <= 1) {
            items.forEach(i -> futures.add(done(() -> send.apply(i))));
        } else {
            items.forEach(i -> futures.add(pool.submit(() -> send.apply(i))));
        }
        return new Started<>(futures);
    }

    private static <O> Future<O> done(java.util.concurrent.Callable<O> work) {
        java.util.concurrent.FutureTask<O> task = new java.util.concurrent.FutureTask<>(work);
        task.run();
        return task;
    }

    /** Writes under way. */
    static final class Started<O> {
        private final List<Future<O>> futures;

        private Started(List<Future<O>> futures) {
            this.futures = futures;
        }

        /** The results in the items' order, once every item is done; the first failure is thrown after that. */
        List<O> await() {
            List<O> out = new ArrayList<>(futures.size());
            RuntimeException failure = null;
            boolean interrupted = false;
            for (Future<O> f : futures) {
                while (true) {
                    try {
                        out.add(f.get());
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true; // finish waiting: the writes are under way either way
                    } catch (ExecutionException e) {
                        out.add(null);
                        if (failure == null) {
                            failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                        }
                        break;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            return out;
        }
    }

    @PreDestroy
    void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
