package io.dealstream.forecast.projection;

import io.dealstream.support.messaging.ReadPositions;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far behind the topics the read models are: per topic partition, the end offset, the live consumer's position
 * (the next offset it will process: what it processed since start, else its group's committed offset) and the lag.
 */
@ApplicationScoped
public class ProjectionStatus {

    /** Lag of one partition. */
    public record PartitionLag(String topic, int partition, long endOffset, Long position, Long lag) {
    }

    /** The status endpoint's answer. */
    public record Status(String state, int activeGeneration, long totalLag, List<PartitionLag> live,
                         Rebuilder.Progress rebuild) {
    }

    private final Topics topics;
    private final ReadPositions positions;
    private final Generations generations;
    private final Rebuilder rebuilder;
    private Admin admin;

    public ProjectionStatus(Topics topics, @Identifier(ReadPositions.LISTENER) ReadPositions positions,
                            Generations generations, Rebuilder rebuilder) {
        this.topics = topics;
        this.positions = positions;
        this.generations = generations;
        this.rebuilder = rebuilder;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(topics.client());
        }
        return admin;
    }

    public Status status() {
        Rebuilder.Progress rebuild = rebuilder.progress();
        List<PartitionLag> live = new ArrayList<>();
        long total = 0;
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (var description : admin().describeTopics(topics.names()).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
                description.partitions().forEach(p -> request.put(new TopicPartition(description.name(), p.partition()),
                        OffsetSpec.latest()));
            }
            var ends = admin().listOffsets(request).all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(topics.group())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            List<TopicPartition> sorted = new ArrayList<>(request.keySet());
            sorted.sort(java.util.Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition));
            for (TopicPartition tp : sorted) {
                long end = ends.get(tp).offset();
                Long position = positions.next(tp);
                if (position == null && committed.get(tp) != null) {
                    position = committed.get(tp).offset();
                }
                Long lag = position == null ? (Long) end : (Long) Math.max(0, end - position);
                total += lag;
                live.add(new PartitionLag(tp.topic(), tp.partition(), end, position, lag));
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer the offsets request", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String state = rebuild.state() == Rebuilder.State.REBUILDING || rebuild.state() == Rebuilder.State.SWITCHING
                ? rebuild.state().name() : total == 0 ? "UP_TO_DATE" : "CATCHING_UP";
        return new Status(state, generations.active(), total, live, rebuild);
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
