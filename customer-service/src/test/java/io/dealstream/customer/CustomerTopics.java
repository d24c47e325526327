package io.dealstream.customer;

import io.dealstream.customer.consumer.DealEventsConsumer;
import io.dealstream.testing.IsolatedRun;
import io.dealstream.testing.IsolatedTopics;
import java.util.List;
import java.util.Map;

/** This run's topics for customer-service's tests ({@link IsolatedTopics}). Tests name a topic with {@link #topic}. */
public class CustomerTopics extends IsolatedTopics {

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
        return IsolatedRun.deadLetters(SERVICE, channel);
    }

    public CustomerTopics() {
        super(SERVICE, OUTBOX, CHANNELS);
    }
}
