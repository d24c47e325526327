package io.dealstream.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local MongoDB stand-in ({@code deploy/local/servers/mongo/MongoMain.java}, in-memory and journaled) keeps
 * everything it acknowledged: run as its own process on a spare port and data directory, written to through the real
 * driver, killed or stopped, started again, and read back document by document and index by index.
 */
class MongoStandInTest {

    private static Path lib;

    @TempDir
    Path data;

    private Process server;
    private int port;

    @BeforeAll
    static void fetchJars() throws Exception {
        Path root = LocalServers.root();
        Process fetch = new ProcessBuilder("bash", root.resolve("deploy/local/servers.sh").toString(), "fetch", "mongo")
                .directory(root.toFile()).inheritIO().start();
        assertTrue(fetch.waitFor(10, TimeUnit.MINUTES) && fetch.exitValue() == 0, "servers.sh fetch mongo");
        lib = root.resolve(".dealstream/lib/mongo");
        assumeTrue(Files.isDirectory(lib), "the stand-in's jars are not under .dealstream/lib/mongo");
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor();
        }
    }

    @Test
    void aKilledServerComesBackWithEverythingItAcknowledged() throws Exception {
        start(Map.of());
        Map<String, List<String>> written = writeAndDump();

        server.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, nothing forced to disk by the server
        start(Map.of());

        assertEquals(written, dump());
    }

    @Test
    void aStoppedServerComesBackTheSameAndKeepsTakingWrites() throws Exception {
        start(Map.of());
        writeAndDump();
        stopGracefully();
        start(Map.of());
        try (MongoClient client = client()) {
            MongoCollection<Document> deals = client.getDatabase("standin").getCollection("deals");
            deals.updateOne(Filters.eq("code", "NEW"), Updates.inc("touched", 1));
            assertThrows(com.mongodb.MongoWriteException.class,
                    () -> deals.insertOne(new Document("code", "D3")), "the unique index came back");
        }
        Map<String, List<String>> afterRestart = dump();
        stopGracefully();
        start(Map.of());

        assertEquals(afterRestart, dump());
    }

    @Test
    void aRecordTornByACrashIsCutOffAndTheRestKept() throws Exception {
        start(Map.of());
        Map<String, List<String>> written = writeAndDump();
        stopGracefully();
        Path journal = data.resolve("journal.bson");
        // A crash in the middle of an append: a length and a checksum, then half a record.
        Files.write(journal, new byte[] {0, 0, 1, 0, 1, 2, 3, 4, 22, 0, 0}, StandardOpenOption.APPEND);

        start(Map.of());

        assertEquals(written, dump());
        assertTrue(Files.readString(log()).contains("cutting 11 bytes after the last whole record"), "the server's log");
    }

    @Test
    void aJournalThatOutgrowsItsSnapshotIsRewrittenWhileRunning() throws Exception {
        start(Map.of("DEALSTREAM_MONGO_COMPACT_MB", "1"));
        String payload = "x".repeat(2_000);
        try (MongoClient client = client()) {
            MongoCollection<Document> counters = client.getDatabase("standin").getCollection("counters");
            for (int i = 0; i < 2_000; i++) { // ≈ 4 MB of journaled updates to one small document
                counters.replaceOne(Filters.eq("_id", "c"), new Document("n", i).append("payload", payload),
                        new ReplaceOptions().upsert(true));
            }
        }
        Map<String, List<String>> written = dump();

        assertTrue(Files.size(data.resolve("journal.bson")) < (1 << 20),
                "journal rewritten as a snapshot: " + Files.size(data.resolve("journal.bson")) + " bytes");
        server.destroyForcibly().waitFor();
        start(Map.of());
        assertEquals(written, dump());
        assertTrue(written.get("counters").get(0).contains("\"n\": 1999"), written.get("counters").toString());
    }

    /**
     * The stand-in decodes requests itself and journals a write's bytes as they came: every BSON type a client may
     * send comes back as written, in a bulk insert (a document sequence), a single insert, a replacement and a
     * query's filter, and the same after a restart from the journal.
     */
    @Test
    void everyBsonTypeComesBackAsWrittenAlsoAfterARestart() throws Exception {
        start(Map.of());
        List<Document> written = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            written.add(everyType("t" + i, i));
        }
        Document replacement = everyType("t1", 7).append("extra", List.of(List.of(1, 2), new Document()));
        Document filterHit;
        try (MongoClient client = client()) {
            MongoCollection<Document> types = client.getDatabase("standin").getCollection("types");
            types.insertMany(written.subList(0, 2));
            types.insertOne(written.get(2));
            types.replaceOne(Filters.eq("_id", "t1"), replacement);
            filterHit = types.find(Filters.and(Filters.eq("decimal", written.get(2).get("decimal")),
                    Filters.eq("uuid", written.get(2).get("uuid")), Filters.eq("at", written.get(2).get("at")),
                    Filters.eq("objectId", written.get(2).get("objectId")))).first();
        }
        written.set(1, replacement);
        assertEquals(written.get(2), filterHit);
        assertEquals(written, types());

        server.destroyForcibly().waitFor();
        start(Map.of());

        assertEquals(written, types());
    }

    /**
     * mongod answers a large find in batches of at most 16 MiB, the rest through getMore; a reply message may hold at
     * most 48 MB. 50 MB of documents read at once must come back whole, with or without a batch size asked for.
     */
    @Test
    void aLargeAnswerComesInBatchesThatDriversAccept() throws Exception {
        start(Map.of());
        String half = "x".repeat(500_000);
        List<String> ids = new ArrayList<>();
        try (MongoClient client = client()) {
            MongoCollection<Document> big = client.getDatabase("standin").getCollection("big");
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String id = String.format("d%03d", i);
                ids.add(id);
                docs.add(new Document("_id", id).append("text", half));
            }
            big.insertMany(docs);

            List<String> all = new ArrayList<>();
            big.find().forEach(d -> all.add(d.getString("_id") + ":" + d.getString("text").length()));
            List<String> sorted = new ArrayList<>();
            big.find().sort(new Document("_id", 1)).batchSize(7).forEach(d -> sorted.add(d.getString("_id")));

            assertEquals(ids.stream().map(id -> id + ":500000").toList(), all.stream().sorted().toList());
            assertEquals(ids, sorted);
            // what the server reads for itself (a count, an aggregation's $match, distinct) is every match, not a batch
            assertEquals(100, big.countDocuments());
            assertEquals(50, big.countDocuments(new Document("_id", new Document("$gte", "d050"))));
            assertEquals(100, big.aggregate(List.of(new Document("$match", new Document()),
                    new Document("$group", new Document("_id", null).append("n", new Document("$sum", 1)))))
                    .first().getInteger("n"));
            assertEquals(100, big.distinct("_id", String.class).into(new ArrayList<>()).size());
        }
    }

    /**
     * A condition an index handles on its own narrows a query to that index's candidates, and the whole query is still
     * matched on each: the same answers as the collection without the index.
     */
    @Test
    void aConditionAnIndexHandlesNarrowsTheQueryToTheSameAnswers() throws Exception {
        start(Map.of());
        try (MongoClient client = client()) {
            MongoDatabase db = client.getDatabase("standin");
            MongoCollection<Document> indexed = db.getCollection("indexed");
            MongoCollection<Document> plain = db.getCollection("plain");
            indexed.createIndex(new Document("customerId", 1));
            List<Document> deals = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                deals.add(new Document("_id", String.format("deal-%03d", i)).append("customerId", "c" + i % 7)
                        .append("status", i % 3 == 0 ? "OPEN" : "LOST").append("amount", i));
            }
            indexed.insertMany(deals);
            plain.insertMany(deals);
            List<Document> queries = List.of(
                    new Document("$and", List.of(
                            new Document("$or", List.of(new Document("status", "OPEN"), new Document("amount", new Document("$gt", 190)))),
                            new Document("customerId", new Document("$in", List.of("c1", "c4"))))),
                    new Document("status", "LOST").append("customerId", "c2"),
                    new Document("$and", List.of(new Document("_id", new Document("$in", List.of("deal-003", "deal-004", "deal-999"))),
                            new Document("status", "OPEN"))),
                    new Document("_id", "deal-010").append("amount", new Document("$lt", 5)));
            for (Document query : queries) {
                List<Document> expected = plain.find(query).sort(new Document("_id", 1)).into(new ArrayList<>());
                assertEquals(expected, indexed.find(query).sort(new Document("_id", 1)).into(new ArrayList<>()), query.toJson());
            }
            assertEquals(List.of("deal-003"), indexed.find(queries.get(2)).map(d -> d.getString("_id")).into(new ArrayList<>()));
            assertEquals(20, plain.countDocuments(queries.get(0)));
            // keyset pages by _id: a selective indexed condition (29 candidates) is read through its index and sorted,
            // an unselective one (172) by the walk in id order; both page through to the same answers
            for (List<String> customers : List.of(List.of("c1"), List.of("c0", "c1", "c2", "c3", "c4", "c5"))) {
                List<String> expected = plain.find(new Document("customerId", new Document("$in", customers)))
                        .sort(new Document("_id", 1)).map(d -> d.getString("_id")).into(new ArrayList<>());
                List<String> paged = new ArrayList<>();
                List<String> page;
                do {
                    Document query = new Document("customerId", new Document("$in", customers));
                    if (!paged.isEmpty()) {
                        query.append("_id", new Document("$gt", paged.get(paged.size() - 1)));
                    }
                    page = indexed.find(query).sort(new Document("_id", 1)).limit(5).map(d -> d.getString("_id"))
                            .into(new ArrayList<>());
                    paged.addAll(page);
                } while (page.size() == 5);
                assertEquals(expected, paged, customers.toString());
                assertTrue(expected.size() > 20, "several pages");
            }
        }
    }

    private static Document everyType(String id, int i) {
        return new Document("_id", id)
                .append("double", 1.5 + i).append("string", "é€" + i).append("empty", "")
                .append("nested", new Document("a", new Document("b", List.of(i, "x", new Document("c", true)))))
                .append("array", List.of(1, 2L, 3.0, "four", List.of(), new Document("five", 5)))
                .append("binary", new org.bson.types.Binary(new byte[] {1, 2, (byte) i}))
                .append("uuid", new org.bson.types.Binary(org.bson.BsonBinarySubType.UUID_STANDARD,
                        java.nio.ByteBuffer.allocate(16).putLong(42L).putLong(i).array()))
                .append("objectId", new org.bson.types.ObjectId(new java.util.Date(1_800_000_000_000L), i))
                .append("yes", true).append("no", false).append("nothing", null)
                .append("at", java.util.Date.from(Instant.parse("2030-01-01T00:00:00.123Z").plusSeconds(i)))
                .append("regex", new org.bson.BsonRegularExpression("^a.*" + i, "i"))
                .append("int", Integer.MIN_VALUE + i).append("long", Long.MAX_VALUE - i)
                .append("decimal", org.bson.types.Decimal128.parse("12345.6789" + i))
                .append("timestamp", new org.bson.BsonTimestamp(1_700_000_000, i))
                .append("min", new org.bson.types.MinKey()).append("max", new org.bson.types.MaxKey());
    }

    private List<Document> types() {
        try (MongoClient client = client()) {
            return client.getDatabase("standin").getCollection("types").find().sort(Sorts.ascending("_id"))
                    .into(new ArrayList<>());
        }
    }

    @Test
    void aUniqueKeyRefusesItsDuplicateAndFindsItsDocumentWhateverTheKeysType() throws Exception {
        start(Map.of());
        try (MongoClient client = client()) {
            MongoCollection<Document> c = client.getDatabase("unique").getCollection("docs");
            List<Object> ids = List.of("a", "b", 7, 7.5, new org.bson.types.ObjectId(), new Document("k", "a"));
            for (Object id : ids) {
                c.insertOne(new Document("_id", id).append("n", 1));
            }
            for (Object id : ids) {
                com.mongodb.MongoWriteException duplicate = assertThrows(com.mongodb.MongoWriteException.class,
                        () -> c.insertOne(new Document("_id", id).append("n", 2)));
                assertEquals(11000, duplicate.getCode(), id.toString());
                assertTrue(duplicate.getMessage().contains("dup key"), duplicate.getMessage());
            }
            // 7 and 7.0 are the same key to MongoDB (and to upstream's normalized keys)
            assertEquals(11000, assertThrows(com.mongodb.MongoWriteException.class,
                    () -> c.insertOne(new Document("_id", 7.0))).getCode());
            for (Object id : ids) {
                assertEquals(new Document("_id", id).append("n", 1), c.find(new Document("_id", id)).first(), id.toString());
            }
            assertEquals(1, c.replaceOne(new Document("_id", "a"), new Document("_id", "a").append("n", 3)).getMatchedCount());
            assertEquals(1, c.deleteOne(new Document("_id", "b")).getDeletedCount());
            c.insertOne(new Document("_id", "b").append("n", 4)); // free again
            List<Object> found = new ArrayList<>();
            c.find(new Document("_id", new Document("$in", List.of("a", "b")))).forEach(d -> found.add(d.get("n")));
            found.sort(java.util.Comparator.comparing(Object::toString));
            assertEquals(List.of(3, 4), found);
        }
    }

    @Test
    void aNonUniqueIndexFindsWhatAScanFinds() throws Exception {
        start(Map.of());
        Random random = new Random(4);
        try (MongoClient client = client()) {
            MongoDatabase db = client.getDatabase("standin");
            MongoCollection<Document> indexed = db.getCollection("indexed");
            MongoCollection<Document> scanned = db.getCollection("scanned");
            indexed.createIndex(Indexes.ascending("owners"));
            indexed.createIndex(Indexes.ascending("activities.actor")); // a path: keyed through upstream's key values
            for (int step = 0; step < 600; step++) {
                String id = "d" + random.nextInt(120);
                int action = random.nextInt(10);
                int shape = random.nextInt(4);
                for (MongoCollection<Document> c : List.of(indexed, scanned)) {
                    if (action < 6) { // owners: none, one, several (an array), or one as a plain value
                        Object owners = switch (shape) {
                            case 0 -> List.of();
                            case 1 -> List.of("rep-" + step % 7);
                            case 2 -> List.of("rep-" + step % 7, "rep-" + (step + 3) % 7);
                            default -> "rep-" + step % 5;
                        };
                        c.replaceOne(Filters.eq("_id", id), new Document("owners", owners).append("step", step)
                                .append("activities", List.of(new Document("actor", "rep-" + step % 4),
                                        new Document("actor", "rep-" + step % 6))),
                                new ReplaceOptions().upsert(true));
                    } else if (action < 8) {
                        c.updateOne(Filters.eq("_id", id), Updates.combine(Updates.inc("n", 1),
                                Updates.set("owners", List.of("rep-" + step % 7, "rep-" + step % 3))));
                    } else {
                        c.deleteOne(Filters.eq("_id", id));
                    }
                }
            }
            for (MongoCollection<Document> c : List.of(indexed, scanned)) { // no owners at all; owners null
                c.insertOne(new Document("_id", "bare").append("step", 1));
                c.insertOne(new Document("_id", "null").append("owners", null).append("step", 2));
            }
            assertSameFinds(indexed, scanned);
            // indexes built over documents already stored (a rebuild's switch), on an array and on a plain field
            MongoCollection<Document> later = db.getCollection("later");
            later.insertMany(scanned.find().into(new ArrayList<>()));
            later.createIndex(Indexes.ascending("owners"));
            later.createIndex(Indexes.ascending("step"));
            later.createIndex(Indexes.ascending("activities.actor"));
            assertSameFinds(later, scanned);
            for (int step : new int[] {1, 2, 5, 299, 599}) {
                assertEquals(scanned.find(Filters.eq("step", step)).sort(Sorts.ascending("_id")).into(new ArrayList<>()),
                        later.find(Filters.eq("step", step)).sort(Sorts.ascending("_id")).into(new ArrayList<>()));
            }
        }
        server.destroyForcibly().waitFor();
        start(Map.of());
        try (MongoClient client = client()) {
            MongoDatabase db = client.getDatabase("standin");
            assertSameFinds(db.getCollection("indexed"), db.getCollection("scanned"));
            assertSameFinds(db.getCollection("later"), db.getCollection("scanned"));
        }
    }

    @Test
    void sortedQueriesAnswerAsASortInJava() throws Exception {
        start(Map.of());
        Random random = new Random(11);
        try (MongoClient client = client()) {
            MongoCollection<Document> docs = client.getDatabase("standin").getCollection("sorted");
            List<Document> all = new ArrayList<>();
            for (int i = 0; i < 400; i++) { // ids in random order, values with many ties, some missing
                Document d = new Document("_id", String.format("k%04d", random.nextInt(10_000)));
                if (random.nextInt(5) > 0) {
                    d.append("n", random.nextInt(12));
                }
                if (all.stream().noneMatch(o -> o.get("_id").equals(d.get("_id")))) {
                    all.add(d);
                }
            }
            docs.insertMany(all);
            java.util.Comparator<Document> byId = java.util.Comparator.comparing(d -> d.getString("_id"));
            java.util.Comparator<Document> byN = java.util.Comparator.comparing(d -> d.getInteger("n"),
                    java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())); // missing sorts first
            String last = null;
            int pages = 0;
            List<Document> paged = new ArrayList<>();
            while (true) { // keyset pages by _id, as notification-service reads its deals
                List<Document> page = docs.find(last == null ? new Document() : Filters.gt("_id", last))
                        .sort(Sorts.ascending("_id")).limit(7).into(new ArrayList<>());
                if (page.isEmpty()) {
                    break;
                }
                pages++;
                paged.addAll(page);
                last = page.get(page.size() - 1).getString("_id");
            }
            assertEquals(all.stream().sorted(byId).toList(), paged);
            assertTrue(pages >= 400 / 7);
            // pages with a condition besides the id ($and), after deletes, and from an id on ($gte)
            docs.deleteMany(Filters.lt("_id", "k2000"));
            List<Document> left = all.stream().filter(d -> d.getString("_id").compareTo("k2000") >= 0).toList();
            String after = "k0000";
            List<Document> withN = new ArrayList<>();
            while (true) {
                List<Document> page = docs.find(Filters.and(Filters.exists("n"), Filters.gt("_id", after)))
                        .sort(Sorts.ascending("_id")).limit(5).into(new ArrayList<>());
                if (page.isEmpty()) {
                    break;
                }
                withN.addAll(page);
                after = page.get(page.size() - 1).getString("_id");
            }
            assertEquals(left.stream().filter(d -> d.containsKey("n")).sorted(byId).toList(), withN);
            String from = left.stream().sorted(byId).skip(20).findFirst().orElseThrow().getString("_id");
            assertEquals(left.stream().sorted(byId).skip(20 + 3).limit(4).toList(),
                    docs.find(Filters.gte("_id", from)).sort(Sorts.ascending("_id")).skip(3).limit(4)
                            .into(new ArrayList<>()));
            all.retainAll(left);
            assertEquals(all.stream().sorted(byN.reversed().thenComparing(byId)).skip(5).limit(10).toList(),
                    docs.find().sort(Sorts.orderBy(Sorts.descending("n"), Sorts.ascending("_id"))).skip(5).limit(10)
                            .into(new ArrayList<>()));
            assertEquals(all.stream().filter(d -> d.getInteger("n", -1) > 3).sorted(byN.thenComparing(byId.reversed()))
                            .toList(),
                    docs.find(Filters.gt("n", 3)).sort(Sorts.orderBy(Sorts.ascending("n"), Sorts.descending("_id")))
                            .into(new ArrayList<>()));
            // ties keep the order met (natural order), as a stable sort does
            List<Document> natural = docs.find().into(new ArrayList<>());
            assertEquals(natural.stream().sorted(byN).limit(50).toList(),
                    docs.find().sort(Sorts.ascending("n")).limit(50).into(new ArrayList<>()));
            assertEquals(natural.stream().sorted(byN).toList(),
                    docs.find().sort(Sorts.ascending("n")).into(new ArrayList<>()));
        }
    }

    @Test
    void aReaderNeverSeesADocumentHalfWayThroughAnUpdate() throws Exception {
        start(Map.of());
        // no retries: a reply the server failed to send (a document changed while it was being encoded) must show
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port
                + "/?serverSelectionTimeoutMS=10000&retryReads=false&retryWrites=false")) {
            MongoCollection<Document> docs = client.getDatabase("standin").getCollection("torn");
            String wide = "x".repeat(50);
            java.util.function.IntFunction<Document> version = i -> {
                Document d = new Document("_id", "t");
                for (int f = 0; f < 400; f++) {
                    d.append("f" + f, i + wide);
                }
                return d;
            };
            docs.insertOne(version.apply(0));
            var stop = new java.util.concurrent.atomic.AtomicBoolean();
            var writerFailed = new java.util.concurrent.atomic.AtomicReference<Throwable>();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 1; !stop.get(); i++) {
                        docs.replaceOne(Filters.eq("_id", "t"), version.apply(i));
                        docs.updateOne(Filters.eq("_id", "t"), Updates.set("f399", (i + 1) + wide));
                        docs.findOneAndUpdate(Filters.eq("_id", "t"), Updates.set("f0", (i + 1) + wide));
                    }
                } catch (RuntimeException e) {
                    writerFailed.set(e);
                }
            });
            writer.start();
            try {
                for (int read = 0; read < 3_000; read++) {
                    Document seen = read % 2 == 0 ? docs.find(Filters.eq("_id", "t")).first()
                            : docs.findOneAndUpdate(Filters.eq("_id", "t"), Updates.set("touched", true));
                    java.util.Set<Object> values = new java.util.HashSet<>();
                    for (int f = 1; f < 399; f++) { // f0 and f399 run one version ahead between the writer's steps
                        values.add(seen.get("f" + f));
                    }
                    assertEquals(1, values.size(), "fields of one version, read " + read);
                }
            } finally {
                stop.set(true);
                writer.join();
            }
            assertEquals(null, writerFailed.get(), "the writer's commands all answered");
        }
    }

    private static void assertSameFinds(MongoCollection<Document> indexed, MongoCollection<Document> scanned) {
        int nonEmpty = 0;
        for (int rep = 0; rep < 8; rep++) {
            for (var filter : List.of(Filters.eq("owners", "rep-" + rep),
                    Filters.in("owners", "rep-" + rep, "rep-" + (rep + 2) % 8), Filters.eq("activities.actor", "rep-" + rep))) {
                List<Document> expected = scanned.find(filter).sort(Sorts.ascending("_id")).into(new ArrayList<>());
                assertEquals(expected, indexed.find(filter).sort(Sorts.ascending("_id")).into(new ArrayList<>()),
                        filter.toString());
                nonEmpty += expected.isEmpty() ? 0 : 1;
            }
        }
        for (int d = 0; d < 120; d += 3) { // one _id and more (answered through the _id index), against Java's answer
            List<Document> byId = scanned.find(Filters.eq("_id", "d" + d)).into(new ArrayList<>());
            assertEquals(byId.stream().filter(doc -> doc.containsKey("owners")).toList(),
                    indexed.find(Filters.and(Filters.eq("_id", "d" + d), Filters.exists("owners"))).into(new ArrayList<>()));
            assertEquals(byId.stream().filter(doc -> doc.getInteger("step") < 300).toList(),
                    indexed.find(new Document("_id", "d" + d).append("step", new Document("$lt", 300)))
                            .into(new ArrayList<>()));
        }
        assertTrue(nonEmpty > 8, "the queries find something");
    }

    /** Every kind of write the driver sends, ids made up by the server included; returns the dump after them. */
    private Map<String, List<String>> writeAndDump() {
        try (MongoClient client = client()) {
            MongoDatabase db = client.getDatabase("standin");
            MongoCollection<Document> deals = db.getCollection("deals");
            deals.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true).name("code_unique"));
            deals.createIndex(Indexes.ascending("owner", "amount"));
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                batch.add(new Document("code", "D" + i).append("owner", "rep-" + i % 3).append("amount", i * 100L)
                        .append("since", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)));
            }
            deals.insertMany(batch);
            deals.updateOne(Filters.eq("code", "D1"), Updates.combine(Updates.set("amount", 150L),
                    Updates.push("history", new Document("stage", 2))));
            deals.replaceOne(Filters.eq("code", "D5"), new Document("code", "D5").append("owner", "rep-9"));
            deals.deleteOne(Filters.eq("code", "D7"));
            deals.deleteMany(Filters.and(Filters.eq("owner", "rep-2"), Filters.gt("amount", 3_000L)));
            deals.updateMany(Filters.eq("owner", "rep-0"), Updates.inc("amount", 1L));
            // Upserts whose filter names no _id: the server makes the id up.
            deals.updateOne(Filters.eq("code", "NEW"), Updates.set("owner", "rep-4"), new UpdateOptions().upsert(true));
            deals.updateOne(Filters.eq("code", "NEW"), Updates.inc("touched", 1));
            deals.replaceOne(Filters.eq("code", "NEW2"), new Document("code", "NEW2").append("x", 1),
                    new ReplaceOptions().upsert(true));
            deals.findOneAndUpdate(Filters.eq("code", "NEW3"), Updates.set("y", 2),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            // An ordered insert that fails half-way: the first two stay.
            assertThrows(MongoBulkWriteException.class, () -> deals.insertMany(List.of(new Document("code", "E1"),
                    new Document("code", "E2"), new Document("code", "D2"), new Document("code", "E3"))));
            db.getCollection("scratch").insertOne(new Document("gone", true));
            db.getCollection("scratch").drop();
            db.getCollection("before").insertOne(new Document("_id", "moved").append("v", 1));
            db.getCollection("before").renameCollection(new MongoNamespace("standin", "after"));
            db.createCollection("empty");
            client.getDatabase("dropped").getCollection("c").insertOne(new Document("_id", 1));
            client.getDatabase("dropped").drop();
        }
        Map<String, List<String>> dump = dump();
        assertEquals(List.of("after", "deals", "empty"), List.copyOf(dump.keySet().stream()
                .filter(k -> !k.startsWith("index:")).toList()));
        // 50 inserted; D7 deleted; rep-2 above 3,000: D32, D35, D38, D41, D44, D47; 3 upserted; E1, E2 of the failed batch
        assertEquals(50 - 1 - 6 + 3 + 2, dump.get("deals").size());
        return dump;
    }

    /** Each collection of the test database: its documents in _id order and its indexes, as JSON text. */
    private Map<String, List<String>> dump() {
        try (MongoClient client = client()) {
            MongoDatabase db = client.getDatabase("standin");
            Map<String, List<String>> dump = new TreeMap<>();
            for (String name : db.listCollectionNames()) {
                MongoCollection<Document> collection = db.getCollection(name);
                dump.put(name, collection.find().sort(Sorts.ascending("_id")).map(Document::toJson)
                        .into(new ArrayList<>()));
                dump.put("index:" + name, collection.listIndexes().map(Document::toJson).into(new ArrayList<>()));
            }
            assertTrue(client.listDatabaseNames().into(new ArrayList<>()).stream().noneMatch("dropped"::equals));
            return dump;
        }
    }

    private MongoClient client() {
        return MongoClients.create("mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=10000");
    }

    private void start(Map<String, String> env) throws Exception {
        if (port == 0) {
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", lib + "/*",
                LocalServers.root().resolve("deploy/local/servers/mongo/MongoMain.java").toString(),
                data.toString(), "127.0.0.1", String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        builder.environment().putAll(env);
        server = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!listening()) {
            assertTrue(server.isAlive(), "the stand-in exited; see " + data + ".log");
            assertTrue(Instant.now().isBefore(deadline), "the stand-in did not open its port");
            TimeUnit.MILLISECONDS.sleep(50); // polling the port: there is nothing else to wait on
        }
    }

    private Path log() {
        return data.resolveSibling(data.getFileName() + ".log");
    }

    private void stopGracefully() throws Exception {
        server.destroy(); // SIGTERM: the shutdown hook closes the server and forces the journal
        assertTrue(server.waitFor(1, TimeUnit.MINUTES));
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
