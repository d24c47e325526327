package io.dealstream.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A paced run waits after each step in proportion to the step's time, on a clock the test moves. */
class PaceTest {

    final AtomicLong now = new AtomicLong(1_000);
    final List<Long> waits = new ArrayList<>();

    Pace pace(double share) {
        return new Pace(share, now::get, nanos -> {
            waits.add(nanos);
            now.addAndGet(nanos); // the wait passes on the clock: it is not counted as the next step's work
        });
    }

    @Test
    void waitsSoThatTheRunIsBusyAtMostItsShare() {
        Pace half = pace(0.5);
        now.addAndGet(40); // a page took 40 ns
        half.step();
        now.addAndGet(10);
        half.step();
        assertThat(waits).containsExactly(40L, 10L); // busy 50 of 100

        waits.clear();
        Pace quarter = pace(0.25);
        now.addAndGet(40);
        quarter.step();
        assertThat(waits).containsExactly(120L); // busy 40 of 160
    }

    @Test
    void aFullShareNeverWaits() {
        Pace full = pace(1);
        now.addAndGet(1_000_000);
        full.step();
        assertThat(waits).isEmpty();
    }

    @Test
    void aShareOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> pace(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pace(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pace(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
