package io.dealstream.forecast.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Test;

class DecodedDocumentsTest {

    record Sample(@JsonProperty("_id") String id, long v, String name, List<String> tags) {
    }

    private static final Codec<Document> CODEC = new DocumentCodec();

    private static RawBsonDocument raw(String id, long v, String name) {
        return new RawBsonDocument(new Document("_id", id).append("v", v).append("name", name)
                .append("tags", List.of("a", name)), CODEC);
    }

    @Test
    void aVersionIsDecodedOnceAndANewVersionAgain() {
        DecodedDocuments decoded = new DecodedDocuments(10);

        Sample first = decoded.decode("db.deals_g1", raw("d1", 3, "three"), CODEC, Sample.class);
        Sample again = decoded.decode("db.deals_g1", raw("d1", 3, "three"), CODEC, Sample.class);
        Sample next = decoded.decode("db.deals_g1", raw("d1", 4, "four"), CODEC, Sample.class);

        assertEquals(new Sample("d1", 3, "three", List.of("a", "three")), first);
        assertSame(first, again, "same collection, id and version: the record decoded before");
        assertEquals(new Sample("d1", 4, "four", List.of("a", "four")), next);
        assertSame(next, decoded.decode("db.deals_g1", raw("d1", 4, "four"), CODEC, Sample.class));
    }

    @Test
    void anotherGenerationIsAnotherDocument() {
        DecodedDocuments decoded = new DecodedDocuments(10);
        Sample old = decoded.decode("db.deals_g1", raw("d1", 3, "old"), CODEC, Sample.class);

        Sample rebuilt = decoded.decode("db.deals_g2", raw("d1", 3, "rebuilt"), CODEC, Sample.class);

        assertNotSame(old, rebuilt);
        assertEquals("rebuilt", rebuilt.name());
    }

    @Test
    void theLeastRecentlyUsedAreDropped() {
        DecodedDocuments decoded = new DecodedDocuments(2);
        Sample a = decoded.decode("c", raw("a", 1, "a"), CODEC, Sample.class);
        decoded.decode("c", raw("b", 1, "b"), CODEC, Sample.class);
        assertSame(a, decoded.decode("c", raw("a", 1, "a"), CODEC, Sample.class)); // a is now the most recent

        decoded.decode("c", raw("c", 1, "c"), CODEC, Sample.class); // drops b

        assertEquals(2, decoded.size());
        assertSame(a, decoded.decode("c", raw("a", 1, "a"), CODEC, Sample.class));
    }

    @Test
    void aDocumentWithoutAVersionIsDecodedEveryTime() {
        DecodedDocuments decoded = new DecodedDocuments(10);
        RawBsonDocument unversioned = new RawBsonDocument(new Document("_id", "x").append("name", "n"), CODEC);

        Sample one = decoded.decode("c", unversioned, CODEC, Sample.class);

        assertNotSame(one, decoded.decode("c", unversioned, CODEC, Sample.class));
        assertEquals(0, decoded.size());
    }
}
