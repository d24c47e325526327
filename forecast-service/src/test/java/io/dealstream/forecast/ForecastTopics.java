package io.dealstream.forecast;

import io.dealstream.forecast.projection.LiveConsumer;
import io.dealstream.testing.IsolatedRun;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Points this test run's consumer at its own topics and its own database ({@link IsolatedRun}): the shared local
 * topics hold other modules' events and benchmark backlogs, and "rebuild from offset 0" or a company-wide figure must
 * see only this run's events. Runs after {@link io.dealstream.testing.LocalServers} has the servers up.
 */
public class ForecastTopics implements QuarkusTestResourceLifecycleManager {

    /** After {@link io.dealstream.testing.LocalServers} (order 0) has Kafka and MongoDB up: this creates topics. */
    @Override
    public int order() {
        return 100;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(IsolatedRun.channels("forecast-service", List.of(LiveConsumer.CHANNELS)));
        String database = IsolatedRun.name("forecast_test");
        config.put("quarkus.mongodb.database", database);
        IsolatedRun.atExit(() -> {
            try (var mongo = com.mongodb.client.MongoClients.create("mongodb://127.0.0.1:27017/?serverSelectionTimeoutMS=2000")) { // bounded: MongoDB may be stopped already
                mongo.getDatabase(database).drop();
            }
        });
        return config;
    }

    @Override
    public void stop() {
        // Topics and database go when the JVM exits (IsolatedRun).
    }
}
