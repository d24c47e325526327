package io.dealstream.forecast.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import java.util.UUID;

/**
 * A deal's timeline ({@link DealDoc#history}) as it is stored: one binary value of a few bytes per change, instead of
 * one sub-document per change. The timeline is read only by this service and only whole (as of a date, scorecards,
 * turnover), never queried field by field in MongoDB; as sub-documents it was ~85 % of a deal's stored bytes and
 * objects (20 changes: 2.4 KB of BSON; about 15 bytes each packed), and storing it was most of a rebuild's MongoDB work.
 * Deterministic: the same changes always give the same bytes, so a rebuild still equals the incremental read model
 * byte for byte; bytes that are not the ones the changes give (a number longer than it needs, text that is no UTF-8)
 * are refused. A document stored before (an array of sub-documents) still reads.
 *
 * <p>Format {@value #FORMAT}: the format byte, the count, then per change: the kind's {@link #KINDS code}, a bit per
 * optional field present (in the order of {@link Change}'s components), the stream version, {@code at} as epoch
 * seconds and nanoseconds, then the fields present: stage and from as numbers, amount, currency, reason and
 * competitor as UTF-8 text (length first), the date as its epoch day, owner and departure as their 16 bytes. Numbers
 * are variable-length (7 bits a byte; signed ones zigzag-coded).
 *
 * <p>Held packed too: an instance is the immutable list of a timeline's changes kept as the bytes of their encoding
 * (without format and count), a change appended by {@link #with} as its bytes, the changes made objects only when
 * read ({@link #get}: unpacked once). Folding a deal's events so copies a few hundred bytes per event instead of a
 * list of objects, and the deals a rebuild holds in memory are a few objects each instead of a hundred: they no longer
 * fill the young generation that each collection copies. Writing it sends the bytes as they are.
 */
public final class PackedHistory extends AbstractList<Change> implements RandomAccess {

    static final byte FORMAT = 1;
    private static final PackedHistory EMPTY = new PackedHistory(new byte[0], 0, List.of());

    /** Each kind's code in the stored bytes: fixed here, so that reordering {@link Change.Kind} changes nothing. */
    private static final Change.Kind[] KINDS = {Change.Kind.OPENED, Change.Kind.STAGE, Change.Kind.AMOUNT,
        Change.Kind.CLOSE_DATE, Change.Kind.OWNER, Change.Kind.BUYER_STAGE, Change.Kind.WON, Change.Kind.LOST,
        Change.Kind.REOPENED};

    private static final int STAGE = 1;
    private static final int FROM = 1 << 1;
    private static final int AMOUNT = 1 << 2;
    private static final int CURRENCY = 1 << 3;
    private static final int DATE = 1 << 4;
    private static final int OWNER = 1 << 5;
    private static final int DEPARTURE = 1 << 6;
    private static final int REASON = 1 << 7;
    private static final int COMPETITOR = 1 << 8;
    private static final int ALL_FIELDS = (COMPETITOR << 1) - 1;

    /** Changes encoded one after the other (no format, no count); and how many. */
    private final byte[] body;
    private final int count;
    /** The changes as objects, once asked for (immutable: published safely through its final fields). */
    private List<Change> changes;

    private PackedHistory(byte[] body, int count, List<Change> changes) {
        this.body = body;
        this.count = count;
        this.changes = changes;
    }

    /** The timeline without changes. */
    public static PackedHistory empty() {
        return EMPTY;
    }

    /** A timeline as a packed one: itself if it is one already. */
    public static PackedHistory of(List<Change> history) {
        if (history instanceof PackedHistory packed) {
            return packed;
        }
        Out out = new Out(history.size() * 20);
        history.forEach(out::change);
        return new PackedHistory(Arrays.copyOf(out.bytes, out.size), history.size(), List.copyOf(history));
    }

    /** This timeline with one more change at its end; this one stays as it is. */
    public PackedHistory with(Change change) {
        Out one = new Out(32); // the change alone first: the new body is then allocated once, at its size
        one.change(change);
        byte[] longer = Arrays.copyOf(body, body.length + one.size);
        System.arraycopy(one.bytes, 0, longer, body.length, one.size);
        return new PackedHistory(longer, count + 1, null);
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public Change get(int index) {
        return changes().get(index);
    }

    private List<Change> changes() {
        List<Change> unpacked = changes;
        if (unpacked == null) {
            unpacked = read(new In(body, 0), count);
            changes = unpacked;
        }
        return unpacked;
    }

    /** The stored form: format, count, changes. */
    public byte[] bytes() {
        Out out = new Out(body.length + 6);
        out.bytes[out.size++] = FORMAT;
        out.unsigned(count);
        out.ensure(body.length);
        System.arraycopy(body, 0, out.bytes, out.size, body.length);
        out.size += body.length;
        return Arrays.copyOf(out.bytes, out.size);
    }

    public static byte[] pack(List<Change> history) {
        return of(history).bytes();
    }

    /**
     * The changes packed in {@code bytes}; anything else (cut short, left over, an unknown kind or field, a number out
     * of its range) is an {@link IllegalArgumentException}, whatever the bytes.
     */
    public static PackedHistory unpack(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != FORMAT) {
            throw new IllegalArgumentException("not a packed timeline of format " + FORMAT);
        }
        In in = new In(bytes, 1);
        // each change takes at least five bytes: a count above the bytes there are is damage, not a size to allocate
        int count = in.bounded(0, bytes.length, "count");
        int start = in.at;
        List<Change> changes = read(in, count);
        if (count == 0) {
            return EMPTY;
        }
        return new PackedHistory(Arrays.copyOfRange(bytes, start, bytes.length), count, changes);
    }

    /** {@code count} changes from {@code in}, which must hold exactly those. */
    private static List<Change> read(In in, int count) {
        List<Change> out = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                int code = in.bounded(0, KINDS.length - 1, "change kind");
                int present = in.bounded(0, ALL_FIELDS, "fields present");
                long v = in.signed();
                Instant at = Instant.ofEpochSecond(in.signed(), in.bounded(0, 999_999_999, "nanoseconds"));
                Integer stage = (present & STAGE) != 0 ? in.int32("stage") : null;
                Integer from = (present & FROM) != 0 ? in.int32("from") : null;
                String amount = (present & AMOUNT) != 0 ? in.text() : null;
                String currency = (present & CURRENCY) != 0 ? in.text() : null;
                LocalDate date = (present & DATE) != 0 ? LocalDate.ofEpochDay(in.signed()) : null;
                UUID owner = (present & OWNER) != 0 ? in.uuid() : null;
                UUID departureId = (present & DEPARTURE) != 0 ? in.uuid() : null;
                String reason = (present & REASON) != 0 ? in.text() : null;
                String competitor = (present & COMPETITOR) != 0 ? in.text() : null;
                out.add(new Change(v, at, KINDS[code], stage, from, amount, currency, date, owner, departureId, reason,
                        competitor));
            }
        } catch (java.time.DateTimeException e) { // a time or date beyond what java.time holds
            throw new IllegalArgumentException("a packed timeline with a time out of range: " + e.getMessage(), e);
        }
        if (in.at != in.bytes.length) {
            throw new IllegalArgumentException("a packed timeline with " + (in.bytes.length - in.at) + " bytes left over");
        }
        return List.copyOf(out);
    }

    private static int code(Change.Kind kind) {
        for (int i = 0; i < KINDS.length; i++) {
            if (KINDS[i] == kind) {
                return i;
            }
        }
        throw new IllegalArgumentException("a change kind without a code: " + kind);
    }

    /** Writes the timeline as binary (packed). */
    public static final class Writer extends StdSerializer<List<Change>> {

        @SuppressWarnings({"unchecked", "rawtypes"})
        public Writer() {
            super((Class<List<Change>>) (Class) List.class);
        }

        @Override
        public void serialize(List<Change> history, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeBinary(of(history).bytes());
        }
    }

    /** Reads a packed timeline (binary, or base64 text), or one stored as an array of changes before it was packed. */
    public static final class Reader extends StdDeserializer<List<Change>> {

        private static final TypeReference<List<Change>> CHANGES = new TypeReference<>() {
        };

        public Reader() {
            super(List.class);
        }

        @Override
        public List<Change> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.START_ARRAY) {
                return of(context.readValue(parser, context.getTypeFactory().constructType(CHANGES)));
            }
            try {
                return unpack(parser.getBinaryValue());
            } catch (IllegalArgumentException e) {
                return context.reportInputMismatch(this, "unreadable packed timeline: %s", e.getMessage());
            }
        }
    }

    private static final class Out {

        byte[] bytes;
        int size;

        Out(int capacity) {
            bytes = new byte[Math.max(capacity, 16)];
        }

        void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        void change(Change c) {
            unsigned(code(c.kind()));
            int present = (c.stage() != null ? STAGE : 0) | (c.from() != null ? FROM : 0)
                    | (c.amount() != null ? AMOUNT : 0) | (c.currency() != null ? CURRENCY : 0)
                    | (c.date() != null ? DATE : 0) | (c.owner() != null ? OWNER : 0)
                    | (c.departureId() != null ? DEPARTURE : 0) | (c.reason() != null ? REASON : 0)
                    | (c.competitor() != null ? COMPETITOR : 0);
            unsigned(present);
            signed(c.v());
            signed(c.at().getEpochSecond());
            unsigned(c.at().getNano());
            if (c.stage() != null) {
                signed(c.stage());
            }
            if (c.from() != null) {
                signed(c.from());
            }
            text(c.amount());
            text(c.currency());
            if (c.date() != null) {
                signed(c.date().toEpochDay());
            }
            uuid(c.owner());
            uuid(c.departureId());
            text(c.reason());
            text(c.competitor());
        }

        void unsigned(long value) {
            ensure(10);
            while ((value & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            bytes[size++] = (byte) value;
        }

        void signed(long value) {
            unsigned((value << 1) ^ (value >> 63));
        }

        void text(String text) {
            if (text == null) {
                return;
            }
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            unsigned(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        void uuid(UUID id) {
            if (id == null) {
                return;
            }
            long8(id.getMostSignificantBits());
            long8(id.getLeastSignificantBits());
        }

        void long8(long value) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (value >>> shift);
            }
        }
    }

    private static final class In {

        final byte[] bytes;
        int at;

        In(byte[] bytes, int at) {
            this.bytes = bytes;
            this.at = at;
        }

        private byte next() {
            if (at >= bytes.length) {
                throw new IllegalArgumentException("a packed timeline cut short");
            }
            return bytes[at++];
        }

        long unsigned() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = next();
                if (shift == 63 && (b & 0xFF) > 1) { // the tenth byte holds the 64th bit only
                    throw new IllegalArgumentException("a number of more than 64 bits in a packed timeline");
                }
                if (b == 0 && shift > 0) { // a last byte of zero: longer than the number needs, never written so
                    throw new IllegalArgumentException("a number not in its shortest form in a packed timeline");
                }
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("a number of more than 64 bits in a packed timeline");
        }

        /** An unsigned number that must lie in {@code [min, max]}. */
        int bounded(int min, int max, String what) {
            long value = unsigned();
            if (value < min || value > max) { // above 2^63 it is negative as a long
                throw new IllegalArgumentException("a packed timeline with " + what + " " + Long.toUnsignedString(value));
            }
            return (int) value;
        }

        /** A signed number that must fit an int. */
        int int32(String what) {
            long value = signed();
            if (value != (int) value) {
                throw new IllegalArgumentException("a packed timeline with " + what + " " + value);
            }
            return (int) value;
        }

        long signed() {
            long zigzag = unsigned();
            return (zigzag >>> 1) ^ -(zigzag & 1);
        }

        String text() {
            long length = unsigned();
            if (length < 0 || length > bytes.length - at) {
                throw new IllegalArgumentException("a packed timeline cut short");
            }
            int n = (int) length;
            boolean ascii = true;
            for (int i = at; i < at + n && ascii; i++) {
                ascii = bytes[i] >= 0;
            }
            if (ascii) { // amounts, currencies, reasons: the usual case, no decoder
                String text = new String(bytes, at, n, StandardCharsets.ISO_8859_1);
                at += n;
                return text;
            }
            String text;
            try { // strictly: text that is no UTF-8 would not be written back as it was read
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes, at, n)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IllegalArgumentException("a packed timeline with text that is no UTF-8", e);
            }
            at += n;
            return text;
        }

        UUID uuid() {
            return new UUID(long8(), long8());
        }

        long long8() {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = value << 8 | (next() & 0xFF);
            }
            return value;
        }
    }
}
