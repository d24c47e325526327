package io.dealstream.support.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * An event read from a Dealstream topic: the CloudEvents envelope (type, stream, stream version, actor, business
 * time) and the JSON payload, read tolerantly (unknown fields are just there). Consumers stay idempotent by
 * remembering the last {@code streamVersion} they applied per {@code streamId}.
 *
 * <p>Read from a record's bytes ({@link #of(org.apache.kafka.common.header.Headers, byte[], ObjectMapper)}), a plainly
 * valid payload is only indexed ({@link PayloadIndex}); its tree is parsed when {@link #payload()} is first asked
 * for. {@link #text(String)}, {@link #integer} and their kin read the index where it has the field, so a consumer reading
 * a few fields never builds the tree.
 */
public final class IncomingEvent {

    private final String type;
    private final int schemaVersion;
    private final UUID streamId;
    private final long streamVersion;
    private final String actor;
    private final Instant occurredAt;
    /** The tree, once parsed (set by the first {@link #payload()} where only the index was made). */
    private volatile JsonNode payload;
    private final PayloadIndex index;
    private final byte[] json;
    /** The mapper whose reader parses {@code json} when the tree is asked for. */
    private final ObjectMapper mapper;

    /**
     * @param type          the event type without prefix and version, e.g. {@code customer.owner-changed}
     * @param schemaVersion the payload's schema version, from the {@code .vN} suffix of {@code ce_type}
     */
    public IncomingEvent(String type, int schemaVersion, UUID streamId, long streamVersion, String actor,
                         Instant occurredAt, JsonNode payload) {
        this(type, schemaVersion, streamId, streamVersion, actor, occurredAt, payload, null, null, null);
    }

    private IncomingEvent(String type, int schemaVersion, UUID streamId, long streamVersion, String actor,
                          Instant occurredAt, JsonNode payload, PayloadIndex index, byte[] json, ObjectMapper mapper) {
        this.type = type;
        this.schemaVersion = schemaVersion;
        this.streamId = streamId;
        this.streamVersion = streamVersion;
        this.actor = actor;
        this.occurredAt = occurredAt;
        this.payload = payload;
        this.index = index;
        this.json = json;
        this.mapper = mapper;
    }

    public String type() {
        return type;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public UUID streamId() {
        return streamId;
    }

    public long streamVersion() {
        return streamVersion;
    }

    public String actor() {
        return actor;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    /** The payload as a JSON tree (an object; null only where it was made with none). */
    public JsonNode payload() {
        JsonNode tree = payload;
        if (tree == null && json != null) {
            try {
                tree = tree(mapper).readTree(json);
            } catch (IOException e) { // the index found it valid: not expected
                throw new Unreadable("unreadable payload: " + e.getMessage(), e);
            }
            payload = tree;
        }
        return tree;
    }

    private static final Pattern CE_TYPE = Pattern.compile("io\\.dealstream\\.(.+)\\.v(\\d+)");

    /** A message that can never be processed (no CloudEvents envelope, bad JSON): it belongs in the dead-letter topic. */
    public static class Unreadable extends RuntimeException {
        public Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A consumed Kafka message's event, read as {@link #of(org.apache.kafka.common.header.Headers, byte[], ObjectMapper)}
     * reads a record: its {@code ce_*} headers and payload bytes (the channel's value deserializer hands the bytes as
     * they are). Live consumers and a rebuild read events one way.
     */
    public static IncomingEvent of(Message<byte[]> message, ObjectMapper json) {
        IncomingKafkaRecordMetadata<?, ?> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new Unreadable("not a Kafka record: no headers to read a CloudEvent from", null));
        return of(kafka.getHeaders(), message.getPayload(), json);
    }

    /**
     * An event from the raw {@code ce_*} header values and payload bytes of a Kafka record (a live consumer's message,
     * or a record a plain consumer read, e.g. in a projection rebuild): {@code ce_time} is an RFC 3339 timestamp, the
     * payload UTF-8 JSON (parsed from the bytes, without a string in between).
     */
    public static IncomingEvent of(org.apache.kafka.common.header.Headers headers, byte[] payload, ObjectMapper json) {
        // one pass over the headers (the last of a repeated one wins, as Headers.lastHeader)
        String time = null;
        ByteBuffer type = null;
        ByteBuffer subject = null;
        ByteBuffer version = null;
        String actor = null;
        for (org.apache.kafka.common.header.Header h : headers) {
            switch (HeaderKey.of(h)) {
                case TIME -> time = text(HeaderKey.value(h));
                case TYPE -> type = HeaderKey.value(h);
                case ACTOR -> actor = text(HeaderKey.value(h));
                case SUBJECT -> subject = HeaderKey.value(h);
                case VERSION -> version = HeaderKey.value(h);
                case OTHER -> {
                }
            }
        }
        Instant instant;
        try {
            instant = time == null ? null : io.dealstream.support.time.Rfc3339.parse(time);
        } catch (java.time.DateTimeException e) {
            throw new Unreadable("unreadable ce_time: " + time, e);
        }
        if (type == null) {
            throw new Unreadable("not a CloudEvent (no ce_* headers)", null);
        }
        try {
            Type parsed = Type.of(type);
            UUID stream = subject == null ? null : uuid(subject);
            Long streamVersion = version == null ? null : wholeNumber(version);
            PayloadIndex index = payload == null ? null : PayloadIndex.of(payload);
            if (index != null && stream != null && streamVersion != null && instant != null) {
                return new IncomingEvent(parsed.name(), parsed.schemaVersion(), stream, streamVersion, actor, instant,
                        null, index, payload, json);
            }
            // not plainly valid (or no envelope): parsed as a tree, which says what is wrong
            return of(parsed, stream, streamVersion, actor, instant,
                    () -> payload == null ? null : tree(json).readTree(payload));
        } catch (IllegalArgumentException e) {
            throw new Unreadable("unreadable event: " + e.getMessage(), e);
        }
    }

    /**
     * The {@code ce_*} headers an event is read from, told from a header's key. A consumer's headers hold their keys as
     * bytes until asked, and {@code Header.key()} then decodes a new String for each (eleven per record): where the
     * Kafka client keeps them so ({@code RecordHeader}'s key buffer, read through a {@link java.lang.invoke.VarHandle}),
     * the bytes are compared instead; a rebuild read a tenth of its time decoding keys it only compared. Any other
     * header, or a client without that field, is told apart by its key String: by length and equals, not by a switch
     * on the String, which would hash every key.
     */
    enum HeaderKey {
        TIME("ce_time"), TYPE("ce_type"), ACTOR("ce_actor"), SUBJECT("ce_subject"), VERSION("ce_streamversion"),
        OTHER(null);

        private static final java.lang.invoke.VarHandle KEY_BYTES = buffer("keyBuffer");
        private static final java.lang.invoke.VarHandle VALUE_BYTES = buffer("valueBuffer");

        private final String key;
        private final byte[] bytes;

        HeaderKey(String key) {
            this.key = key;
            this.bytes = key == null ? null : key.getBytes(StandardCharsets.US_ASCII);
        }

        static HeaderKey of(org.apache.kafka.common.header.Header h) {
            // exact types for the VarHandle (RecordHeader in, ByteBuffer out): anything else takes its slow path
            ByteBuffer raw = KEY_BYTES != null && h instanceof org.apache.kafka.common.header.internals.RecordHeader r
                    ? (ByteBuffer) KEY_BYTES.get(r) : null; // null too once key() has decoded it
            if (raw != null) {
                for (HeaderKey k : ofLength(raw.remaining())) {
                    if (k.same(raw)) {
                        return k;
                    }
                }
                return OTHER;
            }
            String key = h.key();
            for (HeaderKey k : ofLength(key.length())) {
                if (k.key.equals(key)) {
                    return k;
                }
            }
            return OTHER;
        }

        private static final HeaderKey[] NONE = {};
        private static final HeaderKey[] SEVEN = {TIME, TYPE};
        private static final HeaderKey[] EIGHT = {ACTOR};
        private static final HeaderKey[] TEN = {SUBJECT};
        private static final HeaderKey[] SIXTEEN = {VERSION};

        /** The keys of that length: most headers have none, so they cost a length and no comparison. */
        private static HeaderKey[] ofLength(int length) {
            return switch (length) {
                case 7 -> SEVEN;
                case 8 -> EIGHT;
                case 10 -> TEN;
                case 16 -> SIXTEEN;
                default -> NONE;
            };
        }

        /** Whether the buffer's remaining bytes (as many as this key's) are this key's. */
        private boolean same(ByteBuffer raw) {
            int at = raw.position();
            for (int i = 0; i < bytes.length; i++) {
                if (raw.get(at + i) != bytes[i]) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether keys and values are read from the buffers this Kafka client keeps them in, for a test to notice when
         * it stops.
         */
        static boolean readsBuffers() {
            return KEY_BYTES != null && VALUE_BYTES != null;
        }

        /**
         * A header's value where the client holds it (a view into the record, not copied: {@code Header.value()}
         * copies it into a new array, through a duplicate of the buffer), or a buffer around {@code value()}; null
         * for a null value.
         */
        static ByteBuffer value(org.apache.kafka.common.header.Header h) {
            ByteBuffer raw = VALUE_BYTES != null && h instanceof org.apache.kafka.common.header.internals.RecordHeader r
                    ? (ByteBuffer) VALUE_BYTES.get(r) : null; // null too once value() has copied it
            if (raw != null && raw.hasArray()) {
                return raw;
            }
            byte[] value = h.value();
            return value == null ? null : ByteBuffer.wrap(value);
        }

        private static java.lang.invoke.VarHandle buffer(String field) {
            try {
                Class<?> header = org.apache.kafka.common.header.internals.RecordHeader.class;
                return java.lang.invoke.MethodHandles.privateLookupIn(header, java.lang.invoke.MethodHandles.lookup())
                        .findVarHandle(header, field, ByteBuffer.class);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null; // keys as Strings, values copied
            }
        }
    }

    /**
     * A UUID from its text's bytes (a buffer's remaining ones, read where they are, the buffer left as it was): the
     * canonical 36 characters directly, else as UUID.fromString reads it.
     */
    static UUID uuid(ByteBuffer text) {
        int at = text.position();
        if (text.remaining() == 36 && text.get(at + 8) == '-' && text.get(at + 13) == '-' && text.get(at + 18) == '-'
                && text.get(at + 23) == '-') {
            long a = hex(text, at, 8);
            long b = hex(text, at + 9, 4);
            long c = hex(text, at + 14, 4);
            long d = hex(text, at + 19, 4);
            long e = hex(text, at + 24, 12);
            if ((a | b | c | d | e) >= 0) {
                return new UUID(a << 32 | b << 16 | c, d << 48 | e);
            }
        }
        return UUID.fromString(text(text));
    }

    /** The value of {@code count} (at most 15) hex digits at {@code from}, or -1 if one is not a hex digit. */
    private static long hex(ByteBuffer text, int from, int count) {
        long value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = Character.digit(text.get(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /**
     * A long from its decimal text's bytes (a buffer's remaining ones, read where they are, the buffer left as it was):
     * plain digits directly, anything else as Long.parseLong reads it.
     */
    static long wholeNumber(ByteBuffer text) {
        int at = text.position();
        int length = text.remaining();
        if (length > 0 && length <= 18) {
            long value = 0;
            for (int i = at; i < at + length; i++) {
                byte b = text.get(i);
                if (b < '0' || b > '9') {
                    return Long.parseLong(text(text));
                }
                value = value * 10 + (b - '0');
            }
            return value;
        }
        return Long.parseLong(text(text));
    }

    /** A mapper's reader of JSON trees, made once: {@code ObjectMapper.readTree} looks the type up on every call. */
    private static ObjectReader tree(ObjectMapper json) {
        return TREES.computeIfAbsent(json, m -> m.readerFor(JsonNode.class));
    }

    private static final Map<ObjectMapper, ObjectReader> TREES = new ConcurrentHashMap<>();

    /** A buffer's remaining bytes as UTF-8 text (the buffer left as it was); null for null. */
    private static String text(ByteBuffer value) {
        if (value == null) {
            return null;
        }
        if (value.hasArray()) {
            return new String(value.array(), value.arrayOffset() + value.position(), value.remaining(),
                    StandardCharsets.UTF_8);
        }
        return StandardCharsets.UTF_8.decode(value.duplicate()).toString();
    }

    private static IncomingEvent of(Type type, UUID subject, Long version, String actor, Instant time,
                                    PayloadReader payloadReader) {
        try {
            if (subject == null) {
                throw new Unreadable("no ce_subject", null);
            }
            if (version == null) {
                throw new Unreadable("no ce_streamversion", null);
            }
            if (time == null) {
                throw new Unreadable("no ce_time", null);
            }
            JsonNode payload = payloadReader.read();
            if (payload == null || !payload.isObject()) {
                throw new Unreadable("payload is not a JSON object", null);
            }
            return new IncomingEvent(type.name(), type.schemaVersion(), subject, version, actor, time, payload);
        } catch (IOException | IllegalArgumentException e) {
            throw new Unreadable("unreadable event: " + e.getMessage(), e);
        }
    }

    /** Parses the payload once the envelope has been checked. */
    @FunctionalInterface
    private interface PayloadReader {
        JsonNode read() throws IOException;
    }

    /** A {@code ce_type} taken apart: name and schema version. A topic carries a few dozen, each parsed once. */
    private record Type(String name, int schemaVersion) {

        /** The types seen, by their header bytes (a buffer's hash and equality are its remaining bytes'). */
        private static final Map<ByteBuffer, Type> KNOWN = new ConcurrentHashMap<>();

        /** The type a header's bytes (UTF-8) name, without a String for the types already seen. */
        static Type of(ByteBuffer ceType) {
            Type known = KNOWN.get(ceType);
            if (known != null) {
                return known;
            }
            String text = text(ceType);
            Matcher type = CE_TYPE.matcher(text);
            if (!type.matches()) {
                throw new Unreadable("not a Dealstream event type: " + text, null);
            }
            Type parsed = new Type(type.group(1), Integer.parseInt(type.group(2)));
            if (KNOWN.size() < 1000) {
                byte[] copy = new byte[ceType.remaining()];
                ceType.duplicate().get(copy);
                KNOWN.put(ByteBuffer.wrap(copy), parsed);
            }
            return parsed;
        }
    }

    /** A UUID field of the payload, or null when absent or null. */
    public UUID uuid(String field) {
        String text = text(field);
        return text == null ? null : UUID.fromString(text);
    }

    /** A text field of the payload (a number's or literal's text as the tree gives it), or null when absent or null. */
    public String text(String field) {
        if (index != null) {
            int m = index.present(field);
            if (m < 0) {
                return null;
            }
            if (index.kind(m) == PayloadIndex.Kind.STRING) {
                return index.string(m);
            }
        }
        JsonNode node = payload().get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    /** Whether the payload has the field with a value other than null. */
    public boolean has(String field) {
        if (index != null) {
            return index.present(field) >= 0;
        }
        return payload().hasNonNull(field);
    }

    /**
     * A field of the payload that is a whole number of an int's range (as {@link JsonNode#canConvertToInt} and
     * {@link JsonNode#asInt} take it), null when absent or null; an {@link IllegalArgumentException} when it is
     * something else.
     */
    public Integer integer(String field) {
        if (index != null) {
            int m = index.present(field);
            if (m < 0) {
                return null;
            }
            Integer value = index.kind(m) == PayloadIndex.Kind.NUMBER ? index.wholeInt(m) : null;
            if (value != null) {
                return value;
            }
        }
        JsonNode node = payload().get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt()) {
            throw new IllegalArgumentException(type + "." + field + " is not a whole number");
        }
        return node.asInt();
    }

    /**
     * The text of a field of an object field of the payload ({@code field.inner}, as {@code path(field).path(inner)
     * .asText(null)} gives it): null when either is absent, or the inner one null.
     */
    public String text(String field, String inner) {
        if (index != null) {
            int m = index.find(field);
            if (m < 0 || index.kind(m) != PayloadIndex.Kind.OBJECT) {
                return null; // the tree's path through anything but an object is missing
            }
            PayloadIndex object = index.object(m);
            int n = object.present(inner);
            if (n < 0) {
                return null;
            }
            if (object.kind(n) == PayloadIndex.Kind.STRING) {
                return object.string(n);
            }
        }
        return payload().path(field).path(inner).asText(null);
    }

    /** Whether the payload was indexed (read without a tree), for tests. */
    boolean indexed() {
        return index != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IncomingEvent e && schemaVersion == e.schemaVersion && streamVersion == e.streamVersion
                && type.equals(e.type) && Objects.equals(streamId, e.streamId) && Objects.equals(actor, e.actor)
                && Objects.equals(occurredAt, e.occurredAt) && Objects.equals(payload(), e.payload());
    }

    /** Without the payload: equal events have equal envelopes, and the hash parses nothing. */
    @Override
    public int hashCode() {
        return Objects.hash(type, schemaVersion, streamId, streamVersion, actor, occurredAt);
    }

    /** With the payload's tree where it is parsed, else its text: a log line parses nothing. */
    @Override
    public String toString() {
        Object shown = payload != null || json == null ? payload
                : new String(json, StandardCharsets.UTF_8);
        return "IncomingEvent[type=" + type + ", schemaVersion=" + schemaVersion + ", streamId=" + streamId
                + ", streamVersion=" + streamVersion + ", actor=" + actor + ", occurredAt=" + occurredAt
                + ", payload=" + shown + "]";
    }
}
