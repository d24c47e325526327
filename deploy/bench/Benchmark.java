import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dealstream benchmark of one service's hot write path (issue 2, section 6; issue 3): commands on many distinct
 * aggregates over HTTP at concurrency C, compared with the same PostgreSQL's raw single-row INSERT commit rate
 * (pgbench) at the same concurrency. JDK only; run from source (JEP 330):
 * {@code java deploy/bench/Benchmark.java [deal|customer] --help}. Normally started by
 * {@code ./dealstream bench [deal|customer]} (deploy/bench/benchmark.sh), which mints tokens and finds pgbench.
 *
 * <p>One harness, one {@link Scenario} per service (what is set up, what one command is, how its answer is checked);
 * the phases, the latency and CPU measurement, the raw comparison and the summary are shared:
 * <ol>
 *   <li>Setup (not measured): the scenario creates N aggregates (deals, customers) through the REST API.</li>
 *   <li>Closed loop: C threads send commands back to back for warm-up + duration; the peak rate and the latency
 *       distribution come from the commands completed in the measured window.</li>
 *   <li>Open loop at {@code --open-factor} x peak (default 0.5): commands are due at a fixed rate; latency is
 *       measured from the due time, so a stalled service is not hidden by a client that waits for it (coordinated
 *       omission).</li>
 *   <li>The relay's backlog (event_publication) is left to drain, then pgbench measures raw INSERT commits/s.</li>
 * </ol>
 * An aggregate is taken from a shared round-robin queue and put back after its command, so no two commands ever run
 * on the same aggregate at the same time. Any answer other than the expected one is an error, and errors fail the run
 * (exit 1); the targets only print PASS/FAIL.
 *
 * <p>Scenarios: {@link DealScenario} (stage changes, the default) and {@link CustomerScenario} (activities logged and
 * customer edits). A new one implements {@link Scenario} and is added to {@link #scenarioNamed}.
 */
public class Benchmark {

    static final double TARGET_RATIO = 0.5;
    static final double TARGET_P99_MS = 50.0;
    static final String RAW_TABLE = "bench_raw_insert";

    // --- options ---------------------------------------------------------------------------------------------

    static Scenario scenario;
    static String url;
    static int concurrency = 16;
    /** Distinct aggregates set up for the run (--deals / --customers); default: the scenario's. */
    static int items = -1;
    static int durationS = 30;
    static int warmupS = 10;
    static double openFactor = 0.5;
    static String pgHost = "127.0.0.1";
    static int pgPort = 5432;
    static String pgUser = "dealstream";
    static String pgDatabase;
    static String pgbench = "pgbench";
    static String psql = "psql";
    static boolean raw = true;
    static int drainTimeoutS = 300;
    static boolean timeline = false;
    static long servicePid = -1;

    static final String COMMON_USAGE = """
              --concurrency C   concurrent HTTP workers and pgbench clients (default 16)
              --duration S      measured seconds of each phase (default 30)
              --warmup S        warm-up seconds before the closed loop (default 10)
              --open-factor F   open-loop rate as a fraction of the closed-loop peak (default 0.5)
              --url URL         the service (default: its local port)
              --pg-host H --pg-port P --pg-user U --pg-db D   the service's PostgreSQL (password: $PGPASSWORD)
              --pgbench PATH --psql PATH                      client binaries (default: from PATH)
              --service-pid PID the service's process, for the CPU breakdown (default: found by its command line)
              --no-raw          skip the pgbench phase (no ratio)
              --timeline        also print commands/s and latency p50/p99/max for every 5 s of each phase
            """;

    static String usageText() {
        StringBuilder s = new StringBuilder("usage: java deploy/bench/Benchmark.java [SCENARIO] [options]"
                + "     (normally: ./dealstream bench [SCENARIO] [options])\n"
                + "scenarios: deal (default), customer\n");
        for (String name : List.of("deal", "customer")) {
            Scenario sc = scenarioNamed(name);
            s.append(name).append(": ").append(sc.profile().summary()).append('\n').append(sc.profile().optionsUsage());
        }
        return s.append("common options:\n").append(COMMON_USAGE).toString();
    }

    static Scenario scenarioNamed(String name) {
        return switch (name) {
            case "deal" -> new DealScenario();
            case "customer" -> new CustomerScenario();
            default -> null;
        };
    }

    static void parse(String[] args) {
        int from = 0;
        if (args.length > 0 && !args[0].startsWith("-")) {
            scenario = scenarioNamed(args[0]);
            if (scenario == null) {
                usage("unknown scenario '" + args[0] + "' (deal, customer)");
            }
            from = 1;
        } else {
            scenario = new DealScenario();
        }
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                System.out.print(usageText());
                System.exit(0);
            }
            if (a.equals("--no-raw")) {
                raw = false;
                continue;
            }
            if (a.equals("--timeline")) {
                timeline = true;
                continue;
            }
            if (i + 1 >= args.length) {
                usage("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--concurrency" -> concurrency = positiveInt(a, v);
                case "--duration" -> durationS = positiveInt(a, v);
                case "--warmup" -> warmupS = nonNegativeInt(a, v);
                case "--open-factor" -> {
                    openFactor = number(a, v);
                    if (!(openFactor > 0 && openFactor <= 1)) {
                        usage(a + " must be in (0, 1]");
                    }
                }
                case "--url" -> url = v.replaceAll("/+$", "");
                case "--pg-host" -> pgHost = v;
                case "--pg-port" -> pgPort = positiveInt(a, v);
                case "--pg-user" -> pgUser = v;
                case "--pg-db" -> pgDatabase = v;
                case "--pgbench" -> pgbench = v;
                case "--psql" -> psql = v;
                case "--service-pid" -> servicePid = positiveInt(a, v);
                default -> {
                    if (!scenario.option(a, v)) {
                        usage("unknown option " + a + " for the " + scenario.profile().name() + " scenario");
                    }
                }
            }
        }
        if (url == null) {
            url = scenario.profile().defaultUrl();
        }
        if (pgDatabase == null) {
            pgDatabase = scenario.profile().defaultDatabase();
        }
        if (items < 0) {
            items = scenario.profile().defaultItems();
        }
        if (items < 2 * concurrency) {
            usage(scenario.profile().itemsOption() + " must be at least 2 x --concurrency (" + 2 * concurrency
                    + ") so that workers hit distinct " + scenario.profile().itemNoun());
        }
        scenario.validate();
    }

    static int positiveInt(String opt, String v) {
        int n = nonNegativeInt(opt, v);
        if (n == 0) {
            usage(opt + " must be > 0");
        }
        return n;
    }

    static int nonNegativeInt(String opt, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        usage(opt + " needs a whole number >= 0, not '" + v + "'");
        return -1;
    }

    static double number(String opt, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            usage(opt + " needs a number, not '" + v + "'");
            return Double.NaN;
        }
    }

    static void usage(String message) {
        System.err.println("error: " + message);
        System.err.print(usageText());
        System.exit(2);
    }

    /** The token's {@code sub}: the payload is base64url JSON; no signature check needed here. */
    static String tokenSubject(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            usage("the token is not a JWT");
        }
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"sub\"\\s*:\\s*\"([^\"]+)\"").matcher(payload);
        if (!m.find()) {
            usage("the token has no sub; pass --owner");
        }
        return m.group(1);
    }

    // --- scenarios -------------------------------------------------------------------------------------------

    /** One aggregate the benchmark sends commands to; a scenario keeps its own state in a subclass. */
    static class Item {
        final String id;

        Item(String id) {
            this.id = id;
        }
    }

    /**
     * What differs between services: the set-up, one command and how its answer is checked, the row pgbench inserts.
     * Everything else (phases, measurement, CPU breakdown, raw comparison, summary) is the harness's.
     */
    /**
     * What names and sizes a scenario: the word after {@code ./dealstream bench}, the service (directory and process
     * name, e.g. "deal-service": CPU breakdown, messages), a usage line and the scenario's own options (indented like
     * {@link #COMMON_USAGE}), defaults, the option that sets the number of aggregates (e.g. "--deals"), and the
     * plural nouns of the aggregates ("deals") and of the commands ("stage changes").
     */
    record Profile(String name, String service, String summary, String optionsUsage, String defaultUrl,
                   String defaultDatabase, int defaultItems, String itemsOption, String itemNoun, String commandLabel) {
    }

    interface Scenario {
        Profile profile();

        /** Takes a scenario option; false if unknown. */
        boolean option(String name, String value);

        /** After parsing: checks the options, fills in defaults (exits through usage(...) when wrong). */
        void validate();

        /** Extra words for the run's header line. */
        String describe();

        /** Creates the aggregates through the REST API (not measured). */
        List<? extends Item> setup() throws Exception;

        /** One command on an item the caller holds exclusively; true if answered as expected. */
        boolean command(Item item);

        /** A jsonb literal of about the size of one of the scenario's event payloads, for the raw INSERT. */
        String rawPayload();
    }

    // --- HTTP ------------------------------------------------------------------------------------------------

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final Pattern JSON_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final Pattern DIGITS = Pattern.compile("(\\d+)");

    static final AtomicLong ERRORS = new AtomicLong();
    static final Map<String, AtomicLong> ERROR_KINDS = new ConcurrentHashMap<>();
    static final AtomicInteger ERROR_SAMPLES = new AtomicInteger();

    static void error(String kind, String detail) {
        ERRORS.incrementAndGet();
        ERROR_KINDS.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        if (ERROR_SAMPLES.incrementAndGet() <= 5) {
            System.err.println("  error: " + kind + ": " + abbreviate(detail, 300));
        }
    }

    static String abbreviate(String s, int max) {
        s = String.valueOf(s).replaceAll("\\s+", " ");
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    static HttpRequest.Builder request(URI uri, String token) {
        return HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    static HttpRequest postJson(URI uri, String token, String body) {
        return request(uri, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Sends a command; null (and the error counted) if the request itself failed. */
    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            error(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error("interrupted", "");
        }
        return null;
    }

    /** A set-up request that must answer {@code expected}; otherwise the run fails. */
    static HttpResponse<String> setupCall(HttpRequest request, int expected, String what) throws Exception {
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            error(what + ": HTTP " + r.statusCode(), r.body());
            throw new IllegalStateException(what + " answered " + r.statusCode() + ": " + abbreviate(r.body(), 300));
        }
        return r;
    }

    /** The version in an ETag header ("7" or W/"7"), or -1. */
    static long etagVersion(HttpResponse<String> r) {
        Matcher m = DIGITS.matcher(r.headers().firstValue("ETag").orElse(""));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The last path segment of the Location header (the new resource's id). */
    static String locationId(HttpResponse<String> r) {
        String location = r.headers().firstValue("Location").orElse("");
        if (location.isEmpty()) {
            throw new IllegalStateException("no Location in the answer: " + abbreviate(r.body(), 300));
        }
        return location.substring(location.lastIndexOf('/') + 1);
    }

    static void checkReady() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return;
            }
            fail(scenario.profile().service() + " at " + url + " is not ready (" + r.statusCode() + "): "
                    + abbreviate(r.body(), 300) + "\nCheck ./dealstream status");
        } catch (IOException | InterruptedException e) {
            fail(scenario.profile().service() + " does not answer at " + url + " (" + e
                    + "); start the platform: ./dealstream up");
        }
    }

    interface Creator<T> {
        T create(int i) throws Exception;
    }

    /** Creates n things with C threads (set-up); the first failure fails the whole set-up. */
    static <T> List<T> createAll(int n, Creator<T> creator) throws Exception {
        List<T> out = new ArrayList<>(java.util.Collections.nCopies(n, null));
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, n));
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < Math.min(concurrency, n); t++) {
            tasks.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < n; ) {
                    T made = creator.create(i);
                    synchronized (out) {
                        out.set(i, made);
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : tasks) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        synchronized (out) {
            return new ArrayList<>(out);
        }
    }

    // --- measurement -----------------------------------------------------------------------------------------

    /** A growable array of nanosecond latencies, one per worker thread (no sharing while measuring). */
    static final class Latencies {
        long[] values = new long[1 << 14];
        long[] doneAt = new long[1 << 14];
        int size;

        void add(long v, long done) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
                doneAt = Arrays.copyOf(doneAt, size * 2);
            }
            doneAt[size] = done;
            values[size++] = v;
        }

        /** commands/s and latency p50 / p99 / max per 5 s of completion time. */
        static void printTimeline(List<Latencies> all, long from, int seconds) {
            int bucketS = 5;
            int buckets = (seconds + bucketS - 1) / bucketS;
            List<List<Long>> per = new ArrayList<>();
            for (int b = 0; b < buckets; b++) {
                per.add(new ArrayList<>());
            }
            for (Latencies l : all) {
                for (int i = 0; i < l.size; i++) {
                    int b = (int) ((l.doneAt[i] - from) / TimeUnit.SECONDS.toNanos(bucketS));
                    if (b >= 0 && b < buckets) {
                        per.get(b).add(l.values[i]);
                    }
                }
            }
            for (int b = 0; b < buckets; b++) {
                long[] v = per.get(b).stream().mapToLong(Long::longValue).sorted().toArray();
                say("    %3d-%3d s: %7.1f/s  p50 %6s  p99 %6s  max %6s ms", b * bucketS, (b + 1) * bucketS,
                        v.length / (double) bucketS, ms(pct(v, .5)), ms(pct(v, .99)), ms(pct(v, 1)));
            }
        }

        static long[] merged(List<Latencies> all) {
            long[] out = new long[all.stream().mapToInt(l -> l.size).sum()];
            int at = 0;
            for (Latencies l : all) {
                System.arraycopy(l.values, 0, out, at, l.size);
                at += l.size;
            }
            Arrays.sort(out);
            return out;
        }
    }

    /** The q-quantile (nearest rank) of sorted nanoseconds, in milliseconds. */
    static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    record PhaseResult(long commands, double seconds, long[] latencies, long[] serviceTimes, String cpu,
                       Map<String, Double> cpuPercent, long[] db) {
        double rate() {
            return commands / seconds;
        }

        /** CPU milliseconds a group spent per command (100 % for 1 s = 1000 ms). */
        double cpuMsPerCommand(String group) {
            return cpuPercent.getOrDefault(group, 0.0) * 10 / rate();
        }

        String cpuPerCommand() {
            if (cpuPercent.isEmpty() || commands == 0) {
                return "";
            }
            return String.format(Locale.ROOT, "%s %.2f, postgres %.2f, bench client %.2f, kafka %.2f ms",
                    scenario.profile().service(), cpuMsPerCommand(scenario.profile().service()), cpuMsPerCommand("postgres"),
                    cpuMsPerCommand("bench client"), cpuMsPerCommand("kafka"));
        }
    }

    /** Closed loop: each of C workers sends its next command as soon as the previous one is answered. */
    static PhaseResult closedLoop(BlockingQueue<Item> queue, int warmup, int duration) throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(duration);
        List<Latencies> all = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            Latencies mine = new Latencies();
            all.add(mine);
            tasks.add(pool.submit(() -> {
                long sent;
                while ((sent = System.nanoTime()) < end) {
                    Item d = queue.take();
                    boolean ok = scenario.command(d);
                    queue.put(d);
                    long done = System.nanoTime();
                    if (ok && done >= measureFrom && done <= end) {
                        mine.add(done - sent, done);
                    }
                }
                return null;
            }));
        }
        Window window = measure(pool, tasks, measureFrom, end);
        if (timeline) {
            Latencies.printTimeline(all, measureFrom, duration);
        }
        long[] lat = Latencies.merged(all);
        return new PhaseResult(lat.length, duration, lat, lat, window.cpu(), window.cpuPercent(), window.db());
    }

    /**
     * Open loop: command i is due at start + i/rate whatever happened before; latency counts from the due time. The
     * workers (2 x C, so that a slow answer does not hold the schedule up) take the next due command in turn.
     */
    static PhaseResult openLoop(BlockingQueue<Item> queue, double rate, int settle, int duration) throws Exception {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long measureFrom = start + TimeUnit.SECONDS.toNanos(settle);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(duration);
        double periodNs = 1e9 / rate;
        AtomicLong ticket = new AtomicLong();
        int workers = 2 * concurrency;
        List<Latencies> fromDue = new ArrayList<>();
        List<Latencies> fromSend = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < workers; t++) {
            Latencies due = new Latencies();
            Latencies svc = new Latencies();
            fromDue.add(due);
            fromSend.add(svc);
            tasks.add(pool.submit(() -> {
                while (true) {
                    long i = ticket.getAndIncrement();
                    long dueAt = start + (long) (i * periodNs);
                    if (dueAt >= end) {
                        return null;
                    }
                    sleepUntil(dueAt);
                    Item d = queue.take();
                    long sent = System.nanoTime();
                    boolean ok = scenario.command(d);
                    queue.put(d);
                    long done = System.nanoTime();
                    if (ok && dueAt >= measureFrom) {
                        due.add(done - dueAt, done);
                        svc.add(done - sent, done);
                    }
                }
            }));
        }
        Window window = measure(pool, tasks, measureFrom, end);
        if (timeline) {
            Latencies.printTimeline(fromDue, measureFrom, duration);
        }
        long[] lat = Latencies.merged(fromDue);
        return new PhaseResult(lat.length, duration, lat, Latencies.merged(fromSend), window.cpu(),
                window.cpuPercent(), window.db());
    }

    /** CPU use and database counters over the measured window of a phase. */
    record Window(String cpu, Map<String, Double> cpuPercent, long[] db) {
    }

    /** Samples CPU and the database counters from {@code measureFrom} to {@code end}, then waits for the workers. */
    static Window measure(ExecutorService pool, List<Future<?>> tasks, long measureFrom, long end) throws Exception {
        sleepUntil(measureFrom);
        CpuSampler cpu = CpuSampler.start();
        long[] dbBefore = dbCounters();
        sleepUntil(end);
        String usage = cpu.stop();
        long[] db = dbDelta(dbBefore, dbCounters());
        for (Future<?> f : tasks) {
            f.get();
        }
        pool.shutdown();
        return new Window(usage, cpu.percent, db);
    }

    static void sleepUntil(long nanoTime) {
        for (long wait; (wait = nanoTime - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(wait);
        }
    }

    // --- CPU use per component (Linux /proc; skipped elsewhere) ----------------------------------------------

    /**
     * CPU time of every process over an interval, grouped: the service under test, postgres, kafka, this client, the
     * other services of the platform and MongoDB ("other services"), and everything else ("other": outside the platform).
     */
    static final class CpuSampler {
        static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux
        final Map<Integer, long[]> before; // pid -> {ticks}
        final Map<Integer, String> groups = new HashMap<>();
        final long[] machineBefore;
        final long startNs = System.nanoTime();
        /** CPU % (100 = one core) per group over the interval, set by stop(). */
        Map<String, Double> percent = Map.of();

        private CpuSampler() {
            before = processTicks();
            machineBefore = machineTicks();
        }

        static CpuSampler start() {
            return new CpuSampler();
        }

        String stop() {
            return stop(true);
        }

        /** warnOther: flag CPU taken by processes outside the platform (false when our own pgbench is one of them). */
        String stop(boolean warnOther) {
            if (machineBefore == null) {
                return "";
            }
            Map<Integer, long[]> after = processTicks();
            long[] machineAfter = machineTicks();
            double seconds = (System.nanoTime() - startNs) / 1e9;
            Map<String, Double> byGroup = new TreeMap<>();
            for (var e : after.entrySet()) {
                long[] b = before.get(e.getKey());
                long delta = e.getValue()[0] - (b == null ? 0 : b[0]);
                if (delta > 0) {
                    byGroup.merge(group(e.getKey()), delta / TICKS_PER_SECOND / seconds * 100, Double::sum);
                }
            }
            long total = 0;
            for (int i = 0; i < machineAfter.length; i++) {
                total += machineAfter[i] - machineBefore[i];
            }
            long idle = (machineAfter[3] - machineBefore[3]);
            long iowait = machineAfter.length > 4 ? machineAfter[4] - machineBefore[4] : 0;
            int cores = Runtime.getRuntime().availableProcessors();
            double busy = total == 0 ? 0.0 : 100.0 * (total - idle - iowait) / total * cores;
            // Processes that ended during the interval (build tools, test forks) are not in the second snapshot:
            // what the machine was busy with beyond the known groups counts as "other".
            double known = byGroup.entrySet().stream().filter(e -> !e.getKey().equals("other"))
                    .mapToDouble(Map.Entry::getValue).sum();
            byGroup.put("other", Math.max(byGroup.getOrDefault("other", 0.0), busy - known));
            percent = byGroup;
            StringBuilder s = new StringBuilder();
            byGroup.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> s.append(s.length() == 0 ? "" : ", ")
                            .append(e.getKey()).append(' ').append(Math.round(e.getValue())).append('%'));
            s.append(String.format(Locale.ROOT, " | machine (%d cores = %d%%): busy %.0f%%, iowait %.0f%%",
                    cores, cores * 100, busy, total == 0 ? 0.0 : 100.0 * iowait / total * cores));
            double other = byGroup.getOrDefault("other", 0.0);
            if (warnOther && other >= 10) {
                s.append(String.format(Locale.ROOT, "%n  WARNING: processes outside the platform took %.0f%% CPU"
                        + " during this phase: the figures are perturbed; rerun on a quiet machine", other));
            }
            return s.toString();
        }

        String group(int pid) {
            return groups.computeIfAbsent(pid, p -> {
                if (p == ProcessHandle.current().pid()) {
                    return "bench client";
                }
                String cmd = read("/proc/" + p + "/cmdline").replace('\0', ' ');
                String comm = read("/proc/" + p + "/comm").trim();
                // The service's own JVM only (a build of the service also names it on its command line).
                if (servicePid > 0 ? p == servicePid
                        : cmd.contains(scenario.profile().service() + "/target/quarkus-app/quarkus-run.jar")) {
                    return scenario.profile().service();
                }
                if (comm.equals("postgres")) {
                    return "postgres";
                }
                if (cmd.contains(" kafka.Kafka ")) {
                    return "kafka";
                }
                // The rest of the platform: the other services (they consume each other's events) and MongoDB.
                if (cmd.contains("/target/quarkus-app/quarkus-run.jar") || cmd.contains("MongoMain")
                        || comm.equals("mongod")) {
                    return "other services";
                }
                return "other";
            });
        }

        static Map<Integer, long[]> processTicks() {
            Map<Integer, long[]> out = new HashMap<>();
            java.io.File[] entries = new java.io.File("/proc").listFiles();
            if (entries == null) {
                return out;
            }
            for (java.io.File f : entries) {
                String name = f.getName();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat = read("/proc/" + name + "/stat");
                int close = stat.lastIndexOf(')');
                if (close < 0) {
                    continue;
                }
                String[] fields = stat.substring(close + 2).split(" ");
                if (fields.length > 12) { // fields[11] = utime, fields[12] = stime (fields 14 and 15 of stat)
                    out.put(Integer.parseInt(name),
                            new long[] {Long.parseLong(fields[11]) + Long.parseLong(fields[12])});
                }
            }
            return out;
        }

        static long[] machineTicks() {
            String first = read("/proc/stat").lines().findFirst().orElse("");
            if (!first.startsWith("cpu ")) {
                return null;
            }
            return Arrays.stream(first.substring(4).trim().split("\\s+")).limit(8).mapToLong(Long::parseLong).toArray();
        }

        static String read(String path) {
            try {
                return Files.readString(Path.of(path), StandardCharsets.ISO_8859_1);
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }
    }

    // --- PostgreSQL: relay backlog, raw INSERT rate ----------------------------------------------------------

    static List<String> pgArgs(String binary) {
        return new ArrayList<>(List.of(binary, "-h", pgHost, "-p", String.valueOf(pgPort), "-U", pgUser));
    }

    record Run(int exit, String output) {
    }

    static Run run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (System.getenv("PGPASSWORD") == null) {
            pb.environment().put("PGPASSWORD", "dealstream");
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    static String sql(String statement) throws IOException, InterruptedException {
        List<String> cmd = pgArgs(psql);
        cmd.addAll(List.of("-d", pgDatabase, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", statement));
        Run r = run(cmd);
        if (r.exit() != 0) {
            throw new IllegalStateException("psql failed (" + statement + "): " + r.output().trim());
        }
        return r.output().trim();
    }

    /**
     * The service database's pg_stat_database counters (commits, rows inserted, updated, deleted, fetched), or null
     * without psql. Everything the service does in its database counts (its relay and consumers too); PostgreSQL
     * publishes a backend's counts at the latest about a second after its transactions, so a phase's figures are
     * good to a few percent.
     */
    static long[] dbCounters() {
        if (!raw) {
            return null;
        }
        try {
            return Arrays.stream(sql("SELECT xact_commit, tup_inserted, tup_updated, tup_deleted, tup_fetched"
                    + " FROM pg_stat_database WHERE datname = current_database()").split("\\|"))
                    .mapToLong(Long::parseLong).toArray();
        } catch (Exception | Error e) {
            return null;
        }
    }

    static long[] dbDelta(long[] before, long[] after) {
        if (before == null || after == null || before.length != after.length) {
            return null;
        }
        long[] d = new long[before.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = after[i] - before[i];
        }
        return d;
    }

    static void sayDbPerCommand(PhaseResult phase) {
        long[] d = phase.db();
        if (d == null || phase.commands() == 0) {
            return;
        }
        double n = phase.commands();
        say("  PostgreSQL per command (database %s): %.1f commits, rows %.1f inserted, %.1f updated, %.1f deleted,"
                + " %.1f fetched", pgDatabase, d[0] / n, d[1] / n, d[2] / n, d[3] / n, d[4] / n);
    }

    static long outboxBacklog() throws IOException, InterruptedException {
        return Long.parseLong(sql("SELECT count(*) FROM event_publication"));
    }

    /** Waits until the relay has published everything; returns the seconds it took. */
    static double drainOutbox(long backlog) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(drainTimeoutS);
        while (backlog > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the relay did not drain event_publication within " + drainTimeoutS
                        + " s (" + backlog + " rows left): see ./dealstream logs " + scenario.profile().service());
            }
            Thread.sleep(200);
            backlog = outboxBacklog();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    record RawResult(double tps, double latencyMs, String failed, String cpu) {
    }

    static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    static final Pattern PG_LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
    static final Pattern PG_FAILED = Pattern.compile("number of failed transactions: (\\d+)");

    static RawResult pgbench(Path script, int seconds) throws IOException, InterruptedException {
        List<String> cmd = pgArgs(pgbench);
        cmd.addAll(List.of("-n", "-c", String.valueOf(concurrency), "-j", String.valueOf(Math.min(2, concurrency)),
                "-T", String.valueOf(seconds), "-M", "prepared", "-f", script.toString(), pgDatabase));
        Run r = run(cmd);
        Matcher tps = TPS.matcher(r.output());
        if (r.exit() != 0 || !tps.find()) {
            throw new IllegalStateException("pgbench failed (exit " + r.exit() + "): " + r.output().trim());
        }
        Matcher lat = PG_LATENCY.matcher(r.output());
        Matcher failed = PG_FAILED.matcher(r.output());
        return new RawResult(Double.parseDouble(tps.group(1)), lat.find() ? Double.parseDouble(lat.group(1)) : Double.NaN,
                failed.find() ? failed.group(1) : "?", "");
    }

    /** Raw single-row INSERT commits/s of the same server, database and role, at the same concurrency. */
    static RawResult rawInsertRate() throws Exception {
        sql("CREATE TABLE IF NOT EXISTS " + RAW_TABLE + " (id bigserial PRIMARY KEY, payload jsonb NOT NULL,"
                + " at timestamptz NOT NULL DEFAULT now())");
        Path script = Files.createTempFile("dealstream-bench-", ".sql");
        try {
            // One row of about the size of one of the scenario's event payloads, one commit per transaction.
            Files.writeString(script, "INSERT INTO " + RAW_TABLE + " (payload) VALUES ('" + scenario.rawPayload()
                    + "');\n");
            if (warmupS > 0) {
                pgbench(script, Math.min(5, warmupS));
            }
            CpuSampler cpu = CpuSampler.start();
            RawResult result = pgbench(script, durationS);
            return new RawResult(result.tps(), result.latencyMs(), result.failed(), cpu.stop(false));
        } finally {
            Files.deleteIfExists(script);
            sql("DROP TABLE IF EXISTS " + RAW_TABLE);
        }
    }

    // --- main ------------------------------------------------------------------------------------------------

    static void fail(String message) {
        System.err.println("error: " + message);
        System.exit(1);
    }

    static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    static String ms(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    public static void main(String[] args) throws Exception {
        parse(args);
        checkReady();
        say("Dealstream benchmark, %s scenario: %s, C=%d, N=%d %s, %d s per phase (+%d s warm-up)%s",
                scenario.profile().name(), url, concurrency, items, scenario.profile().itemNoun(), durationS, warmupS, scenario.describe());
        if (raw) {
            try {
                outboxBacklog();
            } catch (Exception e) {
                fail("cannot reach PostgreSQL with psql as " + pgUser + "@" + pgHost + ":" + pgPort + "/" + pgDatabase
                        + ": " + e.getMessage());
            }
        }

        long t0 = System.nanoTime();
        List<? extends Item> opened;
        try {
            opened = scenario.setup();
        } catch (Exception e) {
            fail("setup failed: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            return;
        }
        say("setup: %d %s in %.1f s (not measured)", opened.size(), scenario.profile().itemNoun(),
                (System.nanoTime() - t0) / 1e9);
        BlockingQueue<Item> queue = new ArrayBlockingQueue<>(opened.size(), false, opened);

        say("phase 1: closed loop, %d workers, %d s warm-up + %d s ...", concurrency, warmupS, durationS);
        PhaseResult closed = closedLoop(queue, warmupS, durationS);
        long[] c = closed.latencies();
        say("  %.1f commands/s; latency p50 %s, p95 %s, p99 %s, max %s ms (%d commands)", closed.rate(),
                ms(pct(c, .5)), ms(pct(c, .95)), ms(pct(c, .99)), ms(pct(c, 1)), closed.commands());
        if (!closed.cpu().isEmpty()) {
            say("  CPU: %s", closed.cpu());
            say("  CPU per command: %s", closed.cpuPerCommand());
        }
        sayDbPerCommand(closed);
        long backlogAfterClosed = raw ? outboxBacklog() : -1;
        if (closed.commands() == 0) {
            fail("no command succeeded in the closed loop (" + ERRORS.get() + " errors)");
        }

        double rate = closed.rate() * openFactor;
        int settle = Math.min(5, Math.max(1, warmupS / 2));
        say("phase 2: open loop at %.1f commands/s (%.2f x peak), %d s settle + %d s ...", rate, openFactor, settle,
                durationS);
        PhaseResult open = openLoop(queue, rate, settle, durationS);
        long[] o = open.latencies();
        say("  %.1f commands/s achieved; latency from due time p50 %s, p95 %s, p99 %s, max %s ms;"
                        + " service time p99 %s ms", open.rate(), ms(pct(o, .5)), ms(pct(o, .95)), ms(pct(o, .99)),
                ms(pct(o, 1)), ms(pct(open.serviceTimes(), .99)));
        if (!open.cpu().isEmpty()) {
            say("  CPU: %s", open.cpu());
            say("  CPU per command: %s", open.cpuPerCommand());
        }
        sayDbPerCommand(open);

        RawResult rawResult = null;
        long backlog = -1;
        double drained = Double.NaN;
        if (raw) {
            backlog = outboxBacklog();
            drained = drainOutbox(backlog);
            say("relay: %d events pending after phase 1, %d after phase 2, drained in %.1f s", backlogAfterClosed,
                    backlog, drained);
            say("phase 3: pgbench, raw single-row INSERT commits, %d clients, %d s ...", concurrency, durationS);
            try {
                rawResult = rawInsertRate();
            } catch (Exception e) {
                fail(e.getMessage());
            }
            say("  %.1f commits/s, latency average %s ms, failed transactions %s", rawResult.tps(),
                    ms(rawResult.latencyMs()), rawResult.failed());
            if (!rawResult.cpu().isEmpty()) {
                say("  CPU (other = pgbench, its backends and anything else): %s", rawResult.cpu());
            }
        }

        // --- the summary --------------------------------------------------------------------------------------
        boolean p99Ok = pct(o, .99) < TARGET_P99_MS;
        System.out.println();
        say("%-44s %-24s %s", "result (" + scenario.profile().name() + ", C=" + concurrency + ", N=" + items + ")", "measured", "target");
        say("%-44s %-24s", scenario.profile().commandLabel() + "/s, closed loop (peak)", String.format(Locale.ROOT, "%.1f", closed.rate()));
        say("%-44s %-24s", "latency p50 / p99, closed loop", ms(pct(c, .5)) + " / " + ms(pct(c, .99)) + " ms");
        say("%-44s %-24s", String.format(Locale.ROOT, "open loop rate (%.2f x peak)", openFactor),
                String.format(Locale.ROOT, "%.1f/s", open.rate()));
        say("%-44s %-24s %s", "latency p50 / p99 at " + (openFactor == 0.5 ? "half peak" : "open-loop rate"),
                ms(pct(o, .5)) + " / " + ms(pct(o, .99)) + " ms",
                String.format(Locale.ROOT, "p99 < %.0f ms: %s", TARGET_P99_MS, p99Ok ? "PASS" : "FAIL"));
        if (rawResult != null) {
            double ratio = closed.rate() / rawResult.tps();
            say("%-44s %-24s", "raw INSERT commits/s (pgbench, C=" + concurrency + ")",
                    String.format(Locale.ROOT, "%.1f", rawResult.tps()));
            say("%-44s %-24s %s", "ratio commands/s / raw commits/s", String.format(Locale.ROOT, "%.3f", ratio),
                    String.format(Locale.ROOT, ">= %.1f: %s", TARGET_RATIO, ratio >= TARGET_RATIO ? "PASS" : "FAIL"));
            say("%-44s %-24s", "relay backlog after run, drained in",
                    backlog + " events, " + String.format(Locale.ROOT, "%.1f s", drained));
        }
        say("%-44s %-24s %s", "errors (unexpected answers, failed requests)", String.valueOf(ERRORS.get()), "0");
        if (ERRORS.get() > 0) {
            Map<String, Long> kinds = new LinkedHashMap<>();
            ERROR_KINDS.forEach((k, v) -> kinds.put(k, v.get()));
            say("FAILED: %d errors %s", ERRORS.get(), kinds);
            System.exit(1);
        }
        System.exit(0);
    }

    // --- deal-service: stage changes -------------------------------------------------------------------------

    /**
     * A command is POST /deals/{id}/stage moving a deal 1 -> 2 -> ... -> 8 with a manager override, then back to 1
     * with a reason; 200 with the stage asked for is the expected answer. Set-up: N deals opened with POST /deals
     * for one customer (registered in customer-service by benchmark.sh), owned by the token's subject.
     */
    static final class DealScenario implements Scenario {
        static final Profile PROFILE = new Profile("deal", "deal-service",
                "stage changes on N distinct deals (POST /deals/{id}/stage)", """
                      --deals N         distinct deals opened for the run, N >= 2*C (default 2000)
                      --token JWT       a manager token (default: $DEALSTREAM_BENCH_TOKEN)
                      --owner UUID      ownerId of the deals (default: the token's sub)
                      --customer UUID   customer of the deals, registered in customer-service (default: $DEALSTREAM_BENCH_CUSTOMER)
                    """,
                "http://127.0.0.1:8082", "deals", 2000, "--deals", "deals", "stage changes");

        public Profile profile() {
            return PROFILE;
        }

        static final Pattern STAGE = Pattern.compile("\"stage\"\\s*:\\s*(\\d+)");

        String token = System.getenv("DEALSTREAM_BENCH_TOKEN");
        /** The customer of every benchmark deal: deal-service opens deals only for customers customer-service knows. */
        String customer = System.getenv("DEALSTREAM_BENCH_CUSTOMER");
        String owner;

        static final class Deal extends Item {
            final URI stageUri;
            int stage = 1; // touched only by the worker holding the deal (queue hand-off orders the accesses)

            Deal(String id) {
                super(id);
                this.stageUri = URI.create(url + "/deals/" + id + "/stage");
            }
        }

        public boolean option(String name, String value) {
            switch (name) {
                case "--deals" -> items = positiveInt(name, value);
                case "--token" -> token = value;
                case "--owner" -> owner = value;
                case "--customer" -> customer = value;
                default -> {
                    return false;
                }
            }
            return true;
        }

        public void validate() {
            if (token == null || token.isBlank()) {
                usage("no token: pass --token or set DEALSTREAM_BENCH_TOKEN (./dealstream token --sub UUID --roles manager)");
            }
            if (owner == null) {
                owner = tokenSubject(token);
            }
            if (customer == null || customer.isBlank()) {
                usage("no customer: pass --customer or set DEALSTREAM_BENCH_CUSTOMER (a customer registered in customer-service)");
            }
        }

        public String describe() {
            return ", owner " + owner;
        }

        public List<Deal> setup() throws Exception {
            URI uri = URI.create(url + "/deals");
            String closeDate = LocalDate.now().plusMonths(6).toString();
            awaitCustomer();
            return createAll(items, i -> new Deal(locationId(setupCall(postJson(uri, token, newDeal(i, closeDate)),
                    201, "open deal"))));
        }

        String newDeal(int i, String closeDate) {
            return "{\"customerId\":\"" + customer + "\",\"title\":\"Benchmark deal " + i
                    + "\",\"amount\":\"10000.00\",\"currency\":\"EUR\",\"expectedCloseDate\":\"" + closeDate
                    + "\",\"ownerId\":\"" + owner + "\"}";
        }

        /**
         * deal-service learns of customers from customer-events and waits only a few seconds for a new one; behind a
         * backlog on that topic (a customer benchmark just put tens of thousands of events there, or deal-service has
         * just started) the run's customer arrives later. Asks until it is known (a probe deal is opened then), up to
         * 10 min.
         */
        void awaitCustomer() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            String body = "{\"customerId\":\"" + customer + "\",\"title\":\"Benchmark probe\",\"amount\":\"1.00\","
                    + "\"currency\":\"EUR\",\"expectedCloseDate\":\"" + LocalDate.now().plusMonths(6)
                    + "\",\"ownerId\":\"" + owner + "\"}";
            boolean said = false;
            while (true) {
                HttpResponse<String> r = HTTP.send(postJson(URI.create(url + "/deals"), token, body),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
                    return;
                }
                if (r.statusCode() != 400 || !r.body().contains("unknown-customer") || System.nanoTime() > deadline) {
                    throw new IllegalStateException("POST /deals answered " + r.statusCode() + ": "
                            + abbreviate(r.body(), 300));
                }
                if (!said) {
                    say("setup: waiting for deal-service to learn of customer %s from customer-events", customer);
                    said = true;
                }
                Thread.sleep(1000);
            }
        }

        public boolean command(Item item) {
            Deal d = (Deal) item;
            int to = d.stage < 8 ? d.stage + 1 : 1;
            String body = to == 1
                    ? "{\"to\":1,\"reason\":\"benchmark cycle\"}"
                    : "{\"to\":" + to + ",\"override\":true,\"reason\":\"benchmark\"}";
            HttpResponse<String> r = send(postJson(d.stageUri, token, body));
            if (r != null) {
                if (r.statusCode() == 200) {
                    Matcher m = STAGE.matcher(r.body());
                    if (m.find() && Integer.parseInt(m.group(1)) == to) {
                        d.stage = to;
                        return true;
                    }
                    error("200 with unexpected stage", r.body());
                } else {
                    error("HTTP " + r.statusCode(), r.body());
                }
            }
            resync(d);
            return false;
        }

        /** After an error the deal's stage is unknown: read it back. */
        void resync(Deal d) {
            HttpResponse<String> r = send(request(URI.create(url + "/deals/" + d.id), token).GET().build());
            if (r != null && r.statusCode() == 200) {
                Matcher m = STAGE.matcher(r.body());
                if (m.find()) {
                    d.stage = Integer.parseInt(m.group(1));
                }
            }
        }

        public String rawPayload() {
            return "{\"from\": 3, \"to\": 4, \"override\": true, \"reason\": \"benchmark\","
                    + " \"stageName\": \"Demo & technical exchange\"}";
        }
    }

    // --- customer-service: activities and edits --------------------------------------------------------------

    /**
     * The hot write path of a sales organisation in customer-service: reps log follow-ups on their accounts and edit
     * them. Set-up (not measured, through the REST API): with an admin token, one manager, one team, R reps (staff
     * with SALES_REP, in the team); each rep registers N/R customers with their own token (rep role), so every command
     * runs with the token of the account's owner and passes the rep's visibility check.
     *
     * <p>A command on a customer is, in a fixed pattern that gives {@code --edit-share} of edits:
     * <ul>
     *   <li>POST /customers/{id}/activities {type (CALL, VISIT, MEETING, EMAIL, DEMO in turn), summary, nextStep,
     *       participantIds [owner]}: expected 201 with customerVersion one past the version held;</li>
     *   <li>PATCH /customers/{id} with If-Match: "version" {phone, sizeNotes} (new values each time, so an event is
     *       always appended): expected 200 with the next version's ETag. A 412 would mean the benchmark lost track of
     *       the version (or someone else wrote): it is an error.</li>
     * </ul>
     */
    static final class CustomerScenario implements Scenario {
        static final Profile PROFILE = new Profile("customer", "customer-service",
                "reps log activities on and edit N distinct customers of their own"
                        + " (POST /customers/{id}/activities, PATCH /customers/{id} with If-Match)", """
                      --customers N     distinct customers registered for the run, N >= 2*C (default 2000)
                      --reps R          reps (staff of one benchmark team) who own them, N/R each (default 8)
                      --edit-share F    fraction of commands that are edits, the rest activities (default 0.25)
                      --token-script P  mints tokens: P --sub UUID --roles ROLE (default deploy/local/token.sh)
                      --admin-token JWT an admin token for the set-up (default: $DEALSTREAM_BENCH_ADMIN_TOKEN, else minted)
                    """,
                "http://127.0.0.1:8081", "customers", 2000, "--customers", "customers", "customer commands");

        public Profile profile() {
            return PROFILE;
        }

        static final Pattern CUSTOMER_VERSION = Pattern.compile("\"customerVersion\"\\s*:\\s*(\\d+)");
        static final String[] TYPES = {"CALL", "EMAIL", "MEETING", "CALL", "VISIT", "DEMO"};

        int reps = 8;
        double editShare = 0.25;
        String tokenScript = "deploy/local/token.sh";
        String adminToken = System.getenv("DEALSTREAM_BENCH_ADMIN_TOKEN");
        final String run = UUID.randomUUID().toString().substring(0, 8);

        static final class Account extends Item {
            final URI uri;
            final URI activitiesUri;
            final String token;
            final String ownerId;
            long version; // touched only by the worker holding the customer (queue hand-off orders the accesses)
            long step;

            Account(String id, String token, String ownerId, long version) {
                super(id);
                this.uri = URI.create(url + "/customers/" + id);
                this.activitiesUri = URI.create(url + "/customers/" + id + "/activities");
                this.token = token;
                this.ownerId = ownerId;
                this.version = version;
            }
        }

        public boolean option(String name, String value) {
            switch (name) {
                case "--customers" -> items = positiveInt(name, value);
                case "--reps" -> reps = positiveInt(name, value);
                case "--edit-share" -> {
                    editShare = number(name, value);
                    if (!(editShare >= 0 && editShare <= 1)) {
                        usage(name + " must be in [0, 1]");
                    }
                }
                case "--token-script" -> tokenScript = value;
                case "--admin-token" -> adminToken = value;
                default -> {
                    return false;
                }
            }
            return true;
        }

        public void validate() {
            if (reps > items) {
                usage("--reps must not exceed --customers");
            }
            if ((adminToken == null || adminToken.isBlank()) && !Files.isExecutable(Path.of(tokenScript))) {
                usage("no admin token and no token script at " + tokenScript
                        + ": pass --token-script or --admin-token");
            }
        }

        public String describe() {
            return String.format(Locale.ROOT, ", %d reps, %.0f %% edits", reps, editShare * 100);
        }

        String mint(String sub, String role) throws Exception {
            Run r = Benchmark.run(List.of(tokenScript, "--sub", sub, "--roles", role));
            String jwt = r.output().trim();
            if (r.exit() != 0 || jwt.split("\\.").length != 3) {
                throw new IllegalStateException(tokenScript + " failed (exit " + r.exit() + "): "
                        + abbreviate(jwt, 300));
            }
            return jwt;
        }

        String staff(String admin, String name, String teamId, String capability) throws Exception {
            String body = "{\"name\":\"" + name + "\",\"email\":\"" + name.toLowerCase(Locale.ROOT).replace(' ', '.')
                    + "@dealstream.invalid\",\"title\":\"Benchmark\""
                    + (teamId == null ? "" : ",\"teamId\":\"" + teamId + "\"")
                    + ",\"capabilities\":[\"" + capability + "\"]}";
            return locationId(setupCall(postJson(URI.create(url + "/staff"), admin, body), 201, "POST /staff"));
        }

        public List<Account> setup() throws Exception {
            String admin = adminToken != null && !adminToken.isBlank() ? adminToken
                    : mint("00000000-0000-4000-8000-00000000be7c", "admin");
            String manager = staff(admin, "Bench " + run + " Manager", null, "SALES_MANAGER");
            String team = locationId(setupCall(postJson(URI.create(url + "/teams"), admin,
                    "{\"name\":\"Benchmark team " + run + "\",\"managerId\":\"" + manager
                            + "\",\"timeZone\":\"Europe/Berlin\"}"), 201, "POST /teams"));
            List<String> repIds = createAll(reps, i -> staff(admin, "Bench " + run + " Rep " + i, team, "SALES_REP"));
            List<String> repTokens = new ArrayList<>();
            for (String rep : repIds) {
                repTokens.add(mint(rep, "rep"));
            }
            say("setup: team %s, manager %s, %d reps", team, manager, reps);
            URI customers = URI.create(url + "/customers");
            return createAll(items, i -> {
                HttpResponse<String> r = setupCall(postJson(customers, repTokens.get(i % reps),
                        "{\"name\":\"Benchmark customer " + run + "-" + i + "\",\"industry\":\"Benchmark\","
                                + "\"region\":\"Lab\",\"address\":{\"street\":\"Teststr. " + i
                                + "\",\"postalCode\":\"10115\","
                                + "\"city\":\"Berlin\",\"country\":\"DE\"},\"tags\":[\"benchmark\"]}"),
                        201, "POST /customers");
                long version = etagVersion(r);
                if (version < 0) {
                    throw new IllegalStateException("POST /customers answered without an ETag");
                }
                return new Account(locationId(r), repTokens.get(i % reps), repIds.get(i % reps), version);
            });
        }

        /** Bresenham: the step is an edit when it crosses a multiple of 1/share (0.25: every 4th, from the 4th). */
        boolean isEdit(long step) {
            return (long) ((step + 1) * editShare) > (long) (step * editShare);
        }

        public boolean command(Item item) {
            Account a = (Account) item;
            long step = a.step++;
            HttpResponse<String> r;
            if (isEdit(step)) {
                r = send(request(a.uri, a.token).header("Content-Type", "application/json")
                        .header("If-Match", "\"" + a.version + "\"")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"phone\":\"+49 30 555 " + step
                                + "\",\"sizeNotes\":\"Benchmark edit " + step + ": about 120 staff, two sites\"}"))
                        .build());
                if (r != null) {
                    long v = etagVersion(r);
                    if (r.statusCode() == 200 && v == a.version + 1) {
                        a.version = v;
                        return true;
                    }
                    error(r.statusCode() == 200 ? "edit: 200 with ETag " + v + " after " + a.version
                            : "edit: HTTP " + r.statusCode(), r.body());
                }
            } else {
                String type = TYPES[(int) (step % TYPES.length)];
                r = send(postJson(a.activitiesUri, a.token, "{\"type\":\"" + type + "\",\"summary\":\"Benchmark "
                        + type.toLowerCase(Locale.ROOT) + " " + step + " with the buying committee\","
                        + "\"nextStep\":\"Send the proposal\",\"participantIds\":[\"" + a.ownerId + "\"]}"));
                if (r != null) {
                    Matcher m = CUSTOMER_VERSION.matcher(r.body());
                    long v = r.statusCode() == 201 && m.find() ? Long.parseLong(m.group(1)) : -1;
                    if (v == a.version + 1) {
                        a.version = v;
                        return true;
                    }
                    error(r.statusCode() == 201 ? "activity: 201 with customerVersion " + v + " after " + a.version
                            : "activity: HTTP " + r.statusCode(), r.body());
                }
            }
            resync(a);
            return false;
        }

        /** After an error the customer's version is unknown: read it back. */
        void resync(Account a) {
            HttpResponse<String> r = send(request(a.uri, a.token).GET().build());
            if (r != null && r.statusCode() == 200 && etagVersion(r) >= 0) {
                a.version = etagVersion(r);
            }
        }

        public String rawPayload() {
            return "{\"activityId\": \"" + UUID.randomUUID() + "\", \"activityType\": \"CALL\","
                    + " \"activityDate\": \"2026-11-27T08:00:00Z\", \"summary\": \"Benchmark call 12 with the buying"
                    + " committee\", \"nextStep\": \"Send the proposal\", \"participantIds\": [\"" + UUID.randomUUID()
                    + "\"]}";
        }
    }
}
