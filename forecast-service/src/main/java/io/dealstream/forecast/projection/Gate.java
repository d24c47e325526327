package io.dealstream.forecast.projection;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Lets a rebuild hold the live consumer for the moment of the switch: once closed, no new message enters, and
 * {@link #close} returns when every message that entered has left (applied and settled). Messages wait, they are not
 * lost.
 */
@ApplicationScoped
public class Gate {

    private CompletableFuture<Void> open = CompletableFuture.completedFuture(null);
    private int inFlight;

    /** Completes when the gate is open, counting the caller in; it must {@link #leave} once its message is settled. */
    public Uni<Void> enter() {
        CompletableFuture<Void> waitFor;
        synchronized (this) {
            if (open.isDone()) {
                inFlight++;
                return Uni.createFrom().voidItem();
            }
            waitFor = open;
        }
        return Uni.createFrom().completionStage(waitFor).chain(this::enter);
    }

    public synchronized void leave() {
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
                throw new IllegalStateException("the live projection did not write what it held in " + timeout);
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
