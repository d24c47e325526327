package io.dealstream.deal;

import io.dealstream.deal.directory.DirectoryConsumer;
import io.dealstream.testing.IsolatedRun;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points this test run's Kafka traffic at its own topics ({@link IsolatedRun}): the outbox relay publishes to
 * {@code deal-events-<run>} and {@code process-events-<run>}, and the directory reads {@code customer-events-<run>}
 * and {@code staff-events-<run>} as a per-run group, so a platform running beside the tests ({@code ./dealstream up})
 * never reads test data and the tests never read its traffic. Tests name a topic with {@link #topic}.
 */
public class DealTopics implements QuarkusTestResourceLifecycleManager {

    private static final String SERVICE = "deal-service";
    public static final String DEAL_EVENTS = "deal-events";
    public static final String PROCESS_EVENTS = "process-events";
    /** As {@code dealstream.outbox.topics.*} in application.properties. */
    public static final Map<String, String> OUTBOX = Map.of("deal", DEAL_EVENTS, "process", PROCESS_EVENTS);
    private static final List<String> CHANNELS = List.of(DirectoryConsumer.CUSTOMER_EVENTS, DirectoryConsumer.STAFF_EVENTS);

    /** This run's topic for a published topic or a channel, e.g. {@code deal-events} → {@code deal-events-1a2b3c4d}. */
    public static String topic(String name) {
        return IsolatedRun.topic(name);
    }

    /** This run's dead-letter topic of an incoming channel ({@code <topic>.dlq.deal-service}). */
    public static String deadLetters(String channel) {
        return topic(channel) + ".dlq." + SERVICE;
    }

    /** After {@link io.dealstream.testing.LocalServers} (order 0) has Kafka up: this creates topics. */
    @Override
    public int order() {
        return 100;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>(IsolatedRun.outbox(OUTBOX));
        config.putAll(IsolatedRun.channels(SERVICE, CHANNELS));
        return config;
    }

    @Override
    public void stop() {
        // Topics outlive an application restart; they go when the JVM exits (IsolatedRun).
    }
}
