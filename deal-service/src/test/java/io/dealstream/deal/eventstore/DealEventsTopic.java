package io.dealstream.deal.eventstore;

import io.dealstream.deal.DealTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A plain Kafka consumer on one of this run's topics ({@link DealTopics}; deal-events unless told), reading from a
 * minute before it was created (the run's earlier tests have filled the topic with events no test needs to scan).
 */
public final class DealEventsTopic implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<TopicPartition> partitions;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    DealEventsTopic() {
        this(DealTopics.topic(DealTopics.DEAL_EVENTS));
    }

    public DealEventsTopic(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("kafka.bootstrap.servers", "127.0.0.1:9092"));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        partitions = consumer.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        long since = System.currentTimeMillis() - 60_000;
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(tp -> times.put(tp, since));
        consumer.offsetsForTimes(times).forEach((tp, offset) -> {
            if (offset == null) {
                consumer.seekToEnd(List.of(tp));
                consumer.position(tp); // resolve now: later records must not be skipped
            } else {
                consumer.seek(tp, offset.offset());
            }
        });
    }

    /** How many partitions the topic has. */
    public int partitions() {
        return partitions.size();
    }

    /** Polls once and returns every record seen so far with this key, in the order read. */
    public List<ConsumerRecord<String, String>> recordsFor(String key) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen.stream().filter(r -> key.equals(r.key())).toList();
    }

    public static Map<String, String> headers(ConsumerRecord<String, String> r) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
