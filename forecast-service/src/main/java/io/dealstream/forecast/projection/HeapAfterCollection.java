package io.dealstream.forecast.projection;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Whether the heap is filling, judged after garbage collections, for a rebuild to write out the documents it holds
 * before it runs out of memory: the same defaults then work with 256 MB and with gigabytes, whatever a document weighs
 * (a deal's timeline can hold thousands of changes), with G1 or the parallel collector. Two readings, because neither
 * does alone:
 * <ul>
 *   <li>what each heap pool held after its own last collection: for the old generation, what survived the last
 *       collection that reclaimed it, i.e. what the service really holds; but it is only as recent as that
 *       collection, and a 256 MB rebuild ran out of memory while it still said 40 %;</li>
 *   <li>the heap in use after the latest collection of any kind: always recent, but after a young collection it
 *       counts the old generation's garbage too (a previous rebuild's documents), so it is given a higher share (with
 *       it alone at one half, a 1 GB rebuild wrote out 93 times for nothing).</li>
 * </ul>
 * Both are about the past: after the rebuild has written its documents out and let them go, they still count them
 * until a collection says otherwise. So a judgment takes a {@link Mark} (the moment of that write-out) and reads only
 * what collections after it reported: a pool's reading once a collector of that pool has run since, the latest
 * collection's once there has been one. Without that, the parallel collector, which reports its old generation only
 * after a full collection, had a 256 MB rebuild write out at nearly every step (137-184 times for a million events).
 */
final class HeapAfterCollection {

    /** The heap pools whose usage after collection is known, each with the collectors that collect it. */
    private record Pool(MemoryPoolMXBean bean, List<GarbageCollectorMXBean> collectors) {

        long collections() {
            long n = 0;
            for (GarbageCollectorMXBean collector : collectors) {
                n += Math.max(0, collector.getCollectionCount());
            }
            return n;
        }
    }

    private static final List<Pool> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported())
            .map(pool -> new Pool(pool, ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .filter(c -> Arrays.asList(c.getMemoryPoolNames()).contains(pool.getName())).toList()))
            .toList();

    private static volatile long usedAfterLatest;
    /** Collections reported so far (counted once {@link #usedAfterLatest} holds what the latest one left). */
    private static final AtomicLong REPORTED = new AtomicLong();

    static {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        usedAfterLatest = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                                .getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
                        REPORTED.incrementAndGet();
                    }
                }, null, null);
            }
        }
    }

    /** A moment: the collections counted so far, in all and per pool. */
    record Mark(long reported, long[] poolCollections) {
    }

    private HeapAfterCollection() {
    }

    /** Now, to judge later by what collections report from here on. */
    static Mark mark() {
        long[] pools = new long[HEAP_POOLS.size()];
        for (int i = 0; i < pools.length; i++) {
            pools[i] = HEAP_POOLS.get(i).collections();
        }
        return new Mark(REPORTED.get(), pools);
    }

    /**
     * Whether, by what collections since {@code since} reported, the pools held more than {@code held} of the most the
     * heap may grow to after their own last collections, or more than {@code inUse} of it was in use after the latest
     * collection.
     */
    static boolean above(double held, double inUse, Mark since) {
        long max = Runtime.getRuntime().maxMemory();
        boolean collectedSince = REPORTED.get() > since.reported();
        return heldAfterOwnCollections(since) > held * max || (collectedSince && usedAfterLatest > inUse * max);
    }

    /** What the pools collected since {@code since} held after their last collections. */
    private static long heldAfterOwnCollections(Mark since) {
        long used = 0;
        for (int i = 0; i < HEAP_POOLS.size(); i++) {
            Pool pool = HEAP_POOLS.get(i);
            if (pool.collections() <= since.poolCollections()[i]) {
                continue; // not collected since: its reading is older than the moment judged from
            }
            MemoryUsage afterCollection = pool.bean().getCollectionUsage();
            used += afterCollection == null ? 0 : afterCollection.getUsed();
        }
        return used;
    }
}
