import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import de.bwaldvogel.mongo.MongoThreadFactory;
import de.bwaldvogel.mongo.wire.BsonConstants;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import de.bwaldvogel.mongo.wire.OpCode;
import de.bwaldvogel.mongo.wire.message.ClientRequest;
import de.bwaldvogel.mongo.wire.message.MessageHeader;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.nio.charset.StandardCharsets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import org.h2.mvstore.MVStore;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;

/**
 * A MongoDB wire-protocol server for machines without a real {@code mongod}: mongo-java-server's in-memory backend,
 * made durable by a journal.
 *
 * <p>Run as a single source file (JEP 330), with mongo-java-server on the class path:
 * <pre>java -cp '.dealstream/lib/mongo/*' deploy/local/servers/mongo/MongoMain.java DATA_DIR HOST PORT</pre>
 *
 * <p>Every command that changes data (insert, update, delete, findAndModify, create, createIndexes, drop,
 * dropIndexes, dropDatabase, renameCollection, aggregate with {@code $out}/{@code $merge}) is applied and appended
 * to {@code DATA_DIR/journal.bson} before its reply is sent. Writes are applied one at a time, so the journal's order
 * is the order they took effect, and replaying it rebuilds the same data. The file is written through to the
 * operating system with every command (a killed server loses nothing it acknowledged) and forced to disk every
 * 100 ms (a machine crash can lose the last 100 ms, as with mongod's default journal interval). At start the journal
 * is replayed (a record torn by a crash is cut off) and rewritten as a snapshot: one {@code create},
 * {@code createIndexes} and batched {@code insert}s per collection; the same happens while running once the journal
 * has grown past four times its last snapshot (at least {@code DEALSTREAM_MONGO_COMPACT_MB}, default 512).
 *
 * <p>Why not mongo-java-server's H2 backend, used before: it serialises every document and every index key with
 * Java serialization, about 0.8 ms per insert and 5 ms per update under load, and was most of the time of the
 * forecast benchmarks (docs/benchmarks.md). Data left by it ({@code DATA_DIR/dealstream.mv}) is migrated into the
 * journal on the first start and the file renamed to {@code dealstream.mv.migrated}.
 *
 * <p>Non-unique indexes on one field, which mongo-java-server accepts but ignores (every query scanned the
 * collection), are kept as hash indexes ({@link SecondaryIndex}) and serve equality and {@code $in} queries on that
 * field, arrays included (multikey).
 *
 * <p>Requests are decoded by {@link StandInWire} ({@link BsonReader}), not mongo-java-server's decoder: field names are
 * shared Strings from the start, and a write command's request bytes go into the journal as they came, without
 * being encoded again (a rebuild of the forecast read models sends ~100 MB of documents).
 *
 * <p>Ids the server makes up are pinned in the journal, so a replay gets the same ones: an insert's missing
 * {@code _id} is filled in before the command is journaled, and an upsert's generated {@code _id} is written into
 * the journaled statement. SIGTERM closes the server and forces the journal (shutdown hook).
 */
public class MongoMain {

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: MongoMain DATA_DIR HOST PORT");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        Files.createDirectories(dataDir);
        long compactBytes = Long.parseLong(System.getenv().getOrDefault("DEALSTREAM_MONGO_COMPACT_MB", "512")) << 20;

        JournaledBackend backend = JournaledBackend.open(dataDir, compactBytes);
        StandInServer server = new StandInServer(backend);
        server.bind(host, port);
        System.out.printf("mongo-java-server listening on %s:%d, journal in %s%n", host, port, dataDir);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("mongo-java-server shutting down");
            server.shutdown(); // stops listening and the worker threads, then closes the backend (forces the journal)
            stopped.countDown();
        }, "mongo-shutdown"));
        stopped.await();
    }
}

/** The in-memory backend with every change journaled; see {@link MongoMain}. */
class JournaledBackend extends MemoryBackend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
        "createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection");
    private static final int SNAPSHOT_BATCH_DOCUMENTS = 500;

    private final ReentrantLock writes = new ReentrantLock();
    private final Path journalFile;
    private final long compactBytes;
    private Journal journal;
    private long lastSnapshotBytes;

    private JournaledBackend(Path journalFile, long compactBytes) {
        this.journalFile = journalFile;
        this.compactBytes = compactBytes;
    }

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedDatabase(databaseName, getCursorRegistry());
    }

    static JournaledBackend open(Path dataDir, long compactBytes) throws IOException {
        JournaledBackend backend = new JournaledBackend(dataDir.resolve("journal.bson"), compactBytes);
        Path legacy = dataDir.resolve("dealstream.mv");
        long started = System.nanoTime();
        if (!Files.exists(backend.journalFile) && Files.exists(legacy)) {
            migrate(legacy, backend.journalFile);
        }
        long records = Journal.replay(backend.journalFile, backend::replay);
        backend.writes.lock();
        try {
            backend.compact();
        } finally {
            backend.writes.unlock();
        }
        System.out.printf("replayed %d journal records in %d ms; snapshot %d MB%n", records,
            (System.nanoTime() - started) / 1_000_000, backend.lastSnapshotBytes >> 20);
        return backend;
    }

    /** Copies what the H2 backend of earlier versions holds into a journal, then sets its file aside. */
    private static void migrate(Path legacy, Path journalFile) throws IOException {
        System.out.printf("migrating %s into %s%n", legacy, journalFile);
        MVStore store = new MVStore.Builder().fileName(legacy.toString()).cacheSize(256).open();
        H2Backend h2 = new H2Backend(store);
        Path tmp = journalFile.resolveSibling(journalFile.getFileName() + ".tmp");
        try (Journal out = Journal.create(tmp)) {
            snapshot(h2, out);
            out.force();
        } finally {
            h2.close();
        }
        Files.move(tmp, journalFile, StandardCopyOption.ATOMIC_MOVE);
        Files.move(legacy, legacy.resolveSibling(legacy.getFileName() + ".migrated"), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The request being handled on this thread, when it came with its bytes. */
    private static final ThreadLocal<StandInWire.RawMessage> REQUEST = new ThreadLocal<>();

    @Override
    public Document handleMessage(MongoMessage message) {
        if (!(message instanceof StandInWire.RawMessage raw)) {
            return super.handleMessage(message);
        }
        REQUEST.set(raw);
        try {
            return super.handleMessage(message);
        } finally {
            REQUEST.remove();
        }
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (!changesData(command, query)) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        StandInWire.RawMessage request = REQUEST.get();
        // journaled as sent unless the server makes up ids the replay must get again
        boolean asSent = request != null && request.getDocument() == query && !insertsWithoutId(command, query);
        writes.lock();
        try {
            Document response = null;
            try {
                response = super.handleCommand(channel, databaseName, command, query);
                return response;
            } finally {
                // Also when it failed: a failed command may have applied a part (an ordered insert up to a duplicate
                // key), and replaying it fails at the same place.
                if (pinUpsertedIds(databaseName, command, query, response) || !asSent) {
                    journal.append(databaseName, query);
                } else {
                    journal.append(databaseName, request);
                }
                if (journal.size() > Math.max(compactBytes, 4 * lastSnapshotBytes)) {
                    compact();
                }
            }
        } finally {
            writes.unlock();
        }
    }

    private static boolean changesData(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (WRITES.contains(name)) {
            return true;
        }
        if (name.equals("aggregate") && query.get("pipeline") instanceof List<?> pipeline) {
            return pipeline.stream().anyMatch(stage -> stage instanceof Document d
                && (d.containsKey("$out") || d.containsKey("$merge")));
        }
        return false;
    }

    /**
     * An upsert whose filter names no {@code _id} gets one made up by the server: written into the journaled
     * statement ({@code $setOnInsert} of an update, the replacement document's {@code _id}) so a replay inserts the
     * same document. An update reports the ids it upserted; a findAndModify that upserted reports nothing (no
     * {@code lastErrorObject}), and the document it made is the one its filter matches now.
     */
    private boolean pinUpsertedIds(String databaseName, String command, Document query, Document response) {
        if (response == null) {
            return false;
        }
        String name = command.toLowerCase(Locale.ROOT);
        boolean pinned = false;
        if (name.equals("update") && response.get("upserted") instanceof List<?> upserted
            && query.get("updates") instanceof List<?> statements) {
            for (Object entry : upserted) {
                Document u = (Document) entry;
                Document statement = (Document) statements.get(((Number) u.get("index")).intValue());
                statement.put("u", withId(statement.get("u"), u.get("_id")));
                pinned = true;
            }
        } else if (name.equals("findandmodify") && Boolean.TRUE.equals(query.get("upsert"))
            && !response.containsKey("lastErrorObject") && query.get("query") instanceof Document filter) {
            MongoCollection<?> collection = resolveDatabase(databaseName).resolveCollection((String) query.get(command), false);
            for (Document made : collection.handleQuery(filter)) {
                query.put("update", withId(query.get("update"), made.get("_id")));
                pinned = true;
                break;
            }
        }
        return pinned;
    }

    /** An insert of a document without {@code _id}: the server makes one up (into the decoded command only). */
    private static boolean insertsWithoutId(String command, Document query) {
        return command.equalsIgnoreCase("insert") && query.get("documents") instanceof List<?> documents
            && documents.stream().anyMatch(d -> !(d instanceof Document document) || !document.containsKey("_id"));
    }

    private static Object withId(Object update, Object id) {
        if (!(update instanceof Document u)) {
            return update; // an aggregation pipeline update: left as it is
        }
        boolean operators = !u.isEmpty() && u.keySet().iterator().next().startsWith("$");
        if (!operators) {
            Document replacement = new Document("_id", id);
            u.forEach((key, value) -> { if (!key.equals("_id")) replacement.put(key, value); });
            return replacement;
        }
        Document pinned = u.clone();
        Document setOnInsert = pinned.get("$setOnInsert") instanceof Document s ? s.clone() : new Document();
        setOnInsert.put("_id", id);
        pinned.put("$setOnInsert", setOnInsert);
        return pinned;
    }

    private static final Channel REPLAY_CHANNEL = new EmbeddedChannel();

    private void replay(String databaseName, Document command) {
        String name = command.keySet().iterator().next();
        try {
            super.handleCommand(REPLAY_CHANNEL, databaseName, name, command);
        } catch (RuntimeException expected) {
            // It failed the same way when it was journaled.
        }
    }

    /** Rewrites the journal as a snapshot of what is held now. Called holding the write lock. */
    private void compact() {
        Path tmp = journalFile.resolveSibling(journalFile.getFileName() + ".tmp");
        long started = System.nanoTime();
        long before = journal == null ? 0 : journal.size();
        try {
            if (journal != null) {
                journal.close(); // forced: the old journal is whole until the snapshot replaces it
            }
            try (Journal out = Journal.create(tmp)) {
                snapshot(this, out);
                out.force();
                lastSnapshotBytes = out.size();
            }
            Files.move(tmp, journalFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            System.out.printf("journal rewritten as a snapshot: %d MB -> %d MB in %d ms (writes waited)%n", before >> 20,
                lastSnapshotBytes >> 20, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            // the old journal stays and goes on (a full disk, say); the next write tries again
            System.err.printf("cannot compact %s: %s%n", journalFile, e);
            lastSnapshotBytes = Math.max(lastSnapshotBytes, compactBytes); // not again at once
        }
        try {
            journal = Journal.append(journalFile);
        } catch (IOException e) {
            Journal.halt("cannot open " + journalFile + " to append", e);
        }
    }

    /** Writes every collection of {@code source} as commands: create, createIndexes, inserts in batches. */
    private static void snapshot(MongoBackend source, Journal out) {
        Document databases = source.handleCommand(REPLAY_CHANNEL, "admin", "listDatabases", new Document("listDatabases", 1));
        for (Object d : (List<?>) databases.get("databases")) {
            String db = (String) ((Document) d).get("name");
            if (db.equals("admin") || db.equals("local")) { // nothing of ours; local held the old oplog
                continue;
            }
            for (Document c : firstBatch(source.handleCommand(REPLAY_CHANNEL, db, "listCollections", new Document("listCollections", 1)))) {
                String collection = (String) c.get("name");
                if (collection.startsWith("system.")) {
                    continue;
                }
                out.append(db, new Document("create", collection));
                MongoCollection<?> data = source.resolveDatabase(db).resolveCollection(collection, false);
                List<Object> batch = new ArrayList<>();
                long read = 0;
                try {
                    for (Document document : stored(data)) {
                        read++;
                        batch.add(document);
                        if (batch.size() >= SNAPSHOT_BATCH_DOCUMENTS) {
                            out.append(db, new Document("insert", collection).append("documents", batch));
                            batch = new ArrayList<>();
                        }
                    }
                } catch (RuntimeException unreadable) {
                    if (!(source instanceof H2Backend)) {
                        throw unreadable;
                    }
                    // A damaged page of the old H2 file: keep what was read, go on with the next collection.
                    System.out.printf("migration: %s.%s could not be read whole (%s); %d documents of it kept%n",
                        db, collection, unreadable, read);
                }
                if (!batch.isEmpty()) {
                    out.append(db, new Document("insert", collection).append("documents", batch));
                }
                List<Object> indexes = new ArrayList<>();
                for (Document index : firstBatch(source.handleCommand(REPLAY_CHANNEL, db, "listIndexes",
                    new Document("listIndexes", collection)))) {
                    if (!"_id_".equals(index.get("name"))) {
                        indexes.add(index);
                    }
                }
                if (!indexes.isEmpty()) {
                    out.append(db, new Document("createIndexes", collection).append("indexes", indexes));
                }
            }
        }
    }

    /**
     * A collection's documents for a snapshot: as stored where the snapshot holds the write lock (a find would copy
     * each, gigabytes of garbage with this machine's data), else as a find returns them.
     */
    private static Iterable<Document> stored(MongoCollection<?> collection) {
        return collection instanceof StandInCollection standIn ? standIn.stored() : collection.queryAll();
    }

    @SuppressWarnings("unchecked")
    private static List<Document> firstBatch(Document cursorResponse) {
        return (List<Document>) ((Document) cursorResponse.get("cursor")).get("firstBatch");
    }

    @Override
    public void close() {
        writes.lock();
        try {
            super.close();
            if (journal != null) {
                journal.close();
                journal = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + journalFile, e);
        } finally {
            writes.unlock();
        }
    }
}

/** The in-memory database with {@link StandInCollection}s and non-unique single-field indexes ({@link SecondaryIndex}). */
class IndexedDatabase extends MemoryDatabase {

    IndexedDatabase(String databaseName, CursorRegistry cursorRegistry) {
        super(databaseName, cursorRegistry);
    }

    @Override
    protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
        return new StandInCollection(this, collectionName, options, cursorRegistry);
    }

    @Override
    protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                     boolean sparse) {
        return new UniqueIndex(indexName, keys, sparse);
    }

    @Override
    protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
        if (keys.size() != 1) {
            return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse); // ignored, as before
        }
        return new SecondaryIndex(indexName, keys, sparse);
    }
}

/**
 * Upstream's unique index, which takes a document's key (three times per insert: two checks and the add) through
 * paths, streams and a regex; a document whose key is one top-level string (an {@code _id}, as every Dealstream
 * document has) is keyed directly, as upstream keys it: a {@code KeyValue} of the string (normalizing leaves a string
 * as it is). Anything else goes upstream's way. Inserting 50,000 documents spent half its time there.
 */
class UniqueIndex extends de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex {

    /** The one top-level field this index is on, or null (a path, several fields). */
    private final String field;

    UniqueIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.field = SecondaryIndex.topLevelField(keys);
    }

    /** The document's key when it is one top-level string, else null. */
    private KeyValue plainKey(Document document) {
        return field != null && document.get(field) instanceof String key ? new KeyValue(key) : null;
    }

    @Override
    public synchronized void checkAdd(Document document, de.bwaldvogel.mongo.MongoCollection<Integer> collection) {
        KeyValue key = plainKey(document);
        if (key == null) {
            super.checkAdd(document, collection);
        } else if (containsKey(key)) {
            throw new de.bwaldvogel.mongo.exception.DuplicateKeyError(this, collection, getKeys(), key);
        }
    }

    @Override
    public synchronized void add(Document document, Integer position,
                                 de.bwaldvogel.mongo.MongoCollection<Integer> collection) {
        KeyValue key = plainKey(document);
        if (key == null) {
            super.add(document, position, collection);
            return;
        }
        checkAdd(document, collection);
        if (!putKeyPosition(key, position)) {
            throw new IllegalStateException("key " + key + " already present");
        }
    }
}

/** How many documents go into one reply batch, and the cursor that hands out the rest batch by batch. */
final class Batches {

    /** mongod's cap on a batch (the largest document size); a reply message may hold at most 48 MB. */
    static final int MAX_BYTES = 16 * 1024 * 1024;

    private Batches() {
    }

    /** How many of {@code documents}, from the first, go into one batch: at least one; {@code asked} <= 0: no count cap. */
    static int fitting(List<Document> documents, int asked) {
        int limit = asked > 0 ? Math.min(asked, documents.size()) : documents.size();
        long bytes = 0;
        for (int i = 0; i < limit; i++) {
            bytes += size(documents.get(i));
            if (bytes > MAX_BYTES && i > 0) {
                return i;
            }
        }
        return limit;
    }

    /** A document's BSON size, closely over-estimated without encoding it (strings counted at 3 bytes a char: UTF-8's worst). */
    static long size(Object value) {
        if (value instanceof Map<?, ?> map) {
            long n = 5;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                n += 2 + 3L * String.valueOf(e.getKey()).length() + size(e.getValue());
            }
            return n;
        }
        if (value instanceof Collection<?> list) {
            long n = 5;
            int i = 0;
            for (Object o : list) {
                n += 2 + String.valueOf(i++).length() + size(o);
            }
            return n;
        }
        if (value instanceof CharSequence text) {
            return 5 + 3L * text.length();
        }
        if (value instanceof byte[] bytes) {
            return 5 + bytes.length;
        }
        if (value instanceof de.bwaldvogel.mongo.bson.BinData binary) {
            return 5 + binary.getData().length;
        }
        if (value instanceof de.bwaldvogel.mongo.bson.BsonRegularExpression || value instanceof de.bwaldvogel.mongo.bson.BsonJavaScript) {
            return 5 + 3L * value.toString().length();
        }
        return 16; // numbers, dates, ids, booleans, null: at most 16 bytes each (decimal128, UUIDs a little more)
    }

    /** The rest of a find's answer; a getMore takes the next batch (upstream's cursor refused a getMore without a size). */
    static final class Cursor extends de.bwaldvogel.mongo.backend.AbstractCursor {

        private List<Document> remaining;

        Cursor(long id, List<Document> remaining) {
            super(id);
            this.remaining = remaining;
        }

        @Override
        public synchronized boolean isEmpty() {
            return remaining.isEmpty();
        }

        @Override
        public synchronized List<Document> takeDocuments(int batchSize) {
            int n = fitting(remaining, batchSize);
            List<Document> batch = remaining.subList(0, n);
            remaining = remaining.subList(n, remaining.size());
            return batch;
        }
    }
}

/**
 * mongo-java-server's in-memory collection, made safe to read while it is written, narrowing a query by any index that
 * handles one of its conditions, and without data-size tracking.
 *
 * <p>The memory backend answers queries with the stored documents themselves and updates them in place, and a reply
 * is encoded after the collection's lock is let go: a document updated meanwhile was encoded half old, half new, or
 * (a field removed) the encoding failed and the connection was closed. Replies to finds (first batch and cursor) and
 * to findAndModify carry copies taken under the lock (the collection's own updates still work on the stored
 * documents; aggregation results are not copied: no service aggregates). mongo-java-server uses an index only for a
 * query on exactly its keys, so {@code {_id: X, version: {$lt: 5}}} (a versioned update's filter), the driver's
 * {@code $and} of such conditions, or {@code {status: ..., customerId: {$in: [...]}}} scanned the whole collection: a
 * query with a condition that an index handles on its own (a value or {@code $in} of values, at the top or in a
 * top-level {@code $and}) now takes its candidates from that index and matches the whole query on each, as mongod
 * does. Data sizes are not tracked: mongo-java-server encoded each written document to BSON once more just to count
 * its bytes for {@code collStats}.
 */
class StandInCollection extends MemoryCollection {

    StandInCollection(de.bwaldvogel.mongo.MongoDatabase database, String collectionName, CollectionOptions options,
                      CursorRegistry cursorRegistry) {
        super(database, collectionName, options, cursorRegistry);
    }

    /** Set while a find is answered (under the collection's lock), not while an update looks up its documents. */
    private boolean replying;
    /** Set while the server queries for itself (see {@link #handleQuery(Document, int, int)}). */
    private boolean internal;
    /** See {@link #inIdOrder}. */
    private final java.util.TreeMap<String, Integer> idOrder = new java.util.TreeMap<>();

    /** The documents as stored, not copies: only for whoever holds the backend's write lock (a snapshot). */
    synchronized List<Document> stored() {
        List<Document> out = new ArrayList<>();
        streamAllDocumentsWithPosition().forEach(d -> out.add(d.getDocument()));
        return out;
    }

    @Override
    public synchronized de.bwaldvogel.mongo.backend.QueryResult handleQuery(
        de.bwaldvogel.mongo.backend.QueryParameters queryParameters) {
        replying = true;
        try {
            return super.handleQuery(queryParameters);
        } finally {
            replying = false;
        }
    }

    /**
     * A query the server makes for itself (a count, distinct, an aggregation's first {@code $match}): every match in
     * one answer, as upstream gives it, never a batch and a cursor. (Batched, a count saw only the first 16 MiB of
     * matches, and the rest stayed in a cursor nobody would read, until the stand-in ran out of memory.)
     */
    @Override
    public synchronized de.bwaldvogel.mongo.backend.QueryResult handleQuery(Document query, int numberToSkip,
                                                                           int limit) {
        internal = true;
        try {
            return handleQuery(new de.bwaldvogel.mongo.backend.QueryParameters(query, numberToSkip, limit));
        } finally {
            internal = false;
        }
    }

    /**
     * A find's answer, batched as mongod batches it: no batch holds more than {@link Batches#MAX_BYTES} of documents
     * (at least one), nor more than the batch size asked for; the rest waits in a cursor for getMore (one without a
     * batch size gets the same cap). Upstream put every match into the first reply when no batch size was given: a
     * company-wide read of 150,000 deals was one 251 MB message, which drivers refuse (at most 48 MB) or run out of
     * memory reading. The documents are copies taken now, under the collection's lock.
     */
    @Override
    protected de.bwaldvogel.mongo.backend.QueryResult createQueryResult(List<Document> matchedDocuments, int batchSize) {
        if (!replying || internal) {
            return super.createQueryResult(matchedDocuments, batchSize);
        }
        List<Document> copies = new ArrayList<>(matchedDocuments.size());
        matchedDocuments.forEach(d -> copies.add(d.cloneDeeply()));
        int first = Batches.fitting(copies, batchSize);
        if (first == copies.size()) {
            return new de.bwaldvogel.mongo.backend.QueryResult(copies);
        }
        Batches.Cursor rest = new Batches.Cursor(cursorRegistry.generateCursorId(), copies.subList(first, copies.size()));
        cursorRegistry.add(rest);
        return new de.bwaldvogel.mongo.backend.QueryResult(copies.subList(0, first), rest);
    }

    @Override
    protected de.bwaldvogel.mongo.backend.QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip,
                                                                    int limit, int batchSize, Document fieldSelector) {
        boolean whole = getIndexes().stream().anyMatch(index -> index.canHandle(query));
        boolean walk = walksInIdOrder(orderBy, limit);
        List<Document> terms = whole && !walk ? List.of() : conjuncts(query);
        // found once: the walk's cost check and the narrowing below both use them
        List<Integer> fewest = fewestCandidates(terms);
        List<Document> ordered = walk ? inIdOrder(query, terms, fewest, numberToSkip, limit) : null;
        if (ordered != null) { // matched and in order: upstream skips, limits, projects and answers
            return super.matchDocumentsFromStream(new Document(), ordered.stream(), numberToSkip, limit, batchSize,
                null, fieldSelector);
        }
        if (!whole && fewest != null) {
            return matchDocuments(query, fewest, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * The candidates of the most selective condition a single-field index handles (a value, or {@code $in} of values),
     * or null where no index handles one.
     */
    private List<Integer> fewestCandidates(List<Document> terms) {
        List<Integer> fewest = null;
        for (Document term : terms) {
            for (Index<Integer> index : getIndexes()) {
                if (index.getKeys().size() == 1 && index.canHandle(term)) {
                    List<Integer> candidates = new ArrayList<>();
                    index.getPositions(term).forEach(candidates::add);
                    if (fewest == null || candidates.size() < fewest.size()) {
                        fewest = candidates;
                    }
                    break;
                }
            }
        }
        return fewest;
    }

    /**
     * A sorted query: upstream sorts every matching document with a comparator that finds each sort field again, path
     * split by a regex, at every comparison. Here each document's sort values are read once and, with a limit, only the
     * first skip + limit are kept (a bounded heap), ties in the order met as upstream's stable sort: a page of 500 by
     * {@code _id} out of 20,000 deals cost 300 ms of CPU, and a notification rules run asks for forty of them.
     */
    @Override
    protected de.bwaldvogel.mongo.backend.QueryResult matchDocumentsFromStream(java.util.stream.Stream<Document> documents,
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        if (orderBy == null || orderBy.isEmpty() || orderBy.keySet().iterator().next().equals("$natural")) {
            return super.matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        List<String> fields = new ArrayList<>(orderBy.keySet());
        List<java.util.Comparator<Object>> orders = new ArrayList<>();
        for (String field : fields) {
            orders.add(((Number) orderBy.get(field)).intValue() > 0 ? ValueComparator.asc() : ValueComparator.desc());
        }
        java.util.Comparator<Sortable> order = (a, b) -> {
            for (int i = 0; i < a.values().length; i++) {
                int c = orders.get(i).compare(a.values()[i], b.values()[i]);
                if (c != 0) {
                    return c;
                }
            }
            return Long.compare(a.met(), b.met());
        };
        long wanted = limit > 0 ? (long) Math.max(numberToSkip, 0) + limit : Long.MAX_VALUE;
        java.util.PriorityQueue<Sortable> first = new java.util.PriorityQueue<>(order.reversed());
        List<Sortable> all = new ArrayList<>();
        long[] met = {0};
        documents.filter(document -> documentMatchesQuery(document, query)).forEach(document -> {
            Object[] values = new Object[fields.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = Utils.getSubdocumentValueCollectionAware(document, fields.get(i));
            }
            Sortable s = new Sortable(values, met[0]++, document);
            if (wanted == Long.MAX_VALUE) {
                all.add(s);
            } else {
                first.add(s);
                if (first.size() > wanted) {
                    first.poll();
                }
            }
        });
        List<Sortable> sorted = wanted == Long.MAX_VALUE ? all : new ArrayList<>(first);
        sorted.sort(order);
        // sorted and matched: upstream skips, limits, projects and answers
        return super.matchDocumentsFromStream(new Document(), sorted.stream().map(Sortable::document), numberToSkip,
            limit, batchSize, null, fieldSelector);
    }

    /** A matching document with its sort values, read once, and the order it was met in. */
    private record Sortable(Object[] values, long met, Document document) {
    }

    /** The one {@code _id} a query asks for by equality, at its top or in a top-level {@code $and}; else null. */
    /**
     * The single-field conditions every match must meet, each as a query of its own: the query's top-level fields and
     * those of its top-level {@code $and} (nested ones too), {@code _id} first. An index that handles one of them
     * (a value, or {@code $in} of values) narrows the candidates (the one with the fewest, where several do); the
     * whole query is still matched on each.
     */
    private static List<Document> conjuncts(Document query) {
        List<Document> out = new ArrayList<>();
        query.forEach((field, condition) -> {
            if (!field.startsWith("$")) {
                out.add(new Document(field, condition));
            }
        });
        if (query.get("$and") instanceof List<?> terms) {
            for (Object term : terms) {
                if (term instanceof Document d) {
                    out.addAll(conjuncts(d));
                }
            }
        }
        out.sort(java.util.Comparator.comparing(term -> !term.containsKey("_id")));
        return out;
    }

    @Override
    public synchronized Document findAndModify(Document query) {
        Document result = super.findAndModify(query);
        if (result.get("value") instanceof Document value) {
            result.put("value", value.cloneDeeply());
        }
        return result;
    }

    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    /**
     * The same value with {@link Names shared} field names, in nested documents and arrays too; the value itself when
     * it has them already (as every document {@link BsonReader} decoded does).
     */
    private static Object compact(Object value) {
        if (isCompact(value)) {
            return value;
        }
        if (value instanceof Document document) {
            Document out = new Document();
            document.forEach((name, field) -> out.put(Names.shared(name), compact(field)));
            return out;
        }
        List<Object> out = new ArrayList<>();
        ((List<?>) value).forEach(element -> out.add(compact(element)));
        return out;
    }

    private static boolean isCompact(Object value) {
        if (value instanceof Document document) {
            for (Map.Entry<String, Object> field : document.entrySet()) {
                if (!Names.isShared(field.getKey()) || !isCompact(field.getValue())) {
                    return false;
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object element : list) {
                if (!isCompact(element)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    protected Integer addDocumentInternal(Document document) {
        Document stored = (Document) compact(document);
        Integer position = super.addDocumentInternal(stored);
        if (stored.get("_id") instanceof String id) {
            idOrder.put(id, position);
        }
        return position;
    }

    @Override
    protected void removeDocument(Integer position) {
        Document stored = getDocument(position);
        if (stored != null && stored.get("_id") instanceof String id) {
            idOrder.remove(id);
        }
        super.removeDocument(position);
    }

    /**
     * String ids in order (as upstream compares strings), to their positions: a query sorted by {@code _id} with a
     * limit, from the start or after an id ({@code $gt}/{@code $gte}, at the top or in a top-level {@code $and}),
     * walks them and stops at the limit instead of matching and sorting the whole collection; keyset pages (by
     * {@code _id}, as notification-service reads its deals) cost their page, not the collection. For the queries
     * {@link #walksInIdOrder} admits; null where another condition on {@code _id} rules the walk out, and where an index
     * narrows one
     * of the other conditions to fewer candidates than the walk would pass, as mongod's planner weighs an index against
     * the {@code _id} order: a walk passes about {@code wanted × documents / candidates} documents, the index its
     * candidates (then the bounded sort of {@link #matchDocumentsFromStream}). A rep's 1,000 deals out of 150,000 come
     * by the owners index; the open half of them come by the walk.
     */
    private List<Document> inIdOrder(Document query, List<Document> terms, List<Integer> fewest, int numberToSkip,
                                     int limit) {
        long wanted = (long) Math.max(numberToSkip, 0) + limit;
        if (fewest != null && (long) fewest.size() * fewest.size() < wanted * count()) {
            return null; // the index is cheaper (an index on _id serves only values: those are not walked either)
        }
        java.util.NavigableMap<String, Integer> from = idOrder;
        List<Object> conditions = terms.stream().filter(term -> term.containsKey("_id")).map(term -> term.get("_id"))
            .toList();
        if (conditions.size() > 1) {
            return null;
        }
        Object condition = conditions.isEmpty() ? null : conditions.get(0);
        if (condition instanceof Document range && range.size() == 1) {
            if (range.get("$gt") instanceof String after) {
                from = idOrder.tailMap(after, false);
            } else if (range.get("$gte") instanceof String after) {
                from = idOrder.tailMap(after, true);
            } else {
                return null;
            }
        } else if (condition != null) {
            return null;
        }
        List<Document> found = new ArrayList<>();
        for (Integer position : from.values()) {
            Document document = getDocument(position);
            if (documentMatchesQuery(document, query) && found.add(document) && found.size() >= wanted) {
                break;
            }
        }
        return found;
    }

    /** Whether a query could walk in id order: sorted by {@code _id} ascending, with a limit, every id a string. */
    private boolean walksInIdOrder(Document orderBy, int limit) {
        return limit > 0 && orderBy != null && orderBy.size() == 1 && orderBy.get("_id") instanceof Number direction
            && direction.intValue() == 1 && idOrder.size() == count();
    }


    /** An update changed the stored document in place, with names the update made (a path's parts, say). */
    @Override
    protected void handleUpdate(Integer position, Document oldDocument, Document stored) {
        Document compacted = (Document) compact(stored);
        if (compacted != stored) {
            stored.clear();
            stored.putAll(compacted);
        }
        super.handleUpdate(position, oldDocument, stored);
    }
}

/**
 * A non-unique hash index on one field: each key value (each element of an array) to the positions of the documents
 * holding it. It serves queries on exactly its field with a plain value or {@code $in} of plain values; the collection
 * still matches every document it returns against the whole query, so it only has to return a superset.
 */
class SecondaryIndex extends Index<Integer> {

    /** Per key, the position of the one document holding it, or a {@code Set<Integer>} of the positions of several. */
    private final Map<Object, Object> positions = new HashMap<>();
    private final Map<Integer, Set<Object>> keysAt = new HashMap<>();
    private final Map<Object, Integer> positionOfId = new HashMap<>();
    /** The one top-level field this index is on, or null (a path, several fields): then upstream reads the keys. */
    private final String field;
    /** The index's key names, and the first: upstream's keySet() and keys() take a stream on every call. */
    private final Set<String> keyNames = new LinkedHashSet<>();
    private final String firstKey;

    SecondaryIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        keys.forEach(k -> keyNames.add(k.getKey()));
        this.firstKey = keys.get(0).getKey();
        this.field = topLevelField(keys);
    }

    /** The one top-level field an index is on, or null (a path, an operator, several fields). */
    static String topLevelField(List<IndexKey> keys) {
        String only = keys.size() == 1 ? keys.get(0).getKey() : null;
        return only == null || only.indexOf('.') >= 0 || only.startsWith("$") ? null : only;
    }

    /**
     * A value as this index keys it: as upstream normalizes it ({@link KeyValue#normalized}: numbers as doubles, ...),
     * a string as itself (normalizing leaves it so; a {@code KeyValue} never equals a string, so the two never mix).
     * Most keys are strings (ids): upstream's way took two streams per key.
     */
    private static Object key(Object value) {
        return value instanceof String ? value : new KeyValue(value).normalized();
    }

    private static Object idOf(Document document) {
        return key(document.get("_id"));
    }

    private static boolean plain(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof UUID
            || value instanceof ObjectId || value instanceof Instant;
    }

    @Override
    public synchronized Integer getPosition(Document document) {
        return positionOfId.get(idOf(document));
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Integer> collection) {
        // not unique: nothing to refuse
    }

    /**
     * The document's keys in this index: upstream's {@link #getKeyValues} (paths, parallel arrays, streams and a regex
     * per call), computed directly for the usual one top-level field: its value, or one key per element of an array,
     * normalized the same way. Building an index over 50,000 documents took a second the other way.
     */
    private Set<Object> keysOf(Document document) {
        if (field == null) { // keyed as key() keys a value where the index has one field, so that lookups find them
            Set<Object> keys = new LinkedHashSet<>();
            for (KeyValue keyValue : getKeyValues(document)) {
                keys.add(keyValue.size() == 1 ? key(keyValue.get(0)) : keyValue);
            }
            return keys;
        }
        Object value = document.get(field);
        if (value instanceof java.util.Collection<?> many) {
            Set<Object> keys = new LinkedHashSet<>();
            for (Object element : many) {
                keys.add(key(element));
            }
            return keys;
        }
        return Set.of(key(value));
    }

    @Override
    public synchronized void add(Document document, Integer position, MongoCollection<Integer> collection) {
        Set<Object> keys = keysOf(document);
        keysAt.put(position, keys);
        positionOfId.put(idOf(document), position);
        for (Object key : keys) {
            positions.merge(key, position, SecondaryIndex::together);
        }
    }

    /** The positions of a key held before, with one more. */
    @SuppressWarnings("unchecked")
    private static Object together(Object held, Object position) {
        if (held instanceof Set<?> several) {
            ((Set<Integer>) several).add((Integer) position);
            return several;
        }
        Set<Integer> several = new HashSet<>(4);
        several.add((Integer) held);
        several.add((Integer) position);
        return several;
    }

    @Override
    public synchronized Integer remove(Document document) {
        Integer position = positionOfId.remove(idOf(document));
        if (position != null) {
            unlink(position);
        }
        return position;
    }

    private void unlink(Integer position) {
        Set<Object> keys = keysAt.remove(position);
        if (keys == null) {
            return;
        }
        for (Object key : keys) {
            Object at = positions.get(key);
            if (at instanceof Set<?> several) {
                if (several.remove(position) && several.size() == 1) {
                    positions.put(key, several.iterator().next());
                }
            } else if (position.equals(at)) {
                positions.remove(key); // it was this document's alone
            }
        }
    }

    @Override
    public boolean canHandle(Document query) {
        if (!query.keySet().equals(keyNames)) {
            return false;
        }
        Object value = query.get(firstKey);
        if (value instanceof Document condition) {
            return condition.size() == 1 && condition.get("$in") instanceof java.util.Collection<?> in
                && in.stream().allMatch(SecondaryIndex::plain);
        }
        return plain(value);
    }

    @Override
    public synchronized Iterable<Integer> getPositions(Document query) {
        Object value = query.get(firstKey);
        java.util.Collection<?> values = value instanceof Document condition
            ? (java.util.Collection<?>) condition.get("$in") : List.of(value);
        Set<Integer> found = new LinkedHashSet<>();
        for (Object v : values) {
            Object at = positions.get(key(v));
            if (at instanceof Set<?> several) {
                several.forEach(p -> found.add((Integer) p));
            } else if (at != null) {
                found.add((Integer) at);
            }
        }
        return new ArrayList<>(found);
    }

    @Override
    public synchronized long getCount() {
        return keysAt.size();
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Integer> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Integer position,
                                           MongoCollection<Integer> collection) {
        unlink(position);
        add(newDocument, position, collection);
    }

    @Override
    public synchronized void drop() {
        positions.clear();
        keysAt.clear();
        positionOfId.clear();
    }
}

/**
 * An append-only file of records {@code [length][crc32][BSON {db, cmd}]}. Appends are written through to the
 * operating system; a background thread forces them to disk every 100 ms.
 */
class Journal implements Closeable {

    private static final int HEADER = 8;

    private final FileChannel file;
    private final ByteBuf buffer = Unpooled.buffer(1 << 16);
    private final CRC32 crc = new CRC32();
    private final ScheduledExecutorService forcer;
    private volatile boolean dirty;
    private long size;

    private Journal(FileChannel file, boolean forceInBackground) throws IOException {
        this.file = file;
        this.size = file.size();
        if (forceInBackground) {
            forcer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "journal-force");
                t.setDaemon(true);
                return t;
            });
            forcer.scheduleWithFixedDelay(this::forceIfDirty, 100, 100, TimeUnit.MILLISECONDS);
        } else {
            forcer = null;
        }
    }

    static Journal create(Path path) throws IOException {
        return new Journal(FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE), false);
    }

    static Journal append(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.position(channel.size());
        return new Journal(channel, true);
    }

    interface Replayer {
        void apply(String databaseName, Document command);
    }

    /** Applies every whole record; cuts the file after the last one (a torn or corrupt tail). Returns the count. */
    static long replay(Path path, Replayer replayer) throws IOException {
        if (!Files.exists(path)) {
            return 0;
        }
        long good = 0;
        long records = 0;
        CRC32 crc = new CRC32();
        try (InputStream in = Files.newInputStream(path);
             DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 20))) {
            while (true) {
                int length;
                int expected;
                byte[] bson;
                try {
                    length = data.readInt();
                    expected = data.readInt();
                    if (length < 5) {
                        break;
                    }
                    bson = new byte[length];
                    data.readFully(bson);
                } catch (EOFException end) {
                    break;
                }
                crc.reset();
                crc.update(bson);
                if ((int) crc.getValue() != expected) {
                    break;
                }
                Document record = new BsonReader(bson, 0).document();
                replayer.apply((String) record.get("db"), (Document) record.get("cmd"));
                good += HEADER + length;
                records++;
            }
        }
        if (good < Files.size(path)) {
            System.out.printf("journal %s: cutting %d bytes after the last whole record%n", path, Files.size(path) - good);
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.truncate(good);
            }
        }
        return records;
    }

    void append(String databaseName, Document command) {
        buffer.clear();
        buffer.writeLong(0);
        BsonEncoder.encodeDocument(new Document("db", databaseName).append("cmd", command), buffer);
        write();
    }

    /**
     * The same record as {@link #append(String, Document)} of the message's command (its body with each document
     * sequence as an array field after the body's fields, as mongo-java-server hands it to the backend), made of the
     * bytes the client sent instead of encoding the decoded command again.
     */
    void append(String databaseName, StandInWire.RawMessage message) {
        byte[] frame = message.frame;
        buffer.clear();
        buffer.writeLong(0);
        int record = buffer.writerIndex();
        buffer.writeIntLE(0);
        buffer.writeByte(BsonConstants.TYPE_UTF8_STRING);
        cString("db");
        byte[] db = databaseName.getBytes(StandardCharsets.UTF_8);
        buffer.writeIntLE(db.length + 1).writeBytes(db).writeByte(0);
        buffer.writeByte(BsonConstants.TYPE_EMBEDDED_DOCUMENT);
        cString("cmd");
        int command = buffer.writerIndex();
        buffer.writeIntLE(0);
        buffer.writeBytes(frame, message.bodyStart + 4, BsonReader.int32(frame, message.bodyStart) - 5); // its fields
        for (StandInWire.RawMessage.Sequence sequence : message.sequences) {
            buffer.writeByte(BsonConstants.TYPE_ARRAY);
            cString(sequence.identifier());
            int array = buffer.writerIndex();
            buffer.writeIntLE(0);
            for (int i = 0; i < sequence.starts().length; i++) {
                buffer.writeByte(BsonConstants.TYPE_EMBEDDED_DOCUMENT);
                cString(Integer.toString(i));
                buffer.writeBytes(frame, sequence.starts()[i], BsonReader.int32(frame, sequence.starts()[i]));
            }
            endDocument(array);
        }
        endDocument(command);
        endDocument(record);
        write();
    }

    private void cString(String s) {
        buffer.writeCharSequence(s, StandardCharsets.UTF_8);
        buffer.writeByte(0);
    }

    private void endDocument(int start) {
        buffer.writeByte(BsonConstants.TERMINATING_BYTE);
        buffer.setIntLE(start, buffer.writerIndex() - start);
    }

    /** Writes the record in {@code buffer} (its BSON after an 8-byte header left for length and checksum). */
    private void write() {
        int length = buffer.writerIndex() - HEADER;
        crc.reset();
        crc.update(buffer.nioBuffer(HEADER, length));
        buffer.setInt(0, length);
        buffer.setInt(4, (int) crc.getValue());
        try {
            ByteBuffer bytes = buffer.nioBuffer(0, buffer.writerIndex());
            while (bytes.hasRemaining()) {
                file.write(bytes);
            }
        } catch (IOException e) {
            halt("cannot write the journal", e);
        }
        size += buffer.writerIndex();
        dirty = true;
    }

    long size() {
        return size;
    }

    /**
     * A write that was applied in memory but cannot be journaled: the data would be ahead of what a restart brings
     * back, so the server stops at once (as mongod does when its journal fails); clients see the connection drop.
     */
    static void halt(String what, IOException e) {
        System.err.println(what + ": " + e + "; stopping");
        Runtime.getRuntime().halt(70);
    }

    void force() throws IOException {
        file.force(false);
    }

    private void forceIfDirty() {
        if (dirty) {
            dirty = false;
            try {
                file.force(false);
            } catch (IOException e) {
                System.err.println("cannot force the journal: " + e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (forcer != null) {
            forcer.shutdown();
        }
        file.force(false);
        file.close();
    }
}

/**
 * mongo-java-server's network set-up ({@code MongoServer.bind}, which builds its pipeline inline) with
 * {@link StandInWire} as the request decoder.
 */
final class StandInServer {

    private final MongoBackend backend;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel listening;

    StandInServer(MongoBackend backend) {
        this.backend = backend;
    }

    void bind(String host, int port) {
        boss = new NioEventLoopGroup(0, new MongoThreadFactory("mongo-server-boss"));
        workers = new NioEventLoopGroup(0, new MongoThreadFactory("mongo-server-worker"));
        ChannelGroup clients = new DefaultChannelGroup("mongodb-channels", workers.next());
        listening = new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 100)
            .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new MongoWireReplyEncoder(), new MongoWireMessageEncoder(), new StandInWire(),
                        new MongoDatabaseHandler(backend, clients), new MongoExceptionHandler());
                }
            })
            .bind(host, port).syncUninterruptibly().channel();
    }

    /** Stops listening and the worker threads, then closes the backend (which forces the journal). */
    void shutdown() {
        listening.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        boss.terminationFuture().syncUninterruptibly();
        workers.terminationFuture().syncUninterruptibly();
        backend.close();
    }
}

/**
 * Decodes {@code OP_MSG} requests (every command of a current driver) with {@link BsonReader} and keeps their bytes
 * for the journal ({@link RawMessage}); anything else goes to mongo-java-server's decoder, as before.
 */
final class StandInWire extends MongoWireProtocolHandler {

    private static final int HEADER = 16;
    private static final int CHECKSUM_PRESENT = 1;

    @Override
    protected ClientRequest decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        int start = in.readerIndex();
        if (in.readableBytes() < HEADER) {
            return null;
        }
        int total = in.getIntLE(start);
        if (total < HEADER || total > MAX_MESSAGE_SIZE_BYTES || in.getIntLE(start + 12) != OpCode.OP_MSG.getId()) {
            return super.decode(ctx, in);
        }
        if (in.readableBytes() < total) {
            return null;
        }
        byte[] frame = new byte[total];
        in.readBytes(frame);
        return RawMessage.of(ctx.channel(), frame);
    }

    /**
     * An {@code OP_MSG} request decoded as upstream does (the document sequences become fields of the body), with its
     * bytes: the body's and each sequence's documents', for {@link Journal#append(String, RawMessage)}.
     */
    static final class RawMessage extends MongoMessage {

        /** A document sequence: its field name and where each of its documents starts in the frame. */
        record Sequence(String identifier, int[] starts) {
        }

        final byte[] frame;
        final int bodyStart;
        final List<Sequence> sequences;

        private RawMessage(Channel channel, MessageHeader header, Document body, byte[] frame, int bodyStart,
                           List<Sequence> sequences) {
            super(channel, header, body);
            this.frame = frame;
            this.bodyStart = bodyStart;
            this.sequences = sequences;
        }

        static RawMessage of(Channel channel, byte[] frame) {
            BsonReader reader = new BsonReader(frame, 4);
            MessageHeader header = new MessageHeader(frame.length, reader.int32(), reader.int32());
            reader.int32(); // the opcode
            int flags = reader.int32();
            if ((flags & ~CHECKSUM_PRESENT) != 0) {
                throw new UnsupportedOperationException("flags=" + (flags & ~CHECKSUM_PRESENT) + " not yet supported");
            }
            int end = frame.length - ((flags & CHECKSUM_PRESENT) != 0 ? 4 : 0);
            Document body = null;
            int bodyStart = -1;
            Document sequenced = new Document();
            List<Sequence> sequences = new ArrayList<>(1);
            while (reader.position() < end) {
                byte kind = reader.int8();
                if (kind == MongoMessage.SECTION_KIND_BODY) {
                    if (body != null) {
                        throw new IllegalArgumentException("two body sections");
                    }
                    bodyStart = reader.position();
                    body = reader.document();
                } else if (kind == MongoMessage.SECTION_KIND_DOCUMENT_SEQUENCE) {
                    int sectionEnd = reader.position() + reader.int32();
                    String identifier = reader.cString();
                    List<Document> documents = new ArrayList<>();
                    int[] starts = new int[8];
                    while (reader.position() < sectionEnd) {
                        if (documents.size() == starts.length) {
                            starts = java.util.Arrays.copyOf(starts, starts.length * 2);
                        }
                        starts[documents.size()] = reader.position();
                        documents.add(reader.document());
                    }
                    if (documents.isEmpty() || sequenced.put(identifier, documents) != null) {
                        throw new IllegalArgumentException("empty or repeated document sequence " + identifier);
                    }
                    sequences.add(new Sequence(identifier, java.util.Arrays.copyOf(starts, documents.size())));
                } else {
                    throw new IllegalArgumentException("Unexpected section kind: " + kind);
                }
            }
            if (body == null) {
                throw new IllegalArgumentException("no body section");
            }
            for (Map.Entry<String, Object> entry : sequenced.entrySet()) {
                if (body.put(entry.getKey(), entry.getValue()) != null) {
                    throw new IllegalArgumentException("field " + entry.getKey() + " both in the body and a sequence");
                }
            }
            return new RawMessage(channel, header, body, frame, bodyStart, sequences);
        }
    }
}

/**
 * Reads BSON from a byte array into mongo-java-server's values, as its {@code BsonDecoder} does (same classes, same
 * errors for bad input), but: field names are the {@link Names shared} Strings, found from their bytes without making
 * a new one, and short string values come from a per-thread cache ({@link Names#VALUES}); array elements are read straight into the list (upstream reads an array as a document, then copies it).
 * Types the stand-in's clients do not send in bulk (binary, regex, timestamp, decimal, min/max key, code) go to
 * upstream's decoder.
 */
final class BsonReader {

    private final byte[] bytes;
    private int position;
    private final Names.Cache names = Names.CACHE.get();
    private final Names.Cache values = Names.VALUES.get();

    BsonReader(byte[] bytes, int position) {
        this.bytes = bytes;
        this.position = position;
    }

    int position() {
        return position;
    }

    byte int8() {
        return bytes[position++];
    }

    int int32() {
        int v = int32(bytes, position);
        position += 4;
        return v;
    }

    /** The little-endian int32 at {@code at} (a BSON document starts with its length so). */
    static int int32(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24;
    }

    long int64() {
        long low = int32() & 0xffffffffL;
        return low | ((long) int32()) << 32;
    }

    Document document() {
        int end = start(BsonConstants.MAX_BSON_OBJECT_SIZE);
        Document document = new Document();
        while (position < end) {
            byte type = bytes[position++];
            if (type == BsonConstants.TERMINATING_BYTE) {
                return document;
            }
            int nameEnd = terminator();
            String name = names.of(bytes, position, nameEnd);
            position = nameEnd + 1;
            if (document.put(name, value(type)) != null) {
                throw new IllegalArgumentException("Document already contains field '" + name + "'");
            }
        }
        throw new IllegalArgumentException("illegal BSON object. Terminating byte not found");
    }

    private List<Object> array() {
        int end = start(BsonConstants.MAX_BSON_OBJECT_SIZE);
        List<Object> array = new ArrayList<>();
        while (position < end) {
            byte type = bytes[position++];
            if (type == BsonConstants.TERMINATING_BYTE) {
                return array;
            }
            position = terminator() + 1; // the index, "0", "1", ...
            array.add(value(type));
        }
        throw new IllegalArgumentException("illegal BSON array. Terminating byte not found");
    }

    /** Reads a document's length; returns where it ends. */
    private int start(int limit) {
        int length = int32();
        if (length < 5 || length - 4 > bytes.length - position) {
            throw new IllegalArgumentException("Too few bytes to read: " + (bytes.length - position) + ". Expected: " + (length - 4));
        }
        if (length - 4 > limit) {
            throw new IllegalArgumentException("BSON object too large: " + (length - 4) + " bytes");
        }
        return position + length - 4;
    }

    String cString() {
        int end = terminator();
        String s = new String(bytes, position, end - position, StandardCharsets.UTF_8);
        position = end + 1;
        return s;
    }

    private int terminator() {
        for (int i = position; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("string termination not found");
    }

    private Object value(byte type) {
        switch (type) {
            case BsonConstants.TYPE_DOUBLE:
                return Double.longBitsToDouble(int64());
            case BsonConstants.TYPE_UTF8_STRING: {
                int length = int32();
                if (length < 1 || length > bytes.length - position || bytes[position + length - 1] != 0) {
                    throw new IllegalArgumentException("bad string of length " + length);
                }
                int end = position + length - 1;
                String s = length - 1 <= Names.SHORT_VALUE ? values.of(bytes, position, end)
                    : new String(bytes, position, end - position, StandardCharsets.UTF_8);
                position += length;
                return s;
            }
            case BsonConstants.TYPE_EMBEDDED_DOCUMENT:
                return document();
            case BsonConstants.TYPE_ARRAY:
                return array();
            case BsonConstants.TYPE_UNDEFINED:
            case BsonConstants.TYPE_NULL:
                return null;
            case BsonConstants.TYPE_OBJECT_ID: {
                ObjectId id = new ObjectId(java.util.Arrays.copyOfRange(bytes, position, position + BsonConstants.LENGTH_OBJECTID));
                position += BsonConstants.LENGTH_OBJECTID;
                return id;
            }
            case BsonConstants.TYPE_BOOLEAN: {
                byte b = bytes[position++];
                if (b == BsonConstants.BOOLEAN_VALUE_FALSE || b == BsonConstants.BOOLEAN_VALUE_TRUE) {
                    return b == BsonConstants.BOOLEAN_VALUE_TRUE;
                }
                throw new IllegalArgumentException("Illegal boolean value:" + b);
            }
            case BsonConstants.TYPE_UTC_DATETIME:
                return Instant.ofEpochMilli(int64());
            case BsonConstants.TYPE_INT32:
                return int32();
            case BsonConstants.TYPE_INT64:
                return int64();
            default: {
                ByteBuf rest = Unpooled.wrappedBuffer(bytes);
                rest.readerIndex(position);
                Object value = BsonDecoder.decodeValue(type, rest);
                position = rest.readerIndex();
                return value;
            }
        }
    }
}

/**
 * Field names, one String each, shared by every stored document: a decoder that made a new String for every name of
 * every document left a third of the heap a stored document took in copies of a few dozen names (a forecast deal
 * with 20 timeline entries: 19 KB, 1 GB for a rebuild's 50,000), and the garbage collector copied them all. Bounded,
 * for odd data.
 */
final class Names {

    private static final Map<String, String> SHARED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Each thread's last names by their bytes, so a known name costs a hash and a compare, not a String. */
    static final ThreadLocal<Cache> CACHE = ThreadLocal.withInitial(() -> new Cache(true));

    /**
     * Each thread's last short string values, which repeat across documents as their names do (a forecast deal's
     * timeline: its kinds, currencies, dates): a stored document shares them instead of holding its own copies.
     */
    static final ThreadLocal<Cache> VALUES = ThreadLocal.withInitial(() -> new Cache(false));

    /** The longest string value (in UTF-8 bytes) {@link #VALUES} keeps. */
    static final int SHORT_VALUE = 16;

    private Names() {
    }

    static String shared(String name) {
        String known = SHARED.get(name);
        if (known != null || SHARED.size() >= 100_000) {
            return known != null ? known : name;
        }
        known = SHARED.putIfAbsent(name, name);
        return known != null ? known : name;
    }

    static boolean isShared(String name) {
        return SHARED.get(name) == name;
    }

    /** Strings by their UTF-8 bytes, direct-mapped: a slot keeps the last string whose bytes hashed to it. */
    static final class Cache {

        private static final int SLOTS = 4096;
        private final byte[][] keys = new byte[SLOTS][];
        private final String[] strings = new String[SLOTS];
        private final boolean shared;

        /** @param shared whether what it makes goes into (and comes from) the process-wide {@link Names#shared} */
        Cache(boolean shared) {
            this.shared = shared;
        }

        String of(byte[] bytes, int from, int to) {
            int hash = 1;
            for (int i = from; i < to; i++) {
                hash = 31 * hash + bytes[i];
            }
            int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
            byte[] key = keys[slot];
            if (key != null && java.util.Arrays.equals(key, 0, key.length, bytes, from, to)) {
                return strings[slot];
            }
            String made = new String(bytes, from, to - from, StandardCharsets.UTF_8);
            if (shared) {
                made = shared(made);
            }
            keys[slot] = java.util.Arrays.copyOfRange(bytes, from, to);
            strings[slot] = made;
            return made;
        }
    }
}
