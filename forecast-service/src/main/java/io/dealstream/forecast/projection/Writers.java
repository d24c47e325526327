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
        if (pool == null || items.size() <= 1) {
            List<O> out = new ArrayList<>(items.size());
            items.forEach(i -> out.add(send.apply(i)));
            return out;
        }
        List<Future<O>> futures = new ArrayList<>(items.size());
        items.forEach(i -> futures.add(pool.submit(() -> send.apply(i))));
        List<O> out = new ArrayList<>(items.size());
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

    @PreDestroy
    void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
