package io.dealstream.support.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Where a read model's consumers stand, kept with the read model itself, so that the read model and its position
 * cannot part. Kafka's committed offsets alone say how far the consumer group got, not what the database holds: a
 * database emptied, replaced or restored from a backup while the group's offsets stayed would silently miss every
 * event before them (seen on a development platform: 42,170 deals that one read model never received). So:
 *
 * <ul>
 * <li>each message is {@linkplain #track tracked} from its arrival until it is settled (applied and acked, or
 * dead-lettered); per partition, the position is the first offset still in flight, else the one after the last settled
 * (a message that is never settled, as at shutdown, holds the position back: it comes again);</li>
 * <li>every second the positions that moved are raised in the {@link Store} (never lowered: a redelivery or a rebuild
 * that read further must not be undone);</li>
 * <li>as the channel's rebalance listener ({@code consumer-rebalance-listener.name}), it seeks each assigned partition
 * to the stored position, and a partition with none to its beginning: an empty read model is fed from offset 0,
 * whatever the group committed. Events applied again are harmless, every read model being idempotent by stream
 * version.</li>
 * </ul>
 * Kafka's offsets are still committed (the throttled strategy), for monitoring and the tools that read them.
 */
public class ReadPositions implements KafkaConsumerRebalanceListener {

    /** The name a channel gives as {@code consumer-rebalance-listener.name}, and the bean's {@code @Identifier}. */
    public static final String LISTENER = "read-positions";

    private static final Logger LOG = Logger.getLogger(ReadPositions.class);
    private static final Duration LOAD_PATIENCE = Duration.ofMinutes(2);

    /** Keeps the next offset to read per partition. */
    public interface Store {

        /** The stored positions of these partitions (absent: none stored). */
        Map<TopicPartition, Long> load(Collection<TopicPartition> partitions);

        /** Raises the stored positions to these where they are lower (or absent); never lowers one. */
        void raise(Map<TopicPartition, Long> next);
    }

    private final Store store;
    private final Map<TopicPartition, Tracked> tracked = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> saved = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    /** @param every how often moved positions are stored (null: only on {@link #flush}, for tests) */
    public ReadPositions(Store store, Duration every) {
        this.store = store;
        if (every == null) {
            flusher = null;
        } else {
            flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "read-positions");
                t.setDaemon(true);
                return t;
            });
            flusher.scheduleWithFixedDelay(this::flushQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Tracks a Kafka message from now until it is acked or nacked (a message from elsewhere passes unchanged). Call it
     * as the message arrives, in the order the channel delivers them, and hand on the message it returns.
     */
    public <T> Message<T> track(Message<T> message) {
        var kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
        if (kafka.isEmpty()) {
            return message;
        }
        TopicPartition partition = new TopicPartition(kafka.get().getTopic(), kafka.get().getPartition());
        long offset = kafka.get().getOffset();
        Tracked t = tracked.computeIfAbsent(partition, p -> new Tracked());
        t.received(offset);
        return message
                .withAckWithMetadata(metadata -> message.ack(metadata).thenRun(() -> t.settled(offset)))
                .withNackWithMetadata((reason, metadata) -> message.nack(reason, metadata).thenRun(() -> t.settled(offset)));
    }

    /** The next offset to read in a partition, as far as this instance has seen (null: nothing seen yet). */
    public Long next(TopicPartition partition) {
        Tracked t = tracked.get(partition);
        return t == null ? null : t.next();
    }

    /** Stores the positions that moved since the last time. */
    public synchronized void flush() {
        Map<TopicPartition, Long> moved = new HashMap<>();
        tracked.forEach((partition, t) -> {
            Long next = t.next();
            if (next != null && !next.equals(saved.get(partition))) {
                moved.put(partition, next);
            }
        });
        if (!moved.isEmpty()) {
            store.raise(moved);
            saved.putAll(moved);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf("cannot store the read positions (%s); trying again in a moment", e.toString());
        }
    }

    /** Stores what moved and stops storing (at shutdown). */
    public void close() {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        flushQuietly();
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> stored = load(partitions);
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            tracked.put(partition, new Tracked()); // messages of an earlier assignment settle into the old one
            saved.remove(partition);
            Long next = stored.get(partition);
            if (next == null) {
                fromStart.add(partition);
            } else {
                consumer.seek(partition, next);
            }
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
            LOG.infof("the read model keeps no position for %s: reading from the beginning", fromStart);
        }
        LOG.debugf("resuming at the positions kept with the read model: %s", stored);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        flushQuietly();
    }

    /** The stored positions; at startup the database may still be coming up, so it is given a while. */
    private Map<TopicPartition, Long> load(Collection<TopicPartition> partitions) {
        long deadline = System.nanoTime() + LOAD_PATIENCE.toNanos();
        long backoff = 100;
        while (true) {
            try {
                return store.load(partitions);
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warnf("cannot read the read positions (%s); trying again in %d ms", e.toString(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    /** One partition's messages in flight (received, not settled) and the highest settled offset. */
    private static final class Tracked {

        private final TreeSet<Long> inFlight = new TreeSet<>();
        private long settled = -1;

        synchronized void received(long offset) {
            inFlight.add(offset);
        }

        synchronized void settled(long offset) {
            if (inFlight.remove(offset)) {
                settled = Math.max(settled, offset);
            }
        }

        synchronized Long next() {
            if (!inFlight.isEmpty()) {
                return inFlight.first();
            }
            return settled < 0 ? null : settled + 1;
        }
    }
}
