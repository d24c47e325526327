package io.dealstream.notification;

import com.mongodb.client.MongoClients;
import io.dealstream.notification.consumer.EventsConsumer;
import io.dealstream.testing.IsolatedRun;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Isolates one test run on the shared servers ({@link IsolatedRun}): the consumer reads per-run topics as a per-run
 * group into a per-run database; the SMTP server's port is a free one, which the mail tests open and close. All of it
 * is kept per JVM, so an application restarted under another test profile finds the same topics, database and port;
 * topics and database are removed when the test JVM exits.
 */
public class TestEnvironment implements QuarkusTestResourceLifecycleManager {

    private static final String SERVICE = "notification-service";
    private static final String SMTP_PORT = "notification-test.smtp-port";
    private static final List<String> CHANNELS = List.of(EventsConsumer.DEAL_EVENTS, EventsConsumer.CUSTOMER_EVENTS,
            EventsConsumer.STAFF_EVENTS);

    /** The topic the service reads for a channel in this run. */
    public static String topic(String channel) {
        return IsolatedRun.topic(channel);
    }

    /** Whether the service's consumer group has committed everything published to this run's topics so far. */
    public static boolean consumedAll() {
        return IsolatedRun.consumedAll(SERVICE, CHANNELS);
    }

    public static String database() {
        return IsolatedRun.name("notification_test");
    }

    public static synchronized int smtpPort() {
        String port = System.getProperty(SMTP_PORT);
        if (port == null) {
            port = Integer.toString(freePort());
            System.setProperty(SMTP_PORT, port);
        }
        return Integer.parseInt(port);
    }

    /** After {@link io.dealstream.testing.LocalServers} (order 0) has Kafka and MongoDB up: this creates topics. */
    @Override
    public int order() {
        return 100;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>(IsolatedRun.channels(SERVICE, CHANNELS));
        String database = database();
        config.put("quarkus.mongodb.database", database);
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", Integer.toString(smtpPort()));
        IsolatedRun.atExit(() -> {
            try (var mongo = MongoClients.create("mongodb://127.0.0.1:27017/?serverSelectionTimeoutMS=2000")) { // bounded: MongoDB may be stopped already
                mongo.getDatabase(database).drop();
            }
        });
        return config;
    }

    @Override
    public void stop() {
        // Topics and database outlive an application restart; they go when the JVM exits.
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
