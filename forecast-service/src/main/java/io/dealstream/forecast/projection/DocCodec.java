package io.dealstream.forecast.projection;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.dealstream.support.time.Rfc3339;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.io.BasicOutputBuffer;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Read-model records to MongoDB documents and back, through Jackson's token stream (no JSON text in between): instants,
 * dates and decimals as ISO/plain strings, map keys sorted, whole numbers as 32-bit where they fit (as the JSON text
 * route stored them). Deterministic, so the same events always give byte-identical documents (rebuild = incremental).
 */
public final class DocCodec {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    /** Per thread, the buffer documents are written into before their bytes are copied out. */
    private static final ThreadLocal<BasicOutputBuffer> BUFFER = ThreadLocal.withInitial(() -> new BasicOutputBuffer(16 * 1024));

    static {
        JSON.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        // the same text as the Java time module's serializer, without DateTimeFormatter (a tenth of a rebuild's writing)
        JSON.registerModule(new SimpleModule().addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(Rfc3339.format(value));
            }
        }));
    }

    private DocCodec() {
    }

    /**
     * The document of a record as BSON bytes, written straight from Jackson's token stream (no tree, no {@link Document}
     * in between, nothing for the driver to encode again): fields in the record's order, maps by key.
     */
    public static RawBsonDocument encode(Object record) {
        BasicOutputBuffer out = BUFFER.get();
        out.truncateToPosition(0);
        try (TokenBuffer tokens = new TokenBuffer(JSON, false)) {
            JSON.writeValue(tokens, record);
            try (JsonParser parser = tokens.asParserOnFirstToken(); BsonBinaryWriter bson = new BsonBinaryWriter(out)) {
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException("not an object but " + parser.currentToken());
                }
                write(parser, bson);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot write " + record.getClass().getSimpleName(), e);
        }
        return new RawBsonDocument(out.toByteArray());
    }

    public static <T> T decode(Document document, Class<T> type) {
        try {
            return JSON.convertValue(document, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cannot read a " + type.getSimpleName() + " document", e);
        }
    }

    /** Writes the value the parser is on (and everything inside it) as BSON. */
    private static void write(JsonParser parser, BsonWriter bson) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                bson.writeStartDocument();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    bson.writeName(parser.currentName());
                    parser.nextToken();
                    write(parser, bson);
                }
                bson.writeEndDocument();
            }
            case START_ARRAY -> {
                bson.writeStartArray();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    write(parser, bson);
                }
                bson.writeEndArray();
            }
            case VALUE_STRING -> bson.writeString(parser.getText());
            case VALUE_NUMBER_INT -> {
                switch (parser.getNumberType()) {
                    case INT -> bson.writeInt32(parser.getIntValue());
                    case LONG -> {
                        long value = parser.getLongValue();
                        if (value == (int) value) {
                            bson.writeInt32((int) value);
                        } else {
                            bson.writeInt64(value);
                        }
                    }
                    default -> {
                        BigInteger value = parser.getBigIntegerValue();
                        if (value.bitLength() > 63) {
                            throw new IllegalArgumentException("a whole number beyond 64 bits: " + value);
                        }
                        long l = value.longValue();
                        if (l == (int) l) {
                            bson.writeInt32((int) l);
                        } else {
                            bson.writeInt64(l);
                        }
                    }
                }
            }
            case VALUE_NUMBER_FLOAT -> bson.writeDouble(parser.getDoubleValue());
            case VALUE_TRUE -> bson.writeBoolean(true);
            case VALUE_FALSE -> bson.writeBoolean(false);
            case VALUE_NULL -> bson.writeNull();
            default -> throw new IllegalArgumentException("no BSON for " + parser.currentToken());
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
