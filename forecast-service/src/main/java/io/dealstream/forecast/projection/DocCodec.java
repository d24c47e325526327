package io.dealstream.forecast.projection;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
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

    static {
        JSON.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
    }

    private DocCodec() {
    }

    public static Document encode(Object record) {
        try {
            return (Document) bson(JSON.valueToTree(record));
        } catch (IllegalArgumentException e) {
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

    private static Object bson(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                Document document = new Document();
                node.fields().forEachRemaining(field -> document.append(field.getKey(), bson(field.getValue())));
                return document;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(element -> list.add(bson(element)));
                return list;
            }
            case STRING -> {
                return node.textValue();
            }
            case NUMBER -> {
                if (!node.isIntegralNumber()) {
                    return node.doubleValue();
                }
                if (node.canConvertToInt()) {
                    return node.intValue();
                }
                if (node.canConvertToLong()) {
                    return node.longValue();
                }
                throw new IllegalArgumentException("a whole number beyond 64 bits: " + node);
            }
            case BOOLEAN -> {
                return node.booleanValue();
            }
            case NULL -> {
                return null;
            }
            default -> throw new IllegalArgumentException("no BSON for a " + node.getNodeType() + " node");
        }
    }

    /** The canonical text of a stored document, as the rebuild-equals-incremental comparison sees it. */
    public static String text(Document document) {
        return document.toJson(RELAXED);
    }
}
