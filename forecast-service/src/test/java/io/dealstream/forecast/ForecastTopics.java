package io.dealstream.forecast;

import io.dealstream.forecast.projection.LiveConsumer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Points this test run's consumer at its own topics ({@code deal-events-<run>}, ...; 3 partitions each) and its own
 * database ({@code forecast_test_<run>}): the shared local topics hold other engineers' events and benchmark
 * backlogs, and "rebuild from offset 0" or a company-wide figure must see only this run's events. Runs after
 * {@link io.dealstream.testing.LocalServers} has the servers up.
 */
public class ForecastTopics implements QuarkusTestResourceLifecycleManager {

    public static final int PARTITIONS = 3;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        try (Admin admin = Admin.create(p)) {
            List<NewTopic> topics = new java.util.ArrayList<>();
            for (String channel : LiveConsumer.CHANNELS) {
                String topic = channel + "-" + run;
                topics.add(new NewTopic(topic, PARTITIONS, (short) 1));
                config.put("mp.messaging.incoming." + channel + ".topic", topic);
            }
            admin.createTopics(topics).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create this run's topics", e);
        }
        config.put("quarkus.mongodb.database", "forecast_test_" + run);
        return config;
    }

    @Override
    public void stop() {
        try (var mongo = com.mongodb.client.MongoClients.create("mongodb://127.0.0.1:27017")) {
            mongo.getDatabase("forecast_test_" + run).drop();
        } catch (RuntimeException e) {
            // best effort: a leftover test database harms nothing
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        try (Admin admin = Admin.create(p)) {
            List<String> topics = new java.util.ArrayList<>();
            for (String channel : LiveConsumer.CHANNELS) {
                topics.add(channel + "-" + run);
                topics.add(channel + "-" + run + ".dlq.forecast-service");
            }
            admin.deleteTopics(topics);
        } catch (RuntimeException e) {
            // best effort
        }
    }
}
