package io.dealstream.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Isolates one test JVM's consumers and producers on the shared local servers: a service's incoming channels read
 * per-run topics ({@code deal-events-<run>}, ...) as a per-run consumer group, so a test sees only the events it
 * publishes itself, not other modules' traffic or a benchmark's backlog, and "from offset 0" means this run's events;
 * its outbox relay publishes to per-run topics ({@link #outbox}), so nothing a test stores reaches the shared topics
 * that a platform running beside the tests ({@code ./dealstream up}) reads. The run id is kept in a system property,
 * so an application restarted in the same JVM (another test profile) finds the same topics. Topics, and whatever else
 * a caller registers with {@link #atExit}, are removed when the JVM exits.
 */
public final class IsolatedRun {

    public static final int PARTITIONS = 3;
    private static final String RUN = "dealstream.test.run";
    /** This run's topics, deleted at exit. */
    private static final Set<String> created = new LinkedHashSet<>();
    private static final List<Runnable> cleanUps = new ArrayList<>();
    /** Run at exit after the clean-ups (stopping the servers they need). */
    private static final List<Runnable> lasts = new ArrayList<>();
    private static boolean hooked;

    private IsolatedRun() {
    }

    /** This JVM's run id (8 hex digits). */
    public static synchronized String id() {
        String run = System.getProperty(RUN);
        if (run == null) {
            run = UUID.randomUUID().toString().substring(0, 8);
            System.setProperty(RUN, run);
        }
        return run;
    }

    /**
     * Registers this class's clean-up at exit, once. Once per class loader, not per JVM: an application restarted
     * under another test profile, or a test that asks for a topic's name first, has a copy of this class of its own,
     * and each copy deletes what it was given.
     */
    private static void cleanUpAtExit() {
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(IsolatedRun::cleanUp, "isolated-run-cleanup"));
        }
    }

    /** This run's topic for a channel or a published topic, e.g. {@code deal-events} → {@code deal-events-1a2b3c4d}. */
    public static String topic(String channel) {
        return channel + "-" + id();
    }

    /** This run's dead-letter topic of a service's incoming channel: {@code <topic>-<run>.dlq.<service>}. */
    public static String deadLetters(String service, String channel) {
        return topic(channel) + ".dlq." + service;
    }

    /** A per-run name, e.g. a database: {@code forecast_test} → {@code forecast_test_1a2b3c4d}. */
    public static String name(String prefix) {
        return prefix + "_" + id();
    }

    public static String groupId(String service) {
        return service + "-test-" + id();
    }

    /**
     * Creates this run's topics for the channels (once per JVM) and returns the configuration that points the
     * service's incoming channels at them: topic, consumer group and dead-letter topic ({@code <topic>.dlq.<service>}).
     */
    public static synchronized Map<String, String> channels(String service, List<String> channels) {
        Map<String, String> config = new LinkedHashMap<>();
        for (String channel : channels) {
            String topic = topic(channel);
            String prefix = "mp.messaging.incoming." + channel + ".";
            config.put(prefix + "topic", topic);
            config.put(prefix + "group.id", groupId(service));
            config.put(prefix + "dead-letter-queue.topic", deadLetters(service, channel));
        }
        create(channels);
        // the dead-letter topics are created by their producers, if ever; deleted at exit all the same
        channels.forEach(channel -> created.add(deadLetters(service, channel)));
        return config;
    }

    /**
     * Creates this run's topics that the service only publishes to (once per JVM) and returns the configuration that
     * points its outbox relay at them: {@code dealstream.outbox.topics.<streamType>} → {@code <topic>-<run>}, e.g.
     * {@code deal=deal-events} → {@code deal-events-1a2b3c4d}. Created beforehand with {@link #PARTITIONS}
     * partitions (the broker would auto-create them with one) and deleted when the JVM exits.
     *
     * @param topicsByStreamType the service's published topic per stream type, as in its application.properties
     */
    public static synchronized Map<String, String> outbox(Map<String, String> topicsByStreamType) {
        Map<String, String> config = new LinkedHashMap<>();
        topicsByStreamType.forEach((streamType, topic) -> config.put("dealstream.outbox.topics." + streamType, topic(topic)));
        create(topicsByStreamType.values().stream().distinct().toList());
        return config;
    }

    /** Creates this run's topics for the names not created yet in this JVM; all are deleted at exit. */
    private static void create(List<String> names) {
        cleanUpAtExit();
        List<NewTopic> missing = new ArrayList<>();
        for (String name : names) {
            String topic = topic(name);
            if (created.add(topic)) {
                missing.add(new NewTopic(topic, PARTITIONS, (short) 1));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try (Admin admin = admin()) {
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // An application restarted under another test profile runs in a new class loader and asks
                    // again for the topics of this JVM's run: they exist, which is what it needs.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create this run's topic " + result.getKey(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create this run's topics " + missing, e);
        }
    }

    /** Whether the service's group has committed everything published to this run's topics of the channels so far. */
    public static boolean consumedAll(String service, List<String> channels) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId(service))
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            for (String channel : channels) {
                for (int p = 0; p < PARTITIONS; p++) {
                    latest.put(new TopicPartition(topic(channel), p), OffsetSpec.latest());
                }
            }
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .allMatch(e -> e.getValue().offset() == 0 || committed.get(e.getKey()) != null
                            && committed.get(e.getKey()).offset() >= e.getValue().offset());
        } catch (Exception e) {
            return false;
        }
    }

    /** Runs at JVM exit, after this run's topics are deleted (e.g. dropping the run's database). */
    public static synchronized void atExit(Runnable cleanUp) {
        cleanUpAtExit();
        cleanUps.add(cleanUp);
    }

    /**
     * Runs at JVM exit after this run's topics are deleted and the {@link #atExit} clean-ups ran: stopping the servers
     * those need ({@link LocalServers}). Stopped first, the servers kept the run's topics and databases in their data.
     */
    public static synchronized void atExitLast(Runnable last) {
        cleanUpAtExit();
        lasts.add(last);
    }

    private static synchronized void cleanUp() {
        try {
            if (kafkaStopped()) {
                runCleanUps(); // Kafka is gone already (stopped by hand): its topics stay with its data
                return;
            }
            Admin admin = admin();
            try {
                admin.deleteTopics(created).all().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // best effort: a dead-letter topic that was never created is no reason to fail
            } finally {
                // bounded: when Kafka has stopped already, an unbounded close waited for the broker until Surefire
                // killed the JVM (30 s per module)
                admin.close(java.time.Duration.ofSeconds(2));
            }
            runCleanUps();
        } finally {
            run(lasts);
        }
    }

    private static boolean kafkaStopped() {
        String[] hostPort = bootstrapServers().split(",")[0].split(":");
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 500);
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private static void runCleanUps() {
        run(cleanUps);
    }

    private static void run(List<Runnable> actions) {
        for (Runnable r : actions) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // best effort: a leftover test database harms nothing
            }
        }
    }

    /** The Kafka the tests use: {@code kafka.bootstrap.servers}, else the local one servers.sh starts. */
    public static String bootstrapServers() {
        return System.getProperty("kafka.bootstrap.servers", "127.0.0.1:9092");
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(p);
    }
}
