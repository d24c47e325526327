package io.dealstream.forecast.projection;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The rebuild's memory guard reads the heap after collections, which only a collection reports (either reading), and
 * only collections after the moment it judges from.
 */
class HeapAfterCollectionTest {

    @Test
    void aFullCollectionReportsTheHeapStillHeld() {
        HeapAfterCollection.Mark before = HeapAfterCollection.mark();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            System.gc(); // a full collection: every pool's usage after collection is set
            return HeapAfterCollection.above(0.0, 1.0, before) && HeapAfterCollection.above(1.0, 0.0, before);
        });
        assertFalse(HeapAfterCollection.above(1.0, 1.0, before), "more held than the heap may hold");
    }

    @Test
    void whatCollectionsBeforeTheMomentReportedDoesNotCount() {
        System.gc(); // every pool has a reading, and some of the heap is in use after it
        await().atMost(Duration.ofSeconds(30)).until(() -> HeapAfterCollection.above(0.0, 0.0,
                new HeapAfterCollection.Mark(-1, new long[HeapAfterCollection.mark().poolCollections().length])));
        // judged from now, nothing counts until a collection reports; tried again if one came in between
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HeapAfterCollection.Mark now = HeapAfterCollection.mark();
            boolean above = HeapAfterCollection.above(0.0, 0.0, now);
            HeapAfterCollection.Mark after = HeapAfterCollection.mark();
            if (now.reported() != after.reported() || !Arrays.equals(now.poolCollections(), after.poolCollections())) {
                return false;
            }
            assertFalse(above, "readings of collections before the moment judged from");
            return true;
        });
        HeapAfterCollection.Mark now = HeapAfterCollection.mark();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            System.gc();
            return HeapAfterCollection.above(0.0, 0.0, now);
        });
    }
}
