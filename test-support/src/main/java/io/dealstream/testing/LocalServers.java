package io.dealstream.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the real servers a module's tests need (Kafka, PostgreSQL, MongoDB) through the launcher's own script,
 * {@code deploy/local/servers.sh}, unless they already run; creates the test database; and when the JVM exits (after
 * the run's clean-ups) stops only what it started. Init args: {@code servers} (comma list of kafka, postgres, mongo) and {@code database}.
 */
public class LocalServers implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, Integer> PORTS = Map.of("kafka", 9092, "postgres", 5432, "mongo", 27017);

    private final List<String> started = new ArrayList<>();
    private List<String> servers = List.of();
    private String database;

    @Override
    public void init(Map<String, String> args) {
        servers = Arrays.stream(args.getOrDefault("servers", "kafka,postgres").split(",")).map(String::trim).toList();
        database = args.get("database");
    }

    @Override
    public Map<String, String> start() {
        for (String server : servers) {
            if (!listening(PORTS.get(server))) {
                run("start", server);
                started.add(server);
            }
        }
        if (database != null) {
            run("ensure-db", database);
        }
        return Map.of();
    }

    /**
     * Stops the servers this resource started, not now but when the JVM exits, after {@link IsolatedRun} has dropped
     * the run's databases and topics (stopped first, the servers kept them in their data, and every test run left
     * its databases in a developer's MongoDB). A test profile restarts the application mid-run; the servers stay up.
     */
    @Override
    public void stop() {
        if (started.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(List.of("stop"));
        args.addAll(started);
        started.clear();
        IsolatedRun.atExitLast(() -> {
            if (!platformRunning()) { // else `./dealstream up` uses these servers now: `./dealstream down` stops them
                run(args.toArray(String[]::new));
            }
        });
    }

    /** The checkout's root, passed by the parent pom as the {@code dealstream.root} system property. */
    public static Path root() {
        String root = System.getProperty("dealstream.root");
        Path path = root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.exists(path.resolve("deploy/local/servers.sh"))) {
            throw new IllegalStateException("cannot find deploy/local/servers.sh under " + path
                    + "; run the tests from the checkout with ./mvnw");
        }
        return path;
    }

    /** Whether a service started by {@code ./dealstream up} is alive (its pid file names a running process). */
    private static boolean platformRunning() {
        Path run = root().resolve(".dealstream/run");
        try (var files = Files.list(run)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-service.pid")).anyMatch(f -> {
                try {
                    return ProcessHandle.of(Long.parseLong(Files.readString(f).strip())).map(ProcessHandle::isAlive).orElse(false);
                } catch (IOException | NumberFormatException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", root().resolve("deploy/local/servers.sh").toString()));
        command.addAll(List.of(args));
        try {
            // Not inheritIO(): Surefire's forked JVM owns its native streams; echo the script's lines instead.
            Process process = new ProcessBuilder(command).directory(root().toFile()).redirectErrorStream(true).start();
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                lines.lines().forEach(line -> System.out.println("[servers.sh] " + line));
            }
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("deploy/local/servers.sh " + String.join(" ", args) + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
