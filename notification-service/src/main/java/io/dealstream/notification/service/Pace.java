package io.dealstream.notification.service;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spreads a background run over time so that it leaves the machine to the requests and projections that users wait
 * on: after each step it waits in proportion to how long the step took, so that the run is busy at most {@code share}
 * of the time. A share of 1 never waits.
 */
final class Pace {

    /** Waits; interruptible. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final double share;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long since;

    Pace(double share, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("a busy share must be more than 0 and at most 1: " + share);
        }
        this.share = share;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.since = nanoTime.getAsLong();
    }

    /** A pace that waits for real, from now. */
    static Pace of(double share) {
        return new Pace(share, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    /** A step is done: waits so that the time since the last step's end was busy at most {@code share} of it. */
    void step() {
        long busy = nanoTime.getAsLong() - since;
        long pause = share >= 1 ? 0 : (long) (busy * (1 / share - 1));
        if (pause > 0) {
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // shutting down: the run finishes without waiting
            }
        }
        since = nanoTime.getAsLong();
    }
}
