package io.dealstream.forecast.projection;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Lets a rebuild hold the live consumer for the moment of the switch: once closed, no new message starts, and
 * {@link #close} returns when those in progress are done. Messages wait, they are not lost.
 */
@ApplicationScoped
public class Gate {

    private CompletableFuture<Void> open = CompletableFuture.completedFuture(null);
    private int inFlight;

    /** Runs {@code work} when the gate is open, counted as in progress until it completes. */
    public Uni<Void> pass(Supplier<Uni<Void>> work) {
        CompletableFuture<Void> waitFor;
        synchronized (this) {
            if (open.isDone()) {
                inFlight++;
                waitFor = null;
            } else {
                waitFor = open;
            }
        }
        if (waitFor != null) {
            return Uni.createFrom().completionStage(waitFor).chain(() -> pass(work));
        }
        return Uni.createFrom().<Void>deferred(work::get).onTermination().invoke(this::done);
    }

    private synchronized void done() {
        inFlight--;
        notifyAll();
    }

    /** Closes the gate and waits (on the caller's thread) until nothing is in progress. */
    synchronized void close(Duration timeout) throws InterruptedException {
        open = new CompletableFuture<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("the live consumer did not finish its message in " + timeout);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    void reopen() {
        CompletableFuture<Void> toComplete;
        synchronized (this) {
            toComplete = open;
        }
        toComplete.complete(null);
    }
}
