package io.dealstream.eventstore;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Creates the event store and the service's own query tables at start-up, before anything else touches the
 * database. Scripts are idempotent ({@code IF NOT EXISTS}); an advisory lock keeps two instances from racing.
 * Runs {@code db/event-store.sql} from this library, then {@code db/schema.sql} of the service, if present.
 */
@ApplicationScoped
public class SchemaInitializer {

    /** After the platform (messaging wiring runs at LIBRARY_BEFORE), before the relay and the application. */
    public static final int PRIORITY = jakarta.interceptor.Interceptor.Priority.APPLICATION;
    private static final Logger LOG = Logger.getLogger(SchemaInitializer.class);
    private static final String LOCK_KEY = "1685283699, 2"; // two-int key space, see OutboxRelay
    private static final List<String> SCRIPTS = List.of("db/event-store.sql", "db/schema.sql");

    private final Pool pool;

    public SchemaInitializer(Pool pool) {
        this.pool = pool;
    }

    void onStart(@Observes @Priority(PRIORITY) StartupEvent event) {
        List<String> statements = new ArrayList<>();
        for (String script : SCRIPTS) {
            statements.addAll(read(script));
        }
        pool.withConnection(conn -> conn.query("SET client_min_messages = warning").execute() // no "already exists" notices
                        .chain(() -> conn.query("SELECT pg_advisory_lock(" + LOCK_KEY + ")").execute())
                        .chain(() -> runAll(conn, statements, 0))
                        .eventually(() -> conn.query("SELECT pg_advisory_unlock(" + LOCK_KEY + ")").execute()))
                .await().atMost(Duration.ofSeconds(60));
        LOG.infof("database schema ready (%d statements)", statements.size());
    }

    private static io.smallrye.mutiny.Uni<Void> runAll(io.vertx.mutiny.sqlclient.SqlConnection conn,
                                                      List<String> statements, int index) {
        if (index == statements.size()) {
            return io.smallrye.mutiny.Uni.createFrom().voidItem();
        }
        return conn.query(statements.get(index)).execute().chain(() -> runAll(conn, statements, index + 1));
    }

    private static List<String> read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return List.of();
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(sql.split("(?m)^--;;\\s*$"))
                    .map(String::strip)
                    .filter(s -> !s.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
