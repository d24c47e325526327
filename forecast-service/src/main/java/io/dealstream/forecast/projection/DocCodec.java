package io.dealstream.forecast.projection;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.dealstream.support.time.Rfc3339;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Binary;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Read-model records to MongoDB documents and back, through Jackson's serializers (no JSON text in between): instants,
 * dates and decimals as ISO/plain strings, map keys sorted, whole numbers as 32-bit where they fit (as the JSON text
 * route stored them). Deterministic, so the same events always give byte-identical documents (rebuild = incremental).
 */
public final class DocCodec {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    /** Per thread, the generator (and its buffer) documents are written with before their bytes are copied out. */
    private static final ThreadLocal<BsonGenerator> GENERATOR = ThreadLocal.withInitial(() -> new BsonGenerator(JSON));

    static {
        JSON.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        // the same text as the Java time module's serializer, without DateTimeFormatter (a tenth of a rebuild's writing)
        JSON.registerModule(new SimpleModule().addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(Rfc3339.format(value));
            }
        }).addSerializer(Binary.class, new StdSerializer<>(Binary.class) {
            // a stored binary value (a packed timeline) read back: its bytes, not a bean of type and data
            @Override
            public void serialize(Binary value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeBinary(value.getData());
            }
        }));
    }

    private DocCodec() {
    }

    /**
     * The document of a record as BSON bytes, written by the databind serializers straight into BSON
     * ({@link BsonGenerator}: no tree, no {@link Document}, no token buffer in between, nothing for the driver to
     * encode again): fields in the record's order, maps by key.
     */
    public static RawBsonDocument encode(Object record) {
        BsonGenerator generator = GENERATOR.get();
        generator.reset();
        try {
            JSON.writeValue(generator, record);
            return new RawBsonDocument(generator.toByteArray());
        } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot write " + record.getClass().getSimpleName(), e);
        }
    }

    public static <T> T decode(Document document, Class<T> type) {
        try {
            return JSON.convertValue(document, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cannot read a " + type.getSimpleName() + " document", e);
        }
    }

    /** The canonical text of a stored document, as the rebuild-equals-incremental comparison sees it. */
    public static String text(Document document) {
        return document.toJson(RELAXED);
    }

    /** The same text of a document as BSON bytes (as {@link #encode} makes them). */
    public static String text(BsonDocument document) {
        return document.toJson(RELAXED);
    }
}
