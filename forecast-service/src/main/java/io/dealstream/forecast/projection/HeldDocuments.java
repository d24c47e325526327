package io.dealstream.forecast.projection;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import io.dealstream.support.messaging.IncomingEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Read-model documents of one generation held in memory while events are folded into them, and written back in bulk:
 * the one way both the live projection and the rebuild apply events. Folding is the pure {@link StreamKind#evolve};
 * an event at or below a document's version changes nothing (at-least-once delivery). Each write is still one atomic
 * single-document operation, guarded by the version the document had when it was read: a new document is inserted
 * (duplicate key = someone else created it), a known one replaced where {@code v} is still the version read. Whoever
 * wrote in between (another instance, after a partition moved) makes the write a conflict: the document is
 * forgotten, and the caller folds that stream's events again on what is stored. No multi-document transactions.
 *
 * <p>Not thread-safe: one thread folds and writes.
 */
final class HeldDocuments {

    /** One read-model document: its kind and stream id. */
    record Key(StreamKind kind, String id) {
        static Key of(IncomingEvent event) {
            StreamKind kind = StreamKind.of(event.type());
            return kind == null ? null : new Key(kind, event.streamId().toString());
        }
    }

    /** What a {@link #write} could not do: documents someone else changed meanwhile, documents the database refused. */
    record Unwritten(Set<Key> conflicts, Map<Key, String> rejected) {
        boolean none() {
            return conflicts.isEmpty() && rejected.isEmpty();
        }
    }

    private static final int BULK = 1000;

    /** A document: its fold, the version folded, the version stored ({@code -1}: not in the collection). */
    private static final class Held {
        Object doc;
        long version;
        long stored = -1;

        boolean dirty() {
            return doc != null && version != stored;
        }
    }

    private final Generations generations;
    private final int generation;
    private final boolean soleWriter;
    private final Writers writers;
    /** In access order: the least recently used come first when clean documents are let go. */
    private final LinkedHashMap<Key, Held> held = new LinkedHashMap<>(1024, 0.75f, true);

    /**
     * @param soleWriter nobody else writes this generation (a rebuild's, before its switch): replaces need no version
     *                   guard then (and the generation has no {@code {_id, v}} index yet to serve one)
     * @param writers    the threads that send bulk writes
     */
    HeldDocuments(Generations generations, int generation, boolean soleWriter, Writers writers) {
        this.generations = generations;
        this.writers = writers;
        this.generation = generation;
        this.soleWriter = soleWriter;
    }

    int generation() {
        return generation;
    }

    int size() {
        return held.size();
    }

    /**
     * Folds events, in the order given (per-stream order is per partition), into the documents held, reading those not
     * held first (one query per kind). Returns the events that could not be folded (their documents stay as they were).
     */
    Map<IncomingEvent, RuntimeException> fold(List<IncomingEvent> events) {
        load(events);
        Map<IncomingEvent, RuntimeException> failed = new HashMap<>();
        for (IncomingEvent e : events) {
            Key key = Key.of(e);
            if (key == null) {
                continue;
            }
            Held h = held.computeIfAbsent(key, k -> new Held());
            if (e.streamVersion() <= h.version) {
                continue;
            }
            try {
                h.doc = key.kind().evolve(h.doc, e);
                h.version = e.streamVersion();
            } catch (RuntimeException poison) {
                failed.put(e, poison);
            }
        }
        return failed;
    }

    private void load(List<IncomingEvent> events) {
        Map<StreamKind, Set<String>> missing = new EnumMap<>(StreamKind.class);
        for (IncomingEvent e : events) {
            Key key = Key.of(e);
            if (key != null && !held.containsKey(key)) {
                missing.computeIfAbsent(key.kind(), k -> new HashSet<>()).add(key.id());
            }
        }
        missing.forEach((kind, ids) -> generations.blocking(kind, generation).find(in("_id", ids)).forEach(d -> {
            Held h = new Held();
            h.doc = DocCodec.decode(d, kind.type());
            h.version = ((Number) d.get("v")).longValue();
            h.stored = h.version;
            held.put(new Key(kind, d.getString("_id")), h);
        }));
    }

    /**
     * Writes every document changed since it was read or written, in bulks of {@value #BULK} per collection. Bulks are
     * encoded and sent by {@code writers} at once (a rebuild's end writes tens of thousands of documents: while the
     * database applies one bulk, the next is encoded and on its way); what they did is taken in on this thread.
     */
    Unwritten write() {
        return settle(writeBehind(Integer.MAX_VALUE));
    }

    /**
     * Starts writing up to {@code max} changed documents, least recently folded first, and returns at once: folding
     * may go on meanwhile (a document folded further stays changed and is written again later). The write must be
     * {@link #settle settled} before the next one starts, so that the writes of one document keep their order.
     */
    Pending writeBehind(int max) {
        Map<StreamKind, List<Key>> dirty = new EnumMap<>(StreamKind.class);
        int taken = 0;
        for (Map.Entry<Key, Held> e : held.entrySet()) {
            if (taken >= max) {
                break;
            }
            if (e.getValue().dirty()) {
                dirty.computeIfAbsent(e.getKey().kind(), k -> new ArrayList<>()).add(e.getKey());
                taken++;
            }
        }
        List<Bulk> bulks = new ArrayList<>();
        dirty.forEach((kind, keys) -> {
            MongoCollection<Document> collection = generations.blocking(kind, generation);
            for (int from = 0; from < keys.size(); from += BULK) {
                List<Key> slice = keys.subList(from, Math.min(keys.size(), from + BULK));
                List<Snapshot> docs = new ArrayList<>(slice.size());
                slice.forEach(k -> {
                    Held h = held.get(k);
                    docs.add(new Snapshot(h.doc, h.version, h.stored));
                });
                bulks.add(new Bulk(collection, slice, docs));
            }
        });
        return new Pending(bulks, writers.start(bulks, this::send));
    }

    /** How many documents have changed since they were read or written. */
    int changed() {
        int n = 0;
        for (Held h : held.values()) {
            n += h.dirty() ? 1 : 0;
        }
        return n;
    }

    /** A write under way ({@link #writeBehind}). */
    static final class Pending {
        private final List<Bulk> bulks;
        private final Writers.Started<Outcome> outcomes;

        private Pending(List<Bulk> bulks, Writers.Started<Outcome> outcomes) {
            this.bulks = bulks;
            this.outcomes = outcomes;
        }
    }

    /** Waits for a write to finish and takes in what it did: what it stored, what conflicted, what was refused. */
    Unwritten settle(Pending pending) {
        List<Outcome> outcomes = pending.outcomes.await();
        Set<Key> conflicts = new HashSet<>();
        Map<Key, String> rejected = new HashMap<>();
        for (int i = 0; i < pending.bulks.size(); i++) {
            settle(pending.bulks.get(i), outcomes.get(i), conflicts, rejected);
        }
        conflicts.forEach(held::remove);
        rejected.keySet().forEach(held::remove);
        return new Unwritten(conflicts, rejected);
    }

    /** A document as it was when its write began. */
    private record Snapshot(Object doc, long version, long stored) {
    }

    /** One bulk write: documents of one collection, as they were when the write began. */
    private record Bulk(MongoCollection<Document> collection, List<Key> keys, List<Snapshot> docs) {
    }

    /** What the database did with a bulk: its result, and the errors of the documents it refused. */
    private record Outcome(BulkWriteResult result, List<BulkWriteError> errors) {
    }

    /** Encodes and sends one bulk; reads only its snapshots (runs on a writer thread). */
    private Outcome send(Bulk bulk) {
        List<WriteModel<Document>> models = new ArrayList<>(bulk.keys().size());
        for (int i = 0; i < bulk.keys().size(); i++) {
            Snapshot s = bulk.docs().get(i);
            Document next = DocCodec.encode(s.doc());
            if (s.stored() < 0) {
                models.add(new InsertOneModel<>(next));
            } else {
                models.add(new ReplaceOneModel<>(soleWriter ? new Document("_id", bulk.keys().get(i).id())
                        : Generations.versioned(bulk.keys().get(i).id(), s.stored()), next));
            }
        }
        try {
            return new Outcome(bulk.collection().bulkWrite(models, new BulkWriteOptions().ordered(false)), List.of());
        } catch (MongoBulkWriteException e) {
            return new Outcome(e.getWriteResult(), e.getWriteErrors());
        }
    }

    private void settle(Bulk bulk, Outcome outcome, Set<Key> conflicts, Map<Key, String> rejected) {
        List<Key> keys = bulk.keys();
        Set<Integer> failed = new HashSet<>();
        for (BulkWriteError error : outcome.errors()) {
            Key key = keys.get(error.getIndex());
            failed.add(error.getIndex());
            if (ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                conflicts.add(key);
            } else {
                rejected.put(key, error.getMessage());
            }
        }
        long replaces = 0;
        long failedReplaces = 0;
        for (int i = 0; i < keys.size(); i++) {
            if (bulk.docs().get(i).stored() >= 0) {
                replaces++;
                failedReplaces += failed.contains(i) ? 1 : 0;
            }
        }
        if (outcome.result().getMatchedCount() < replaces - failedReplaces) {
            for (int i : unmatched(bulk, failed)) {
                conflicts.add(keys.get(i));
                failed.add(i);
            }
        }
        for (int i = 0; i < keys.size(); i++) {
            Held h = held.get(keys.get(i));
            if (!failed.contains(i) && h != null) {
                h.stored = Math.max(h.stored, bulk.docs().get(i).version());
            }
        }
    }

    /** The replaced documents whose stored version is not the one just written: someone else wrote them. */
    private Set<Integer> unmatched(Bulk bulk, Set<Integer> failed) {
        Map<String, Integer> replaced = new HashMap<>();
        for (int i = 0; i < bulk.keys().size(); i++) {
            if (!failed.contains(i) && bulk.docs().get(i).stored() >= 0) {
                replaced.put(bulk.keys().get(i).id(), i);
            }
        }
        Set<Integer> out = new HashSet<>(replaced.values());
        bulk.collection().find(in("_id", replaced.keySet())).projection(Projections.include("v")).forEach(d -> {
            int i = replaced.get(d.getString("_id"));
            if (((Number) d.get("v")).longValue() == bulk.docs().get(i).version()) {
                out.remove(i);
            }
        });
        return out;
    }

    /** Lets go of clean documents, least recently used first, until at most {@code limit} are held. */
    void trim(int limit) {
        Iterator<Held> it = held.values().iterator();
        while (held.size() > limit && it.hasNext()) {
            if (!it.next().dirty()) {
                it.remove();
            }
        }
    }

    /** Forgets everything held (after a failure: what is stored is the truth). */
    void clear() {
        held.clear();
    }
}
