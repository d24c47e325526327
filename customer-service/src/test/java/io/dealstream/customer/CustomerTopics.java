package io.dealstream.customer;

import io.dealstream.customer.consumer.DealEventsConsumer;
import io.dealstream.testing.IsolatedRun;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points this test run's Kafka traffic at its own topics ({@link IsolatedRun}): the outbox relay publishes to
 * {@code customer-events-<run>} and {@code staff-events-<run>}, and the deal-events consumer reads
 * {@code deal-events-<run>} as a per-run group, so a platform running beside the tests ({@code ./dealstream up}) never
 * reads test data and the tests never read its traffic. Tests name a topic with {@link #topic}.
 */
public class CustomerTopics implements QuarkusTestResourceLifecycleManager {

    private static final String SERVICE = "customer-service";
    public static final String CUSTOMER_EVENTS = "customer-events";
    public static final String STAFF_EVENTS = "staff-events";
    /** As {@code dealstream.outbox.topics.*} in application.properties. */
    public static final Map<String, String> OUTBOX = Map.of("customer", CUSTOMER_EVENTS, "staff", STAFF_EVENTS,
            "team", STAFF_EVENTS, "handover", STAFF_EVENTS);
    private static final List<String> CHANNELS = List.of(DealEventsConsumer.DEAL_EVENTS);

    /** This run's topic for a published topic or a channel, e.g. {@code deal-events} → {@code deal-events-1a2b3c4d}. */
    public static String topic(String name) {
        return IsolatedRun.topic(name);
    }

    /** This run's dead-letter topic of an incoming channel ({@code <topic>.dlq.customer-service}). */
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
