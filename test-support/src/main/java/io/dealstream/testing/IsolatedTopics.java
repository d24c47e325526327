package io.dealstream.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A producing service's test resource that points its Kafka traffic at this run's topics ({@link IsolatedRun}): its
 * outbox relay publishes to {@code <topic>-<run>} and its incoming channels read {@code <topic>-<run>} as a per-run
 * group, so a platform running beside the tests ({@code ./dealstream up}) never reads test data and the tests never
 * read its traffic. A subclass names the service, what it publishes and what it reads.
 */
public abstract class IsolatedTopics implements QuarkusTestResourceLifecycleManager {

    private final String service;
    private final Map<String, String> outbox;
    private final List<String> channels;

    /**
     * @param outbox   stream type → published topic, as {@code dealstream.outbox.topics.*} in application.properties
     * @param channels the incoming channels (named as their topics)
     */
    protected IsolatedTopics(String service, Map<String, String> outbox, List<String> channels) {
        this.service = service;
        this.outbox = outbox;
        this.channels = channels;
    }

    /** After {@link LocalServers} (order 0) has Kafka up: this creates topics. */
    @Override
    public int order() {
        return 100;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>(IsolatedRun.outbox(outbox));
        config.putAll(IsolatedRun.channels(service, channels));
        return config;
    }

    @Override
    public void stop() {
        // Topics outlive an application restart; they go when the JVM exits (IsolatedRun).
    }
}
