package io.dealstream.forecast.projection;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rebuild's memory guard reads the heap after collections, which only a collection reports (either reading). */
class HeapAfterCollectionTest {

    @Test
    void aFullCollectionReportsTheHeapStillHeld() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            System.gc(); // a full collection: every pool's usage after collection is set
            return HeapAfterCollection.above(0.0, 1.0) && HeapAfterCollection.above(1.0, 0.0);
        });
        assertFalse(HeapAfterCollection.above(1.0, 1.0), "more held than the heap may hold");
    }
}
