package io.dealstream.forecast.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.forecast.config.ForecastConfig;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.messaging.IncomingEvent;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Rebuilds every read model from offset 0 into the next generation of collections while the active one keeps
 * answering, then switches. Plain consumers (no group) read all partitions of the four topics, each its share on its
 * own thread ({@code forecast.rebuild-readers}), reading and parsing the events; one more thread folds them into
 * documents held in memory, written once each when too many are held, when
 * the heap fills ({@link HeapAfterCollection}), or when caught up (same pure evolve functions as the live consumer, so
 * the result is byte-identical). When it has caught up with the end offsets seen at its start, it closes the live
 * consumer's {@link Gate} (no message in progress), reads up to the end offsets of that moment, keeps them as the new
 * generation's positions, switches generation and reopens the gate: whatever the live consumer processed before is in
 * the rebuild, whatever comes after it applies to the new generation; nothing is lost.
 */
@ApplicationScoped
public class Rebuilder {

    private static final Logger LOG = Logger.getLogger(Rebuilder.class);

    /**
     * The shares of the maximum heap (held after the pools' own last collections; in use after the latest collection)
     * above which the documents held are written out and let go, before {@code forecast.rebuild-documents-in-memory}
     * is reached: see {@link HeapAfterCollection}.
     */
    static final double HEAP_HELD = 0.5;
    static final double HEAP_IN_USE = 0.75;

    /** What a rebuild is doing. */
    public enum State { IDLE, REBUILDING, SWITCHING, DONE, FAILED }

    /** A snapshot of the rebuild for the status endpoint. */
    public record Progress(State state, Integer generation, Instant startedAt, Instant finishedAt, long eventsRead,
                           Long eventsPerSecond, String error, List<PartitionProgress> partitions) {
    }

    public record PartitionProgress(String topic, int partition, long position, long target) {
    }

    private final Generations generations;
    private final Gate gate;
    private final Writers writers;
    private final Topics topics;
    private final ObjectMapper json;
    private final Clock clock;
    private final int batchSize;
    private final int readers;
    private final int cacheLimit;
    private final AtomicLong eventsRead = new AtomicLong();
    private volatile State state = State.IDLE;
    private volatile Integer generation;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile long elapsedNanos;
    private volatile String error;
    /**
     * Time the slowest reader spent reading and parsing, per step (the folding thread's own times are in its
     * {@link Folder}).
     */
    private long readNanos;
    private final Map<TopicPartition, long[]> positions = new java.util.concurrent.ConcurrentHashMap<>();

    public Rebuilder(Generations generations, Gate gate, Topics topics, ObjectMapper json, Clock clock,
                     ForecastConfig config, MeterRegistry metrics, Writers writers) {
        this.generations = generations;
        this.writers = writers;
        this.gate = gate;
        this.topics = topics;
        this.json = json;
        this.clock = clock;
        this.batchSize = config.rebuildBatchSize();
        this.readers = Math.max(1, config.rebuildReaders());
        this.cacheLimit = config.rebuildDocumentsInMemory();
        metrics.gauge("forecast.rebuild.events.read", eventsRead);
    }

    /** Starts a rebuild on its own thread; a second one while one runs is a conflict. */
    public synchronized Progress start() {
        if (state == State.REBUILDING || state == State.SWITCHING) {
            throw Rejection.conflict("rebuild-running", "a rebuild is already running; follow it at GET /admin/projections/status");
        }
        state = State.REBUILDING;
        generation = generations.begin();
        startedAt = clock.instant();
        finishedAt = null;
        error = null;
        eventsRead.set(0);
        positions.clear();
        readNanos = 0;
        Thread thread = new Thread(this::run, "forecast-rebuild");
        thread.setDaemon(true);
        thread.start();
        return progress();
    }

    public Progress progress() {
        List<PartitionProgress> parts = new ArrayList<>();
        new TreeMap<String, long[]>(toNames(positions)).forEach((k, v) -> {
            int dash = k.lastIndexOf('-');
            parts.add(new PartitionProgress(k.substring(0, dash), Integer.parseInt(k.substring(dash + 1)), v[0], v[1]));
        });
        long nanos = elapsedNanos;
        Long rate = nanos <= 0 ? null : eventsRead.get() * 1_000_000_000L / nanos;
        return new Progress(state, generation, startedAt, finishedAt, eventsRead.get(), rate, error, parts);
    }

    private static Map<String, long[]> toNames(Map<TopicPartition, long[]> positions) {
        Map<String, long[]> out = new HashMap<>();
        positions.forEach((tp, v) -> out.put(tp.toString(), v));
        return out;
    }

    /** Rebuilds into {@code generation} (on the thread {@link #start} began); returns when it has switched or failed. */
    private void run() {
        long t0 = System.nanoTime();
        int target = generation;
        Properties p = topics.client();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        // fetched records at most a sixteenth of the heap (64 MiB from 1 GB up), shared by the readers: with 64 MiB in
        // a 256 MB heap, a rebuild of 1,000,000 events wrote its documents out 99-146 times for the heap's sake, with
        // 16 MiB 2-13 times, at the same rate
        long fetchBytes = Math.min(64L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 16);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Long.toString(fetchBytes / readers));
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024));
        boolean gateClosed = false;
        List<KafkaConsumer<byte[], byte[]>> consumers = new ArrayList<>();
        ExecutorService others = Executors.newFixedThreadPool(Math.max(1, readers - 1), r -> {
            Thread t = new Thread(r, "forecast-rebuild-read");
            t.setDaemon(true);
            return t;
        });
        try (Folder folder = new Folder(target)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                consumers.add(new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
            }
            KafkaConsumer<byte[], byte[]> first = consumers.get(0);
            for (String topic : topics.names()) {
                first.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            // each reader its share of the partitions, dealt in turn
            for (int i = 0; i < readers; i++) {
                List<TopicPartition> share = new ArrayList<>();
                for (int k = i; k < partitions.size(); k += readers) {
                    share.add(partitions.get(k));
                }
                consumers.get(i).assign(share);
                consumers.get(i).seekToBeginning(share);
            }
            readUpTo(consumers, endOffsets(consumers), folder, others, t0);
            state = State.SWITCHING;
            // the live projection first writes what it holds (up to forecast.live-backlog events)
            gate.close(Duration.ofMinutes(5));
            gateClosed = true;
            Map<TopicPartition, Long> ends = endOffsets(consumers);
            readUpTo(consumers, ends, folder, others, t0);
            long switching = System.nanoTime();
            generations.positions(target).raise(ends); // the live consumer resumes there after a restart
            generations.switchTo(target);
            long switchNanos = System.nanoTime() - switching;
            elapsedNanos = System.nanoTime() - t0;
            finishedAt = clock.instant();
            state = State.DONE;
            LOG.infof("rebuilt generation %d from %d events in %d ms: reading and parsing %d ms; folding %d ms and "
                    + "writing %d ms (on a second thread, meanwhile; written out %d times before the end, when too "
                    + "many documents were held or the heap filled); indexing and switching %d ms", target,
                    eventsRead.get(), elapsedNanos / 1_000_000, readNanos / 1_000_000, folder.foldNanos / 1_000_000,
                    folder.writeNanos / 1_000_000, folder.writtenOut, switchNanos / 1_000_000);
        } catch (Exception | Error e) { // an OutOfMemoryError too: the state must not stay REBUILDING for ever
            LOG.errorf(e, "the rebuild into generation %d failed; the active generation stays", target);
            error = e.toString();
            state = State.FAILED;
            finishedAt = clock.instant();
            generations.abandon(target);
        } finally {
            if (gateClosed) {
                gate.reopen();
            }
            others.shutdownNow(); // after a failure, a reader may still be polling: it is interrupted, then closed
            try {
                others.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (KafkaConsumer<byte[], byte[]> consumer : consumers) {
                try {
                    consumer.close();
                } catch (RuntimeException e) {
                    LOG.warnf("closing a rebuild consumer: %s", e);
                }
            }
        }
    }

    /**
     * The end offsets of every reader's partitions, each asked by the consumer they are assigned to: a consumer asked
     * for the ends of partitions it is not assigned warns once for each ("Not updating high watermark ... no longer
     * assigned"), a dozen lines per rebuild in the log.
     */
    private static Map<TopicPartition, Long> endOffsets(List<KafkaConsumer<byte[], byte[]>> consumers) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (KafkaConsumer<byte[], byte[]> consumer : consumers) {
            ends.putAll(consumer.endOffsets(consumer.assignment()));
        }
        return ends;
    }

    /**
     * Reads and parses up to {@code ends}, each consumer on its own thread (the first on this one); the folder folds
     * meanwhile. Returns when everything read is written.
     */
    private void readUpTo(List<KafkaConsumer<byte[], byte[]>> consumers, Map<TopicPartition, Long> ends, Folder folder,
                          ExecutorService others, long t0) throws Exception {
        ends.forEach((tp, end) -> positions.compute(tp, (k, v) -> new long[] {v == null ? 0 : v[0], end}));
        List<Future<Long>> rest = new ArrayList<>();
        for (KafkaConsumer<byte[], byte[]> consumer : consumers.subList(1, consumers.size())) {
            rest.add(others.submit(() -> read(consumer, ends, folder, t0)));
        }
        long slowest = read(consumers.get(0), ends, folder, t0);
        for (Future<Long> other : rest) {
            try {
                slowest = Math.max(slowest, other.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
            }
        }
        readNanos += slowest;
        folder.writeAll();
        elapsedNanos = System.nanoTime() - t0;
    }

    /**
     * One reader: its consumer's partitions up to their ends, in batches to the folder; returns its busy time.
     *
     * <p>The work per poll is in methods of its own ({@link #caughtUp}, the poll, {@link #parse}), each called once a
     * poll: the JIT compiles them early and whole, and this loop stays small. With their bodies written in this loop,
     * it was compiled on the stack with everything they inline (80 KB of machine code, a second of compiling on two
     * cores), and again after every rebuild's end, whose exit branch the compiled loop had never seen taken: a second of
     * every warm rebuild went to the compiler.
     */
    private long read(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends, Folder folder, long t0)
            throws InterruptedException {
        long busy = 0;
        List<IncomingEvent> batch = new ArrayList<>(batchSize);
        while (true) {
            long t = System.nanoTime();
            if (caughtUp(consumer, ends)) {
                break;
            }
            parse(consumer.poll(Duration.ofMillis(200)), batch);
            busy += System.nanoTime() - t;
            if (batch.size() >= batchSize) {
                folder.fold(batch);
                batch = new ArrayList<>(batchSize);
            }
            elapsedNanos = System.nanoTime() - t0;
        }
        folder.fold(batch);
        consumer.resume(consumer.paused());
        return busy;
    }

    /** Whether each of the consumer's partitions is at its end (those that are, paused); their positions noted. */
    private boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        boolean done = true;
        for (TopicPartition tp : consumer.assignment()) {
            long position = consumer.position(tp);
            positions.get(tp)[0] = position;
            if (position < ends.get(tp)) {
                done = false;
            } else {
                consumer.pause(List.of(tp));
            }
        }
        return done;
    }

    /** The events of one poll's records, added to {@code batch}. */
    private void parse(ConsumerRecords<byte[], byte[]> records, List<IncomingEvent> batch) {
        eventsRead.addAndGet(records.count()); // once a poll: the readers share the counter
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                batch.add(IncomingEvent.of(record.headers(), record.value(), json));
            } catch (IncomingEvent.Unreadable e) {
                // the live consumer dead-lettered it
            }
        }
    }

    /**
     * Folds the parsed batches into the documents held in memory, in the order read (per-stream order is per
     * partition), on its own thread while the next batch is read and parsed. Documents stay in memory across batches
     * and are written once, when too many are held or the rebuild has caught up: with many events per stream that is
     * far fewer writes than events.
     */
    private final class Folder implements AutoCloseable {

        /** Events to fold, or (null) the order to write everything held and say so. */
        private record Step(List<IncomingEvent> events, CompletableFuture<Void> written) {
        }

        private static final Step STOP = new Step(null, null);

        /** One batch waits while one is folded and the next read: enough to keep both threads busy, no more memory. */
        private final BlockingQueue<Step> steps = new ArrayBlockingQueue<>(1);
        private final HeldDocuments held;
        private final Thread thread;
        private volatile Throwable failure;
        long foldNanos;
        long writeNanos;
        /** Times the documents held were written out and let go before the rebuild had caught up. */
        int writtenOut;
        /**
         * When the documents held were last let go (or the rebuild began, holding none): the heap is judged by what
         * collections reported since, not by readings that still count them.
         */
        private HeapAfterCollection.Mark letGo = HeapAfterCollection.mark();

        Folder(int target) {
            this.held = new HeldDocuments(generations, target, true, writers);
            this.thread = new Thread(this::run, "forecast-rebuild-fold");
            this.thread.setDaemon(true);
            this.thread.start();
        }

        void fold(List<IncomingEvent> events) throws InterruptedException {
            put(new Step(events, null));
        }

        /** Waits until everything folded so far is written. */
        void writeAll() throws InterruptedException {
            CompletableFuture<Void> written = new CompletableFuture<>();
            put(new Step(null, written));
            try {
                written.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }

        private void put(Step step) throws InterruptedException {
            while (!steps.offer(step, 100, TimeUnit.MILLISECONDS)) {
                if (failure != null) {
                    throw new IllegalStateException("folding failed", failure);
                }
            }
        }

        private void run() {
            try {
                while (true) {
                    Step step = steps.take();
                    if (step == STOP) {
                        return;
                    }
                    try {
                        if (step.events() != null) {
                            long t0 = System.nanoTime();
                            held.fold(step.events()).forEach((e, poison) -> LOG.debugf(
                                    "skipping %s v%d of %s (the live consumer dead-lettered it): %s",
                                    e.type(), e.streamVersion(), e.streamId(), poison.getMessage()));
                            foldNanos += System.nanoTime() - t0;
                            if (held.size() > cacheLimit || HeapAfterCollection.above(HEAP_HELD, HEAP_IN_USE, letGo)) {
                                write();
                                writtenOut++;
                            }
                        } else {
                            write();
                            step.written().complete(null);
                        }
                    } catch (RuntimeException | Error e) { // an OutOfMemoryError too: the reader polls failure
                        failure = e;
                        if (step.written() != null) {
                            step.written().completeExceptionally(e);
                        }
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Writes every changed document held in memory and forgets them all. */
        private void write() {
            long t0 = System.nanoTime();
            HeldDocuments.Unwritten unwritten = held.write();
            if (!unwritten.conflicts().isEmpty()) {
                throw new IllegalStateException("documents of generation " + held.generation()
                        + " changed under the rebuild: " + unwritten.conflicts());
            }
            unwritten.rejected().forEach((key, reason) -> LOG.errorf("the rebuild could not store %s %s: %s",
                    key.kind(), key.id(), reason));
            held.clear();
            letGo = HeapAfterCollection.mark();
            writeNanos += System.nanoTime() - t0;
        }

        @Override
        public void close() throws InterruptedException {
            if (failure == null) {
                steps.offer(STOP, 5, TimeUnit.SECONDS);
            }
            thread.interrupt();
            thread.join(5_000);
        }
    }
}
