package io.dealstream.eventstore;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Event store settings ({@code dealstream.event-store.*}). */
@ConfigMapping(prefix = "dealstream.event-store")
public interface EventStoreConfig {

    /** How often a command that lost a race on its stream is retried on fresh state (when no If-Match was sent). */
    @WithDefault("10")
    int maxRetries();
}
