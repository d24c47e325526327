package io.dealstream.forecast.projection;

import io.dealstream.support.messaging.ReadPositions;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The live consumer's positions, kept with the active generation ({@link Generations#activePositions}); every channel
 * names this bean as its rebalance listener, so it resumes where the read models stand, from offset 0 when they keep
 * nothing.
 */
public class KeptPositions {

    /** The name the channels give as {@code consumer-rebalance-listener.name}. */
    public static final String NAME = "read-positions";

    @Produces
    @Singleton
    @Identifier(NAME)
    ReadPositions positions(Generations generations) {
        return new ReadPositions(generations.activePositions(), Duration.ofSeconds(1));
    }

    void close(@Disposes @Identifier(NAME) ReadPositions positions) {
        positions.close();
    }
}
