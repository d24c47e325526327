package io.dealstream.forecast.projection;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * How much of the heap was still in use after the last garbage collection: what the service really holds, unlike the
 * heap in use at any moment, which includes garbage not yet collected. A rebuild writes out the documents it holds
 * when this passes a share of the maximum heap, so the same defaults work with 256 MB (the platform's) and with
 * gigabytes, whatever a document weighs (a deal's timeline can hold thousands of changes).
 */
final class HeapAfterCollection {

    private static volatile long usedAfterLast;

    static {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        usedAfterLast = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                                .getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
                    }
                }, null, null);
            }
        }
    }

    private HeapAfterCollection() {
    }

    /** Whether the heap in use after the last collection is above {@code share} of the most the heap may grow to. */
    static boolean above(double share) {
        return usedAfterLast > share * Runtime.getRuntime().maxMemory();
    }
}
