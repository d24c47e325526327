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
    /** In access order: the least recently used come first when clean documents are let go. */
    private final LinkedHashMap<Key, Held> held = new LinkedHashMap<>(1024, 0.75f, true);

    /**
     * @param soleWriter nobody else writes this generation (a rebuild's, before its switch): replaces need no version
     *                   guard then (and the generation has no {@code {_id, v}} index yet to serve one)
     */
    HeldDocuments(Generations generations, int generation, boolean soleWriter) {
        this.generations = generations;
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

    /** Writes every document changed since it was read or written, in bulk per collection. */
    Unwritten write() {
        Set<Key> conflicts = new HashSet<>();
        Map<Key, String> rejected = new HashMap<>();
        Map<StreamKind, List<Key>> dirty = new EnumMap<>(StreamKind.class);
        held.forEach((key, h) -> {
            if (h.dirty()) {
                dirty.computeIfAbsent(key.kind(), k -> new ArrayList<>()).add(key);
            }
        });
        dirty.forEach((kind, keys) -> {
            MongoCollection<Document> collection = generations.blocking(kind, generation);
            for (int from = 0; from < keys.size(); from += BULK) {
                write(collection, keys.subList(from, Math.min(keys.size(), from + BULK)), conflicts, rejected);
            }
        });
        conflicts.forEach(held::remove);
        rejected.keySet().forEach(held::remove);
        return new Unwritten(conflicts, rejected);
    }

    private void write(MongoCollection<Document> collection, List<Key> keys, Set<Key> conflicts,
                       Map<Key, String> rejected) {
        List<WriteModel<Document>> models = new ArrayList<>(keys.size());
        int replaces = 0;
        for (Key key : keys) {
            Held h = held.get(key);
            Document next = DocCodec.encode(h.doc);
            if (h.stored < 0) {
                models.add(new InsertOneModel<>(next));
            } else {
                models.add(new ReplaceOneModel<>(soleWriter ? new Document("_id", key.id())
                        : Generations.versioned(key.id(), h.stored), next));
                replaces++;
            }
        }
        Set<Key> failed = new HashSet<>();
        BulkWriteResult result;
        try {
            result = collection.bulkWrite(models, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            result = e.getWriteResult();
            for (BulkWriteError error : e.getWriteErrors()) {
                Key key = keys.get(error.getIndex());
                failed.add(key);
                if (ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                    conflicts.add(key);
                } else {
                    rejected.put(key, error.getMessage());
                }
            }
        }
        if (result.getMatchedCount() < replaces - failed.stream().filter(k -> held.get(k).stored >= 0).count()) {
            conflicts.addAll(unmatched(collection, keys, failed));
            failed.addAll(conflicts);
        }
        for (Key key : keys) {
            if (!failed.contains(key)) {
                Held h = held.get(key);
                h.stored = h.version;
            }
        }
    }

    /** The replaced documents whose stored version is not the one just written: someone else wrote them. */
    private Set<Key> unmatched(MongoCollection<Document> collection, List<Key> keys, Set<Key> failed) {
        Map<String, Key> replaced = new HashMap<>();
        for (Key key : keys) {
            if (!failed.contains(key) && held.get(key).stored >= 0) {
                replaced.put(key.id(), key);
            }
        }
        Set<Key> out = new HashSet<>(replaced.values());
        collection.find(in("_id", replaced.keySet())).projection(Projections.include("v")).forEach(d -> {
            Key key = replaced.get(d.getString("_id"));
            if (((Number) d.get("v")).longValue() == held.get(key).version) {
                out.remove(key);
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
