package io.dealstream.notification.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import io.dealstream.notification.Events;
import io.dealstream.notification.TestEnvironment;
import io.dealstream.notification.state.Collections;
import io.dealstream.support.messaging.ReadPositions;
import io.dealstream.testing.IsolatedRun;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/**
 * The read model's positions, against the real Kafka and MongoDB: the service keeps them in its own database, and a
 * consumer resumes where the database says, from offset 0 when it says nothing, whatever the group committed in Kafka
 * (the case of a database emptied or restored while the group's offsets stayed).
 */
@QuarkusTest
class ReadPositionsOnServersTest {

    @Inject
    MongoClient mongo;
    @Inject
    @Identifier(ReadPositions.LISTENER)
    ReadPositions positions;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void theServiceKeepsWhereEachPartitionStandsInItsDatabase() throws Exception {
        UUID customer = UUID.randomUUID();
        new Events().customer(customer, Instant.parse("2031-03-01T09:00:00Z"), UUID.randomUUID(), "ACTIVE");

        String topic = TestEnvironment.topic(EventsConsumer.CUSTOMER_EVENTS);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<TopicPartition, Long> ends = ends(topic);
            for (var end : ends.entrySet()) {
                Document kept = mongo.getDatabase(TestEnvironment.database()).getCollection(Collections.POSITIONS)
                        .find(new Document("_id", topic + "/" + end.getKey().partition())).first();
                if (end.getValue() == 0) {
                    continue; // nothing published there yet
                }
                assertThat(kept).as("position of %s", end.getKey()).isNotNull();
                assertThat(kept.getLong("next")).as("position of %s", end.getKey()).isEqualTo(end.getValue());
            }
        });
    }

    @Test
    void aConsumerResumesWhereTheDatabaseSaysFromTheStartWhenItSaysNothing() throws Exception {
        String topic = "read-positions-check-" + IsolatedRun.id() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String group = topic + "-group";
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            try (var producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap), new StringSerializer(),
                    new StringSerializer())) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>(topic, "k", "event " + i)).get();
                }
            }
            // The group has consumed everything, as far as Kafka knows.
            try (var consumer = consumer(group)) {
                consumer.assign(List.of(partition));
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(5)));
            }

            // The database keeps no position for the topic: from the beginning, not from the committed 5.
            List<ConsumerRecord<String, String>> first = readAsTheServiceDoes(group, topic);
            assertThat(first.get(0).offset()).isZero();

            // Offsets 0 and 1 applied, 2 not (still in flight when the consumer stopped): the database says 2.
            for (ConsumerRecord<String, String> r : first.subList(0, 3)) {
                Message<String> tracked = positions.track(Message.of(r.value(),
                        Metadata.of(new IncomingKafkaRecordMetadata<>(r, "check")),
                        () -> CompletableFuture.completedFuture(null)));
                if (r.offset() < 2) {
                    tracked.ack().toCompletableFuture().get();
                }
            }
            positions.flush();
            List<ConsumerRecord<String, String>> again = readAsTheServiceDoes(group, topic);
            assertThat(again.get(0).offset()).isEqualTo(2);
        } finally {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.deleteTopics(List.of(topic)).all().get();
            }
            mongo.getDatabase(TestEnvironment.database()).getCollection(Collections.POSITIONS)
                    .deleteOne(new Document("_id", topic + "/0"));
        }
    }

    /** Subscribes as the group with the service's rebalance listener and returns the first records polled. */
    private List<ConsumerRecord<String, String>> readAsTheServiceDoes(String group, String topic) {
        try (var consumer = consumer(group)) {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    positions.onPartitionsAssigned(consumer, partitions);
                }
            });
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
            return records;
        }
    }

    private KafkaConsumer<String, String> consumer(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    private Map<TopicPartition, Long> ends(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            for (int p = 0; p < IsolatedRun.PARTITIONS; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new java.util.HashMap<>();
            admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        }
    }
}
