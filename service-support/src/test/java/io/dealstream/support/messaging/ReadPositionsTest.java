package io.dealstream.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/**
 * The position kept per partition is the first offset still in flight, else the one after the last settled: it never
 * passes a message that was not applied, whatever order messages settle in. (The store and the seeking against real
 * Kafka and MongoDB: notification-service's ReadPositionsOnServersTest.)
 */
class ReadPositionsTest {

    private static final TopicPartition P0 = new TopicPartition("deal-events", 0);
    private static final TopicPartition P1 = new TopicPartition("deal-events", 1);

    /** The positions as a store would hold them (raised, never lowered). */
    private final Map<TopicPartition, Long> stored = new HashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private final ReadPositions positions = new ReadPositions(new ReadPositions.Store() {
        @Override
        public Map<TopicPartition, Long> load(Collection<TopicPartition> partitions) {
            return Map.of();
        }

        @Override
        public void raise(Map<TopicPartition, Long> next) {
            writes.incrementAndGet();
            next.forEach((p, n) -> stored.merge(p, n, Math::max));
        }
    }, null);

    @Test
    void thePositionWaitsForTheFirstMessageInFlight() {
        Message<String> m0 = positions.track(message(P0, 0));
        Message<String> m1 = positions.track(message(P0, 1));
        Message<String> m2 = positions.track(message(P0, 2));
        assertThat(positions.next(P0)).isZero();

        m2.ack();
        m1.ack();
        positions.flush();
        assertThat(stored).containsEntry(P0, 0L); // offset 0 is not applied yet: it must come again

        m0.ack();
        positions.flush();
        assertThat(stored).containsEntry(P0, 3L);
    }

    @Test
    void aDeadLetteredMessageCountsAsSettledAndOneNeverSettledHoldsThePosition() {
        positions.track(message(P0, 5)).nack(new IllegalStateException("poison")); // in the dead-letter topic now
        positions.track(message(P1, 7)); // e.g. shutting down: neither acked nor nacked
        positions.track(message(P1, 8)).ack();
        positions.flush();

        assertThat(stored).containsEntry(P0, 6L).containsEntry(P1, 7L);
    }

    @Test
    void onlyPositionsThatMovedAreWrittenAgain() {
        positions.track(message(P0, 0)).ack();
        positions.flush();
        positions.flush();
        assertThat(writes).hasValue(1);

        positions.track(message(P0, 1)).ack();
        positions.flush();
        assertThat(writes).hasValue(2);
        assertThat(stored).containsEntry(P0, 2L);
    }

    @Test
    void aMessageFromElsewherePassesUntracked() {
        Message<String> plain = Message.of("x");
        assertThat(positions.track(plain)).isSameAs(plain);
        positions.flush();
        assertThat(writes).hasValue(0);
    }

    /** A message as the Kafka connector delivers it: its record's metadata, an ack and a nack that complete. */
    private static Message<String> message(TopicPartition partition, long offset) {
        var record = new ConsumerRecord<String, String>(partition.topic(), partition.partition(), offset, null, "{}");
        return Message.of("{}", Metadata.of(new IncomingKafkaRecordMetadata<>(record, "deal-events")),
                () -> CompletableFuture.completedFuture(null), reason -> CompletableFuture.completedFuture(null));
    }
}
