package io.dealstream.eventstore.relay;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** Outbox relay settings ({@code dealstream.outbox.*}). */
@ConfigMapping(prefix = "dealstream.outbox")
public interface OutboxConfig {

    /** Whether this instance relays at all (one relay per database is elected with an advisory lock anyway). */
    @WithDefault("true")
    boolean enabled();

    /** CloudEvents {@code source} of every published event, e.g. {@code /deal-service}. */
    String source();

    /** Kafka topic per stream type, e.g. {@code deal=deal-events}. */
    Map<String, String> topics();

    /** How often the relay looks for unpublished events when nothing woke it. */
    @WithDefault("250ms")
    Duration pollInterval();

    /** Events published per round trip. */
    @WithDefault("200")
    int batchSize();

    /** How long one batch may wait for Kafka's acknowledgements before the round is abandoned and retried. */
    @WithDefault("30s")
    Duration ackTimeout();
}
