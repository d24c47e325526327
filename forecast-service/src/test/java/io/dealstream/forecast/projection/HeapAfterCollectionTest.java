package io.dealstream.forecast.projection;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rebuild's memory guard reads the heap in use after a collection, which nothing but a collection reports. */
class HeapAfterCollectionTest {

    @Test
    void aCollectionReportsTheHeapStillInUse() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            System.gc(); // a full collection, reported like any other
            return HeapAfterCollection.above(0.0);
        });
        assertFalse(HeapAfterCollection.above(1.0), "more in use than the heap may hold");
    }
}
