package io.dealstream.forecast.service;

import io.dealstream.forecast.projection.DocCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;

/**
 * Read-model documents decoded into records once per version. A document's content is a pure function of its
 * collection (generation), its id and its version {@code v}, so a record decoded for one version serves every query
 * that reads that version again; queries that poll the same documents (a manager's forecast page) then skip the
 * conversion that cost them most of their time. The documents arrive as raw BSON, so a hit reads only {@code _id} and
 * {@code v} from the bytes. Bounded: the least recently used records are dropped. The records are immutable.
 */
final class DecodedDocuments {

    private record Key(String collection, BsonValue id) {
    }

    private record Decoded(long version, Object record) {
    }

    private final Map<Key, Decoded> cache;

    DecodedDocuments(int capacity) {
        this.cache = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Decoded> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The record for {@code raw} of {@code collection}, decoded with {@code codec} and {@link DocCodec} on a miss. */
    <T> T decode(String collection, RawBsonDocument raw, Codec<Document> codec, Class<T> type) {
        BsonValue id = raw.get("_id");
        BsonValue v = raw.get("v");
        if (id == null || v == null || !v.isNumber()) {
            return DocCodec.decode(raw.decode(codec), type);
        }
        Key key = new Key(collection, id);
        long version = v.asNumber().longValue();
        synchronized (cache) {
            Decoded hit = cache.get(key);
            if (hit != null && hit.version() == version && type.isInstance(hit.record())) {
                return type.cast(hit.record());
            }
        }
        T record = DocCodec.decode(raw.decode(codec), type);
        synchronized (cache) {
            cache.put(key, new Decoded(version, record));
        }
        return record;
    }

    int size() {
        synchronized (cache) {
            return cache.size();
        }
    }
}
