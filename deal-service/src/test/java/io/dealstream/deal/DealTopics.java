package io.dealstream.deal;

import io.dealstream.deal.directory.DirectoryConsumer;
import io.dealstream.testing.IsolatedRun;
import io.dealstream.testing.IsolatedTopics;
import java.util.List;
import java.util.Map;

/** This run's topics for deal-service's tests ({@link IsolatedTopics}). Tests name a topic with {@link #topic}. */
public class DealTopics extends IsolatedTopics {

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
        return IsolatedRun.deadLetters(SERVICE, channel);
    }

    public DealTopics() {
        super(SERVICE, OUTBOX, CHANNELS);
    }
}
