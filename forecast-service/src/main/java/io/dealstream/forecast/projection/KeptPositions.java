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

    @Produces
    @Singleton
    @Identifier(ReadPositions.LISTENER)
    ReadPositions positions(Generations generations) {
        return new ReadPositions(generations.activePositions(), Duration.ofSeconds(1));
    }

    void close(@Disposes @Identifier(ReadPositions.LISTENER) ReadPositions positions) {
        positions.close();
    }
}
