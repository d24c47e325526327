package io.dealstream.notification;

import com.mongodb.client.MongoClients;
import io.dealstream.notification.consumer.EventsConsumer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Isolates one test run on the shared servers: the consumer reads per-run topics ({@code deal-events-<run>} ...,
 * created here; the shared topics hold others' events and a large backlog), as a per-run group, into a per-run
 * database; the SMTP server's port is a free one, which the mail tests open and close. The run id lives in a system
 * property, so an application restarted under another test profile in the same JVM finds the same topics and
 * database. Topics and database are removed when the test JVM exits.
 */
public class TestEnvironment implements QuarkusTestResourceLifecycleManager {

    private static final String RUN = "notification-test.run";
    private static final String SMTP_PORT = "notification-test.smtp-port";
    private static final List<String> CHANNELS = List.of(EventsConsumer.DEAL_EVENTS, EventsConsumer.CUSTOMER_EVENTS,
            EventsConsumer.STAFF_EVENTS);

    /** The topic the service reads for a channel in this run. */
    public static String topic(String channel) {
        return channel + "-" + run();
    }

    public static String groupId() {
        return "notification-service-test-" + run();
    }

    /** Whether the service's consumer group has committed everything published to this run's topics so far. */
    public static boolean consumedAll() {
        try (Admin admin = admin()) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(groupId()).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new LinkedHashMap<>();
            for (String channel : CHANNELS) {
                for (int p = 0; p < 3; p++) {
                    latest.put(new org.apache.kafka.common.TopicPartition(topic(channel), p),
                            org.apache.kafka.clients.admin.OffsetSpec.latest());
                }
            }
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                    || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue().offset());
        } catch (Exception e) {
            return false;
        }
    }

    public static String database() {
        return "notification_test_" + run().replace("-", "");
    }

    public static int smtpPort() {
        return Integer.parseInt(System.getProperty(SMTP_PORT));
    }

    private static synchronized String run() {
        String run = System.getProperty(RUN);
        if (run == null) {
            run = UUID.randomUUID().toString().substring(0, 8);
            System.setProperty(RUN, run);
            System.setProperty(SMTP_PORT, Integer.toString(freePort()));
            createTopics();
            String database = "notification_test_" + run;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> cleanUp(database)));
        }
        return run;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>();
        for (String channel : CHANNELS) {
            String prefix = "mp.messaging.incoming." + channel + ".";
            config.put(prefix + "topic", topic(channel));
            config.put(prefix + "group.id", groupId());
            config.put(prefix + "dead-letter-queue.topic", topic(channel) + ".dlq.notification-service");
        }
        config.put("quarkus.mongodb.database", database());
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", Integer.toString(smtpPort()));
        return config;
    }

    @Override
    public void stop() {
        // Topics and database outlive an application restart; they go when the JVM exits.
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        return Admin.create(p);
    }

    private static void createTopics() {
        try (Admin admin = admin()) {
            admin.createTopics(CHANNELS.stream().map(c -> new NewTopic(c + "-" + System.getProperty(RUN), 3, (short) 1))
                    .toList()).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the test topics", e);
        }
    }

    private static void cleanUp(String database) {
        try (Admin admin = admin()) {
            List<String> topics = new java.util.ArrayList<>();
            for (String channel : CHANNELS) {
                topics.add(channel + "-" + System.getProperty(RUN));
                topics.add(channel + "-" + System.getProperty(RUN) + ".dlq.notification-service");
            }
            admin.deleteTopics(topics).all().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort: a DLQ topic that was never created is not an error worth failing for
        }
        try (var mongo = MongoClients.create("mongodb://127.0.0.1:27017")) {
            mongo.getDatabase(database).drop();
        } catch (RuntimeException e) {
            // best effort
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
