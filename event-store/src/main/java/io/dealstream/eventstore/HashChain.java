package io.dealstream.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The per-stream audit chain: hash = SHA-256(previous hash + canonical event bytes). Canonical bytes do not depend
 * on how PostgreSQL's jsonb re-formats the payload (keys are sorted, whitespace dropped), so a chain computed at
 * append time verifies from the stored row.
 */
public final class HashChain {

    /** The "previous hash" of a stream's first event. */
    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper JSON = new ObjectMapper();

    private HashChain() {
    }

    public static String hash(String prevHash, EventRecord e) {
        String canonical = String.join("\n",
                e.streamId.toString(), e.streamType, Long.toString(e.version), e.eventId.toString(), e.type,
                Integer.toString(e.schemaVersion), e.occurredAt.toString(), e.recordedAt.toString(), e.actor,
                Objects.toString(e.causationId, ""), Objects.toString(e.correlationId, ""), canonicalJson(e.payload));
        return sha256(prevHash + "\n" + canonical);
    }

    /** JSON with object keys sorted recursively and no insignificant whitespace. */
    public static String canonicalJson(String json) {
        try {
            return JSON.writeValueAsString(sorted(JSON.readTree(json)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not JSON", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                fields.put(name, sorted(node.get(name)));
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(child -> out.add(sorted(child)));
            return out;
        }
        return node;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
