package io.dealstream.forecast.projection;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Read-model records to MongoDB documents and back, through JSON: instants, dates and decimals as ISO/plain strings,
 * map keys sorted. Deterministic, so the same events always give byte-identical documents (rebuild = incremental).
 */
public final class DocCodec {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    static {
        JSON.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
    }

    private DocCodec() {
    }

    public static Document encode(Object record) {
        try {
            return Document.parse(JSON.writeValueAsString(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + record.getClass().getSimpleName(), e);
        }
    }

    public static <T> T decode(Document document, Class<T> type) {
        try {
            return JSON.readValue(document.toJson(RELAXED), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a " + type.getSimpleName() + " document", e);
        }
    }

    /** The canonical text of a stored document, as the rebuild-equals-incremental comparison sees it. */
    public static String text(Document document) {
        return document.toJson(RELAXED);
    }
}
