package io.dealstream.forecast.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/** The next offset the live consumer will read, per topic partition it has processed since it started. */
@ApplicationScoped
public class Offsets {

    private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();

    void processed(String topic, int partition, long offset) {
        next.merge(new TopicPartition(topic, partition), offset + 1, Math::max);
    }

    public Long next(TopicPartition partition) {
        return next.get(partition);
    }
}
