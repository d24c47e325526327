import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * forecast-service benchmark (issue 4). Run from source (JEP 330) by {@code deploy/bench/forecast-benchmark.sh}
 * ({@code ./dealstream bench forecast ...}); the Kafka modes need kafka-clients on the class path (the service's
 * own lib/main), the HTTP modes only the JDK.
 * <ul>
 *   <li>{@code fill}: creates the four topics of a run (6 partitions) and writes N synthetic, valid deal events
 *       (CloudEvents binary mode, key = deal id, versions 1..k per deal: opened, then stage, amount and close-date
 *       changes) to its deal topic;</li>
 *   <li>{@code raw}: the raw Kafka consumer rate on those topics: one plain consumer, all partitions from offset 0 to
 *       the end, records deserialised to strings (what the rebuild's consumer does before any work of its own);
 *       {@code --passes P} (default 3) passes in one JVM, each with a new consumer on a quiet machine
 *       ({@link #quiet}); prints each and the best (the stricter baseline for a ratio);</li>
 *   <li>{@code rebuild}: once the machine is quiet ({@link #quiet}), starts {@code POST /admin/projections/rebuild} on
 *       a forecast-service reading those topics and follows {@code GET /admin/projections/status} to the end; prints
 *       events/s;</li>
 *   <li>{@code lag}: against a running platform: amount changes ({@code PATCH /deals/{id}}) at a fixed rate on deals
 *       that alone make up a far-future forecast period, while one poller reads that forecast; the lag of command i
 *       is from its 200 answer to the first poll whose open amount includes i increments (commands applied out of
 *       order across partitions make single values approximate, not the distribution); p50/p99;</li>
 *   <li>{@code caught-up}: stores, in a run's (new) forecast database, that its live read model has read every
 *       topic to the end: the service's live consumer then starts at the end, idle, and a rebuild is measured
 *       alone, as it runs in production next to a live consumer that has caught up (without it, the live consumer
 *       of the new database reads the whole topic from offset 0 at the same time); with {@code --behind L}, about L
 *       events (whole deals) short of the ends, which the live consumer folds at its start;</li>
 *   <li>{@code drop}: deletes a run's topics (and its database with {@code --database}).</li>
 * </ul>
 */
public class ForecastBenchmark {

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.println("usage: ForecastBenchmark fill|raw|rebuild|lag|drop [--option value ...] (see the class comment)");
            return;
        }
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        switch (args[0]) {
            case "fill" -> Kafka.fill(o.get("prefix"), Long.parseLong(o.getOrDefault("events", "1000000")),
                    Integer.parseInt(o.getOrDefault("events-per-deal", "20")), o.getOrDefault("bootstrap", "127.0.0.1:9092"));
            case "raw" -> Kafka.raw(o.get("prefix"), o.getOrDefault("bootstrap", "127.0.0.1:9092"),
                    Integer.parseInt(o.getOrDefault("passes", "3")));
            case "caught-up" -> Kafka.caughtUp(o.get("prefix"), o.getOrDefault("bootstrap", "127.0.0.1:9092"),
                    o.get("database"), Long.parseLong(o.getOrDefault("behind", "0")),
                    Integer.parseInt(o.getOrDefault("events-per-deal", "20")));
            case "drop" -> Kafka.drop(o.get("prefix"), o.getOrDefault("bootstrap", "127.0.0.1:9092"), o.get("database"));
            case "rebuild" -> rebuild(o.get("url"), o.get("token"), o.getOrDefault("pids", ""));
            case "lag" -> lag(o);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)\"?").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    /**
     * Starts a rebuild and waits for its end. {@code pids} ({@code name=pid,...}): processes whose CPU time over the
     * rebuild is printed (Linux /proc), with the machine's: on a shared machine CPU-seconds per event are what a
     * change moves, whatever else ran meanwhile.
     */
    static void rebuild(String url, String token, String pids) throws Exception {
        Map<String, Long> processes = new LinkedHashMap<>();
        for (String named : pids.split(",")) {
            if (named.contains("=")) {
                processes.put(named.substring(0, named.indexOf('=')), Long.parseLong(named.substring(named.indexOf('=') + 1)));
            }
        }
        quiet();
        Map<String, Long> cpuBefore = new LinkedHashMap<>();
        processes.forEach((name, pid) -> cpuBefore.put(name, cpuTicks(pid)));
        long[] machineBefore = machineTicks();
        HttpResponse<String> started = send("POST", url + "/admin/projections/rebuild", token, null);
        if (started.statusCode() != 202) {
            throw new IllegalStateException("rebuild not started: " + started.statusCode() + " " + started.body());
        }
        long t0 = System.nanoTime();
        String body;
        while (true) {
            Thread.sleep(500);
            body = send("GET", url + "/admin/projections/status", token, null).body();
            String state = field(body.substring(body.indexOf("\"rebuild\"")), "state");
            if ("DONE".equals(state) || "FAILED".equals(state)) {
                break;
            }
        }
        String rebuild = body.substring(body.indexOf("\"rebuild\""));
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "rebuild: state %s, %s events, %s events/s (service-measured), %.1f s wall%n",
                field(rebuild, "state"), field(rebuild, "eventsRead"), field(rebuild, "eventsPerSecond"), seconds);
        long[] machineAfter = machineTicks();
        if (machineAfter != null && machineBefore != null) {
            StringBuilder line = new StringBuilder("cpu during the rebuild (wall above; 0.5 s polls):");
            processes.forEach((name, pid) -> line.append(String.format(Locale.ROOT, " %s %.1f s,", name,
                    (cpuTicks(pid) - cpuBefore.get(name)) / TICKS)));
            System.out.println(line.append(String.format(Locale.ROOT, " whole machine %.1f s busy of %.1f s",
                    (machineAfter[0] - machineBefore[0]) / TICKS, (machineAfter[1] - machineBefore[1]) / TICKS)));
        }
    }

    /** The share of the machine's CPU below which it counts as quiet. */
    static final double QUIET = 0.2;

    /**
     * Waits until the machine is quiet: less than {@link #QUIET} of all its cores busy for two seconds in a row (at most
     * a minute; then it says so). What a measurement leaves behind (Kafka writing its segments after a fill, MongoDB's
     * garbage collection after a rebuild's writes) otherwise lands in the next one. (What made the old single raw pass
     * slow was as much the fresh JVM's compilation as a busy machine: hence the passes, see {@code raw}.)
     */
    static void quiet() throws InterruptedException {
        long t0 = System.nanoTime();
        int calm = 0;
        double busy = 0;
        while (calm < 2 && System.nanoTime() - t0 < 60_000_000_000L) {
            long[] before = machineTicks();
            Thread.sleep(1000);
            long[] after = machineTicks();
            if (before == null || after == null) {
                return; // no /proc: nothing to wait for
            }
            busy = (after[0] - before[0]) / (double) Math.max(1, after[1] - before[1]);
            calm = busy < QUIET ? calm + 1 : 0;
        }
        if (calm < 2) {
            System.out.printf(Locale.ROOT, "WARNING: the machine is still %.0f %% busy after a minute: the figures are "
                    + "perturbed%n", busy * 100);
        }
    }

    /** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
    static final double TICKS = 100.0;

    /** User + system CPU ticks of a process, or 0 where /proc cannot say. */
    static long cpuTicks(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) {
            return 0;
        }
    }

    /** [busy, total] CPU ticks of the whole machine (all cores), or null where /proc cannot say. */
    static long[] machineTicks() {
        try {
            String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (Exception e) {
            return null;
        }
    }

    static void lag(Map<String, String> o) throws Exception {
        String deals = o.getOrDefault("deal-url", "http://127.0.0.1:8082");
        String forecasts = o.getOrDefault("forecast-url", "http://127.0.0.1:8083");
        String token = o.get("token");
        int rate = Integer.parseInt(o.getOrDefault("rate", "200"));
        int seconds = Integer.parseInt(o.getOrDefault("duration", "60"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "10"));
        int count = Integer.parseInt(o.getOrDefault("deals", "64"));
        int backgroundCount = Integer.parseInt(o.getOrDefault("background-deals", "2000"));
        int probeEvery = backgroundCount == 0 ? 1 : Integer.parseInt(o.getOrDefault("probe-every", "10"));
        String period = "2099";
        ExecutorService openers = Executors.newFixedThreadPool(8);
        List<String> ids = open(openers, deals, token, o.get("customer"), count, "Forecast lag benchmark");
        List<String> background = open(openers, deals, o.get("background-token"), o.get("background-customer"),
                backgroundCount, "Forecast lag background");
        openers.shutdown();
        String forecastUrl = forecasts + "/forecasts?period=" + period + "&groupBy=company";
        long base = 1000L * count;
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (openAmount(forecastUrl, token) != base) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the forecast never showed the benchmark's deals");
            }
            Thread.sleep(100);
        }
        long total = (long) rate * (seconds + warmup);
        long probes = total / probeEvery;
        long[] accepted = new long[(int) probes + 1];
        long[] seen = new long[(int) probes + 1];
        long[] amounts = new long[count + backgroundCount];
        Arrays.fill(amounts, 1000);
        AtomicLong sent = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(16);
        Map<Integer, Object> locks = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        long periodNanos = 1_000_000_000L / rate;
        for (long i = 1; i <= total; i++) {
            long n = i;
            boolean probe = n % probeEvery == 0;
            int d = probe ? (int) ((n / probeEvery - 1) % count) : count + (int) ((n - 1 - n / probeEvery) % backgroundCount);
            String id = probe ? ids.get(d) : background.get(d - count);
            String as = probe ? token : o.get("background-token");
            workers.schedule(() -> {
                synchronized (locks.computeIfAbsent(d, k -> new Object())) {
                    try {
                        long amount = ++amounts[d];
                        HttpResponse<String> r = send("PATCH", deals + "/deals/" + id, as,
                                "{\"amount\":\"" + amount + ".00\",\"currency\":\"EUR\"}");
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                        if (probe) {
                            accepted[(int) sent.incrementAndGet()] = System.nanoTime();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }, t0 + n * periodNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        int marked = 0;
        long end = t0 + (seconds + warmup + 30) * 1_000_000_000L;
        List<Double> polls = new ArrayList<>();
        while (marked < probes && System.nanoTime() < end) {
            long asked = System.nanoTime();
            long applied = openAmount(forecastUrl, token) - base;
            long now = System.nanoTime();
            polls.add((now - asked) / 1e6);
            while (marked < applied && marked < probes) {
                marked++;
                seen[marked] = now;
            }
            Thread.sleep(5);
        }
        workers.shutdown();
        workers.awaitTermination(1, TimeUnit.MINUTES);
        List<Double> lags = new ArrayList<>();
        long first = (long) rate * warmup / probeEvery + 1;
        for (long i = first; i <= probes; i++) {
            if (seen[(int) i] > 0 && accepted[(int) i] > 0) {
                lags.add(Math.max(0, seen[(int) i] - accepted[(int) i]) / 1e6);
            }
        }
        lags.sort(Double::compare);
        System.out.printf(Locale.ROOT, "lag: %d commands at %d/s (%d s measured after %d s warm-up) on %d probe + %d background deals, %d errors; %d probe commands measured, %d seen%n",
                total, rate, seconds, warmup, count, backgroundCount, errors.get(), probes - first + 1, lags.size());
        if (!lags.isEmpty()) {
            System.out.printf(Locale.ROOT, "lag command accepted -> forecast updated: p50 %.0f ms, p99 %.0f ms, max %.0f ms (target p99 < 500 ms: %s)%n",
                    pct(lags, 0.50), pct(lags, 0.99), lags.get(lags.size() - 1), pct(lags, 0.99) < 500 ? "PASS" : "FAIL");
        }
        polls.sort(Double::compare);
        System.out.printf(Locale.ROOT, "of which polling: %d GET /forecasts, each p50 %.0f ms, p99 %.0f ms (a command is seen at the end of the first poll that shows it)%n",
                polls.size(), pct(polls, 0.50), pct(polls, 0.99));
        // forecast-service's own view: topic append -> read model stored, over its last ~2 minutes
        String metrics = send("GET", forecasts + "/q/metrics", token, null).body();
        System.out.printf(Locale.ROOT, "forecast-service projection delay (event on the topic -> document stored): p50 %s ms, p99 %s ms%n",
                quantile(metrics, "0.5"), quantile(metrics, "0.99"));
        // Deals left open would stay in every forecast, risk list and follow-up run of this machine for ever.
        ExecutorService closers = Executors.newFixedThreadPool(8);
        int lost = lose(closers, deals, token, ids) + lose(closers, deals, o.get("background-token"), background);
        closers.shutdown();
        System.out.printf(Locale.ROOT, "closed: %d of the %d deals this run opened marked lost (reason OTHER)%n",
                lost, ids.size() + background.size());
    }

    /** Marks the deals lost as the token's subject (their owner); how many it could. */
    static int lose(ExecutorService pool, String url, String token, List<String> ids) throws Exception {
        List<java.util.concurrent.Future<Boolean>> futures = new ArrayList<>();
        for (String id : ids) {
            futures.add(pool.submit(() -> send("POST", url + "/deals/" + id + "/lose", token,
                    "{\"reason\":\"OTHER\",\"note\":\"forecast lag benchmark finished\"}").statusCode() / 100 == 2));
        }
        int lost = 0;
        for (var f : futures) {
            lost += f.get() ? 1 : 0;
        }
        return lost;
    }

    static String quantile(String metrics, String q) {
        Matcher m = Pattern.compile("forecast_projection_delay_seconds\\{[^}]*quantile=\"" + Pattern.quote(q) + "\"[^}]*} ([0-9.eE+-]+)")
                .matcher(metrics);
        return m.find() ? String.format(Locale.ROOT, "%.0f", Double.parseDouble(m.group(1)) * 1000) : "?";
    }

    /** Opens {@code n} deals closing in 2099 (amount 1000.00 EUR) as the token's subject; their ids in order. */
    static List<String> open(ExecutorService pool, String url, String token, String customer, int n, String title)
            throws Exception {
        List<java.util.concurrent.Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            futures.add(pool.submit(() -> {
                HttpResponse<String> r = send("POST", url + "/deals", token, """
                        {"customerId":"%s","title":"%s %d","amount":"1000.00","currency":"EUR","expectedCloseDate":"2099-06-30"}"""
                        .formatted(customer, title, k));
                if (r.statusCode() / 100 != 2) {
                    throw new IllegalStateException("cannot open a deal: " + r.statusCode() + " " + r.body());
                }
                return field(r.body(), "id");
            }));
        }
        List<String> ids = new ArrayList<>(n);
        for (var f : futures) {
            ids.add(f.get());
        }
        return ids;
    }

    static double pct(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    static long openAmount(String url, String token) throws Exception {
        String body = send("GET", url, token, null).body();
        String amount = field(body, "openAmount");
        return amount == null ? 0 : new java.math.BigDecimal(amount).longValue();
    }

    /** The Kafka modes, in their own class so the HTTP modes run without kafka-clients on the class path. */
    static final class Kafka {

        static final String[] CHANNELS = {"deal-events", "customer-events", "staff-events", "process-events"};

        static Properties props(String bootstrap) {
            Properties p = new Properties();
            p.put("bootstrap.servers", bootstrap);
            return p;
        }

        static void fill(String prefix, long events, int perDeal, String bootstrap) throws Exception {
            try (var admin = org.apache.kafka.clients.admin.Admin.create(props(bootstrap))) {
                List<org.apache.kafka.clients.admin.NewTopic> topics = new ArrayList<>();
                for (String c : CHANNELS) {
                    topics.add(new org.apache.kafka.clients.admin.NewTopic(prefix + "-" + c, 6, (short) 1));
                }
                admin.createTopics(topics).all().get();
            }
            Properties p = props(bootstrap);
            p.put("acks", "all");
            p.put("linger.ms", "20");
            p.put("batch.size", Integer.toString(512 * 1024));
            p.put("compression.type", "lz4");
            var ser = new org.apache.kafka.common.serialization.StringSerializer();
            Random random = new Random(1);
            long t0 = System.nanoTime();
            long written = 0;
            try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(p, ser, ser)) {
                while (written < events) {
                    UUID deal = UUID.randomUUID();
                    UUID customer = UUID.randomUUID();
                    UUID owner = UUID.randomUUID();
                    Instant at = Instant.parse("2030-01-01T00:00:00Z").plusSeconds(random.nextInt(300 * 86400));
                    int stage = 1;
                    for (int v = 1; v <= perDeal && written < events; v++, written++) {
                        String type;
                        String payload;
                        if (v == 1) {
                            type = "deal.opened";
                            payload = """
                                    {"dealId":"%s","customerId":"%s","title":"Synthetic deal","amount":{"amount":"%d.00","currency":"EUR"},"expectedCloseDate":"%s","ownerId":"%s","stage":1}"""
                                    .formatted(deal, customer, 1000 + random.nextInt(900000),
                                            LocalDate.of(2030, 6, 1).plusDays(random.nextInt(500)), owner);
                        } else if (v % 3 == 0) {
                            type = "deal.amount-changed";
                            payload = "{\"amount\":{\"amount\":\"" + (1000 + random.nextInt(900000)) + ".00\",\"currency\":\"EUR\"},\"previous\":null}";
                        } else if (v % 3 == 1) {
                            type = "deal.expected-close-date-changed";
                            payload = "{\"expectedCloseDate\":\"" + LocalDate.of(2030, 6, 1).plusDays(random.nextInt(500))
                                    + "\",\"previous\":null}";
                        } else {
                            int to = stage == 8 ? 1 : stage + 1;
                            payload = "{\"from\":" + stage + ",\"to\":" + to + ",\"reason\":\"benchmark\",\"override\":true,\"unmetGate\":{}}";
                            type = "deal.stage-changed";
                            stage = to;
                        }
                        at = at.plusSeconds(3600);
                        var record = new org.apache.kafka.clients.producer.ProducerRecord<String, String>(
                                prefix + "-deal-events", deal.toString(), payload);
                        header(record, "ce_specversion", "1.0");
                        header(record, "ce_id", UUID.randomUUID().toString());
                        header(record, "ce_source", "/deal-service");
                        header(record, "ce_type", "io.dealstream." + type + ".v1");
                        header(record, "ce_subject", deal.toString());
                        header(record, "ce_time", at.toString());
                        header(record, "ce_streamversion", Integer.toString(v));
                        header(record, "ce_streamtype", "deal");
                        header(record, "ce_actor", owner.toString());
                        header(record, "ce_recordedat", at.toString());
                        header(record, "content-type", "application/json");
                        producer.send(record);
                    }
                }
                producer.flush();
            }
            System.out.printf(Locale.ROOT, "fill: %d events on %s-deal-events in %.1f s%n", written, prefix,
                    (System.nanoTime() - t0) / 1e9);
        }

        static void header(org.apache.kafka.clients.producer.ProducerRecord<String, String> r, String k, String v) {
            r.headers().add(k, v.getBytes(StandardCharsets.UTF_8));
        }

        static void raw(String prefix, String bootstrap, int passes) throws InterruptedException {
            Properties p = props(bootstrap);
            p.put("enable.auto.commit", "false");
            p.put("max.poll.records", "5000");
            p.put("fetch.max.bytes", Integer.toString(64 * 1024 * 1024));
            p.put("max.partition.fetch.bytes", Integer.toString(8 * 1024 * 1024));
            var de = new org.apache.kafka.common.serialization.StringDeserializer();
            double best = 0;
            long records = 0;
            double bestSeconds = 0;
            List<String> rates = new ArrayList<>();
            for (int pass = 1; pass <= passes; pass++) {
                quiet();
                try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(p, de, de)) {
                    List<org.apache.kafka.common.TopicPartition> parts = new ArrayList<>();
                    for (String c : CHANNELS) {
                        consumer.partitionsFor(prefix + "-" + c, Duration.ofSeconds(30)).forEach(i ->
                                parts.add(new org.apache.kafka.common.TopicPartition(i.topic(), i.partition())));
                    }
                    consumer.assign(parts);
                    consumer.seekToBeginning(parts);
                    var ends = consumer.endOffsets(parts);
                    long total = ends.values().stream().mapToLong(Long::longValue).sum();
                    long read = 0;
                    long bytes = 0;
                    long t0 = System.nanoTime();
                    while (read < total) {
                        for (var r : consumer.poll(Duration.ofMillis(200))) {
                            read++;
                            bytes += r.value() == null ? 0 : r.value().length();
                            for (var h : r.headers()) {
                                bytes += h.value().length; // touch the headers, as any consumer of CloudEvents must
                            }
                        }
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    System.out.printf(Locale.ROOT, "raw pass %d: %d records in %.2f s = %.0f records/s (%d payload+header"
                            + " bytes)%n", pass, read, s, read / s, bytes);
                    rates.add(String.format(Locale.ROOT, "%.0f", read / s));
                    if (read / s > best) {
                        best = read / s;
                        records = read;
                        bestSeconds = s;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "raw: %d records in %.2f s = %.0f records/s (the best of %d passes: %s)%n",
                    records, bestSeconds, best, passes, String.join(", ", rates));
        }

        /**
         * The end offsets of the run's topics as the live read model's positions, in the form service-support's
         * MongoReadPositions keeps them, in the collection of a new database's first generation (forecast-service's
         * Generations: {@code positions_g1}). With {@code behind} > 0, about that many events before the ends, shared
         * out over the partitions by their sizes, each share whole deals ({@link #fill} writes a deal's events one
         * after the other, to one partition): the live consumer folds them when the service starts, from each deal's
         * first event, as a service that has been running has folded events before its first rebuild.
         */
        static void caughtUp(String prefix, String bootstrap, String database, long behind, int perDeal) {
            Properties p = props(bootstrap);
            var de = new org.apache.kafka.common.serialization.ByteArrayDeserializer();
            try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(p, de, de);
                 var mongo = com.mongodb.client.MongoClients.create(System.getProperty("mongodb", "mongodb://127.0.0.1:27017"))) {
                List<org.apache.kafka.common.TopicPartition> parts = new ArrayList<>();
                for (String c : CHANNELS) {
                    consumer.partitionsFor(prefix + "-" + c, Duration.ofSeconds(30))
                            .forEach(i -> parts.add(new org.apache.kafka.common.TopicPartition(i.topic(), i.partition())));
                }
                var ends = consumer.endOffsets(parts);
                var starts = consumer.beginningOffsets(parts);
                long total = 0;
                for (var tp : parts) {
                    total += ends.get(tp) - starts.get(tp);
                }
                List<org.bson.Document> positions = new ArrayList<>();
                long left = 0;
                for (var tp : parts) {
                    long size = ends.get(tp) - starts.get(tp);
                    long share = total == 0 ? 0 : Math.min(size, behind * size / total / perDeal * perDeal);
                    left += share;
                    positions.add(new org.bson.Document("_id", tp.topic() + "/" + tp.partition())
                            .append("topic", tp.topic()).append("partition", tp.partition())
                            .append("next", ends.get(tp) - share));
                }
                mongo.getDatabase(database).getCollection("positions_g1").insertMany(positions);
                System.out.println("caught-up: " + positions.size() + " partitions at their end in " + database
                        + (left > 0 ? ", but for " + left + " events the live consumer reads at its start" : ""));
            }
        }

        static void drop(String prefix, String bootstrap, String database) throws Exception {
            try (var admin = org.apache.kafka.clients.admin.Admin.create(props(bootstrap))) {
                List<String> topics = admin.listTopics().names().get().stream()
                        .filter(t -> t.startsWith(prefix + "-")).toList();
                admin.deleteTopics(topics).all().get();
                System.out.println("drop: topics " + topics);
            }
            if (database != null) {
                try (var mongo = com.mongodb.client.MongoClients.create(System.getProperty("mongodb", "mongodb://127.0.0.1:27017"))) {
                    mongo.getDatabase(database).drop();
                    System.out.println("drop: database " + database);
                }
            }
        }
    }
}
