package io.dealstream.notification.consumer;

import com.mongodb.client.MongoClient;
import io.dealstream.notification.state.Collections;
import io.dealstream.support.messaging.MongoReadPositions;
import io.dealstream.support.messaging.ReadPositions;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The positions of the three channels, kept in the state's own database ({@link Collections#POSITIONS}); every
 * channel names this bean as its rebalance listener, so an emptied database is fed again from the beginning.
 */
public class KeptPositions {

    @Produces
    @Singleton
    @Identifier(ReadPositions.LISTENER)
    ReadPositions positions(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        return new ReadPositions(new MongoReadPositions(
                () -> mongo.getDatabase(database).getCollection(Collections.POSITIONS)), Duration.ofSeconds(1));
    }

    void close(@Disposes @Identifier(ReadPositions.LISTENER) ReadPositions positions) {
        positions.close();
    }
}
