package io.dealstream.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a dead-letter topic from its start, for tests asserting what was (or was not) dead-lettered. */
public final class DeadLetters implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<String> keys = new ArrayList<>();

    public DeadLetters(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, IsolatedRun.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls once; every key read so far. */
    public List<String> keys() {
        consumer.poll(Duration.ofMillis(300)).forEach(r -> keys.add(r.key()));
        return keys;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
