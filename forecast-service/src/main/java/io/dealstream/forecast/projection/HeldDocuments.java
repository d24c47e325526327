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
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.RawBsonDocument;

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
    record Key(StreamKind kind, UUID stream) {
        static Key of(IncomingEvent event) {
            StreamKind kind = StreamKind.of(event.type());
            return kind == null ? null : new Key(kind, event.streamId());
        }

        /** The document's {@code _id}. */
        String id() {
            return stream.toString();
        }

        /** By the kind's ordinal, not its identity hash (an enum's hashCode was a rebuild's hot spot). */
        @Override
        public int hashCode() {
            return 31 * kind.ordinal() + stream.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && kind == k.kind && stream.equals(k.stream);
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
    /**
     * In access order where clean documents are let go ({@link #trim}: the least recently used first); a sole
     * writer's in the order first held (it writes and forgets them all at once, and a lookup then moves nothing).
     */
    private final LinkedHashMap<Key, Held> held;
    /** Whether anything may be stored in the generation (false only for a sole writer before its first write). */
    private boolean anyStored;

    /**
     * @param soleWriter this generation starts empty and nobody else writes it (a rebuild's, before its switch):
     *                   replaces need no version guard, and until the first write there is nothing stored to read
     * @param writers    the threads that send bulk writes
     */
    HeldDocuments(Generations generations, int generation, boolean soleWriter, Writers writers) {
        this.generations = generations;
        this.writers = writers;
        this.generation = generation;
        this.soleWriter = soleWriter;
        this.anyStored = !soleWriter;
        this.held = new LinkedHashMap<>(1024, 0.75f, !soleWriter);
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
        Key[] keys = new Key[events.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Key.of(events.get(i));
        }
        load(keys);
        Map<IncomingEvent, RuntimeException> failed = new IdentityHashMap<>(); // the events themselves
        for (int i = 0; i < keys.length; i++) {
            IncomingEvent e = events.get(i);
            Key key = keys[i];
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

    private void load(Key[] keys) {
        if (!anyStored) {
            return;
        }
        Set<Key> unheld = new HashSet<>();
        for (Key key : keys) {
            if (key != null && !held.containsKey(key)) {
                unheld.add(key);
            }
        }
        Map<StreamKind, Set<String>> missing = new EnumMap<>(StreamKind.class);
        unheld.forEach(key -> missing.computeIfAbsent(key.kind(), k -> new HashSet<>()).add(key.id()));
        missing.forEach((kind, ids) -> generations.blocking(kind, generation).find(in("_id", ids)).forEach(d -> {
            Held h = new Held();
            h.doc = DocCodec.decode(d, kind.type());
            h.version = ((Number) d.get("v")).longValue();
            h.stored = h.version;
            held.put(new Key(kind, UUID.fromString(d.getString("_id"))), h);
        }));
    }

    /**
     * Writes every document changed since it was read or written, in bulks of {@value #BULK} per collection. Bulks are
     * encoded and sent by {@code writers} at once (a rebuild's end writes tens of thousands of documents: while the
     * database applies one bulk, the next is encoded and on its way); what they did is taken in on this thread.
     */
    Unwritten write() {
        Map<StreamKind, List<Key>> dirty = new EnumMap<>(StreamKind.class);
        held.forEach((key, h) -> {
            if (h.dirty()) {
                dirty.computeIfAbsent(key.kind(), k -> new ArrayList<>()).add(key);
            }
        });
        List<Bulk> bulks = new ArrayList<>();
        dirty.forEach((kind, keys) -> {
            MongoCollection<RawBsonDocument> collection = generations.blocking(kind, generation)
                    .withDocumentClass(RawBsonDocument.class);
            for (int from = 0; from < keys.size(); from += BULK) {
                List<Key> slice = keys.subList(from, Math.min(keys.size(), from + BULK));
                List<Held> docs = new ArrayList<>(slice.size());
                slice.forEach(k -> docs.add(held.get(k)));
                bulks.add(new Bulk(collection, slice, docs));
            }
        });
        anyStored |= !bulks.isEmpty();
        List<Outcome> outcomes = writers.run(bulks, this::send);
        Set<Key> conflicts = new HashSet<>();
        Map<Key, String> rejected = new HashMap<>();
        for (int i = 0; i < bulks.size(); i++) {
            settle(bulks.get(i), outcomes.get(i), conflicts, rejected);
        }
        conflicts.forEach(held::remove);
        rejected.keySet().forEach(held::remove);
        return new Unwritten(conflicts, rejected);
    }

    /** One bulk write: documents of one collection, with what was held for each when the write began. */
    private record Bulk(MongoCollection<RawBsonDocument> collection, List<Key> keys, List<Held> docs) {
    }

    /** What the database did with a bulk: its result, and the errors of the documents it refused. */
    private record Outcome(BulkWriteResult result, List<BulkWriteError> errors) {
    }

    /** Encodes and sends one bulk; reads only what it was given (runs on a writer thread). */
    private Outcome send(Bulk bulk) {
        List<WriteModel<RawBsonDocument>> models = new ArrayList<>(bulk.keys().size());
        for (int i = 0; i < bulk.keys().size(); i++) {
            Held h = bulk.docs().get(i);
            RawBsonDocument next = DocCodec.encode(h.doc);
            if (h.stored < 0) {
                models.add(new InsertOneModel<>(next));
            } else {
                models.add(new ReplaceOneModel<>(soleWriter ? new Document("_id", bulk.keys().get(i).id())
                        : Generations.versioned(bulk.keys().get(i).id(), h.stored), next));
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
        Set<Key> failed = new HashSet<>();
        for (BulkWriteError error : outcome.errors()) {
            Key key = keys.get(error.getIndex());
            failed.add(key);
            if (ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                conflicts.add(key);
            } else {
                rejected.put(key, error.getMessage());
            }
        }
        long replaces = bulk.docs().stream().filter(h -> h.stored >= 0).count();
        if (outcome.result().getMatchedCount() < replaces - failed.stream().filter(k -> held.get(k).stored >= 0).count()) {
            Set<Key> unmatched = unmatched(bulk.collection(), keys, failed);
            conflicts.addAll(unmatched);
            failed.addAll(unmatched);
        }
        for (Key key : keys) {
            if (!failed.contains(key)) {
                Held h = held.get(key);
                h.stored = h.version;
            }
        }
    }

    /** The replaced documents whose stored version is not the one just written: someone else wrote them. */
    private Set<Key> unmatched(MongoCollection<RawBsonDocument> collection, List<Key> keys, Set<Key> failed) {
        Map<String, Key> replaced = new HashMap<>();
        for (Key key : keys) {
            if (!failed.contains(key) && held.get(key).stored >= 0) {
                replaced.put(key.id(), key);
            }
        }
        Set<Key> out = new HashSet<>(replaced.values());
        collection.withDocumentClass(Document.class).find(in("_id", replaced.keySet()))
                .projection(Projections.include("v")).forEach(d -> {
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
