package io.dealstream.forecast.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dealstream.forecast.model.DealDoc;
import io.dealstream.forecast.model.PackedHistory;
import io.dealstream.support.messaging.IncomingEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

/**
 * Documents written as BSON straight from the token stream are the ones the JSON text route wrote (same fields, order
 * and number types; a deal's timeline packed), and read back to the same record.
 */
class DocCodecTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final UUID deal = UUID.randomUUID();

    IncomingEvent event(String type, long version, String at, String payload) throws Exception {
        return new IncomingEvent(type, 1, deal, version, null, Instant.parse(at), JSON.readTree(payload));
    }

    DealDoc deal() throws Exception {
        UUID owner = UUID.randomUUID();
        DealDoc d = DealDoc.evolve(null, event("deal.opened", 1, "2030-01-01T00:00:00.123456Z", """
                {"dealId":"%s","customerId":"%s","title":"Pumps \\"Nord\\" ü","amount":{"amount":"100.50","currency":"EUR"},
                 "expectedCloseDate":"2030-03-31","ownerId":"%s","stage":1}""".formatted(deal, UUID.randomUUID(), owner)));
        d = DealDoc.evolve(d, event("deal.stage-changed", 2, "2030-01-10T00:00:00Z", "{\"from\":1,\"to\":4}"));
        d = DealDoc.evolve(d, event("deal.expected-close-date-changed", 3_000_000_000L, "2030-01-12T00:00:00Z",
                "{\"expectedCloseDate\":\"2030-04-30\"}"));
        return DealDoc.evolve(d, event("deal.lost", 3_000_000_001L, "2030-02-01T00:00:00Z",
                "{\"reason\":\"PRICE\",\"competitor\":\"Acme\",\"stage\":4}"));
    }

    @Test
    void encodesAsTheJsonTextRouteDidNumbersIncluded() throws Exception {
        DealDoc doc = deal();
        // the JSON text route of the first versions: Jackson's own time serializers, not DocCodec's faster one
        ObjectMapper stock = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        stock.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        Document viaText = Document.parse(stock.writeValueAsString(doc));
        // JSON text has no binary: the packed timeline came as base64 text; stored, it is BSON binary (generic subtype)
        viaText.put("history", new Binary(PackedHistory.pack(doc.history())));
        Document direct = DocCodec.encode(doc).decode(new DocumentCodec());
        assertThat(DocCodec.text(DocCodec.encode(doc))).isEqualTo(DocCodec.text(viaText));
        assertThat(DocCodec.text(direct)).isEqualTo(DocCodec.text(viaText));
        assertThat(direct.get("v")).isEqualTo(3_000_000_001L); // beyond 32 bits: 64-bit, as before
        assertThat(direct.get("state", Document.class).get("stage")).isEqualTo(4); // fits: 32-bit, as before
        assertThat(PackedHistory.unpack(direct.get("history", Binary.class).getData())).isEqualTo(doc.history());
        // byte for byte what the driver writes for the text route's document: types, order, lengths, UTF-8
        assertThat(bytes(DocCodec.encode(doc))).isEqualTo(bytes(RawBsonDocument.parse(viaText.toJson())));
    }

    @Test
    void writesEveryValueTypeAsTheDriverDoes() {
        record Sample(String text, int small, long large, long fits, double real, boolean yes, String none,
                      java.util.List<Object> mixed, java.util.Map<String, Object> nested) {
        }
        java.util.List<Object> mixed = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) { // more elements than the cached index names
            mixed.add(i % 2 == 0 ? "x" + i : i);
        }
        Sample sample = new Sample("Grüße \u20ac \uD83D\uDE00", -7, 5_000_000_000L, 12, 0.25, true, null, mixed,
                java.util.Map.of("b", java.util.List.of(), "a", java.util.Map.of("deep", false)));
        Document expected = new Document("text", sample.text()).append("small", -7).append("large", 5_000_000_000L)
                .append("fits", 12).append("real", 0.25).append("yes", true).append("none", null)
                .append("mixed", mixed)
                .append("nested", new Document("a", new Document("deep", false)).append("b", java.util.List.of()));
        assertThat(bytes(DocCodec.encode(sample))).isEqualTo(bytes(new RawBsonDocument(expected, new DocumentCodec())));
    }

    /** The document's bytes (a raw document's buffer may be larger than the document). */
    private static byte[] bytes(RawBsonDocument document) {
        java.nio.ByteBuffer buffer = document.getByteBuffer().asNIO();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    @Test
    void decodesToTheSameRecord() throws Exception {
        DealDoc doc = deal();
        assertThat(DocCodec.decode(DocCodec.encode(doc).decode(new DocumentCodec()), DealDoc.class)).isEqualTo(doc);
    }

    @Test
    void readsADealStoredWithItsTimelineAsSubDocumentsBeforeItWasPacked() throws Exception {
        DealDoc doc = deal();
        Document stored = DocCodec.encode(doc).decode(new DocumentCodec());
        // as the first versions stored it: one sub-document per change, only the fields of its kind, times as text
        ObjectMapper stock = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        java.util.List<Document> changes = new java.util.ArrayList<>();
        for (var change : doc.history()) {
            changes.add(Document.parse(stock.writeValueAsString(change)));
        }
        assertThat(changes.get(0)).containsKeys("v", "at", "kind", "stage", "amount").doesNotContainKey("reason");
        stored.put("history", changes);
        assertThat(DocCodec.decode(stored, DealDoc.class)).isEqualTo(doc);
    }
}
