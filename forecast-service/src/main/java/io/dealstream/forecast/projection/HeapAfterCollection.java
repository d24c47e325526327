package io.dealstream.forecast.projection;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Whether the heap is filling, judged after garbage collections, for a rebuild to write out the documents it holds
 * before it runs out of memory: the same defaults then work with 256 MB (the platform's) and with gigabytes, whatever
 * a document weighs (a deal's timeline can hold thousands of changes). Two readings, because neither does alone:
 * <ul>
 *   <li>what each heap pool held after its own last collection: for the old generation, what survived the last
 *       collection that reclaimed it (G1's mixed or full ones), i.e. what the service really holds; but it is only as
 *       recent as that collection, and a 256 MB rebuild ran out of memory while it still said 40 %;</li>
 *   <li>the heap in use after the latest collection of any kind: always recent, but after a young collection it
 *       counts the old generation's garbage too (a previous rebuild's documents), so it is given a higher share (with
 *       it alone at one half, a 1 GB rebuild wrote out 93 times for nothing).</li>
 * </ul>
 */
final class HeapAfterCollection {

    private static final List<MemoryPoolMXBean> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()).toList();

    private static volatile long usedAfterLatest;

    static {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        usedAfterLatest = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                                .getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
                    }
                }, null, null);
            }
        }
    }

    private HeapAfterCollection() {
    }

    /**
     * Whether the pools held more than {@code held} of the most the heap may grow to after their own last collections,
     * or more than {@code inUse} of it was in use after the latest collection.
     */
    static boolean above(double held, double inUse) {
        long max = Runtime.getRuntime().maxMemory();
        return heldAfterOwnCollections() > held * max || usedAfterLatest > inUse * max;
    }

    private static long heldAfterOwnCollections() {
        long used = 0;
        for (MemoryPoolMXBean pool : HEAP_POOLS) {
            MemoryUsage afterCollection = pool.getCollectionUsage();
            used += afterCollection == null ? 0 : afterCollection.getUsed();
        }
        return used;
    }
}
