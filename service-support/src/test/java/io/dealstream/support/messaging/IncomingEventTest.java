package io.dealstream.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/** An event read from a Kafka record's raw headers and payload bytes, as live consumers and a rebuild read it. */
class IncomingEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBJECT = "6540ee25-3503-4010-96c3-1a534adb6198";

    private static RecordHeaders headers(String type, String subject, String version) {
        RecordHeaders h = new RecordHeaders();
        h.add("ce_specversion", bytes("1.0"));
        h.add("ce_id", bytes(UUID.randomUUID().toString()));
        h.add("ce_type", bytes(type));
        h.add("ce_subject", bytes(subject));
        h.add("ce_time", bytes("2030-01-01T10:00:00Z"));
        h.add("ce_streamversion", bytes(version));
        h.add("ce_actor", bytes("someone"));
        h.add("content-type", bytes("application/json"));
        return h;
    }

    /** The bytes as a view into a larger array, starting past its beginning (as the client's header buffers do). */
    private static ByteBuffer inRecord(byte[] bytes) {
        byte[] record = new byte[bytes.length + 6];
        System.arraycopy(bytes, 0, record, 3, bytes.length);
        return ByteBuffer.wrap(record, 3, bytes.length); // position 3
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static IncomingEvent read(String type, String subject, String version) {
        return IncomingEvent.of(headers(type, subject, version), bytes("{\"title\":\"Press line\"}"), JSON);
    }

    @Test
    void theEnvelopeAndPayloadComeFromTheHeadersAndBytes() {
        IncomingEvent e = read("io.dealstream.deal.opened.v2", SUBJECT, "17");
        assertThat(e.type()).isEqualTo("deal.opened");
        assertThat(e.schemaVersion()).isEqualTo(2);
        assertThat(e.streamId()).isEqualTo(UUID.fromString(SUBJECT));
        assertThat(e.streamVersion()).isEqualTo(17);
        assertThat(e.actor()).isEqualTo("someone");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2030-01-01T10:00:00Z"));
        assertThat(e.text("title")).isEqualTo("Press line");
        // the same type again comes from the cache of types seen
        assertThat(read("io.dealstream.deal.opened.v2", SUBJECT, "18").type()).isEqualTo("deal.opened");
    }

    @Test
    void aConsumedMessageIsReadFromItsRecordsHeadersAndBytes() {
        var record = new org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>("deal-events", 2, 41L,
                SUBJECT, bytes("{\"title\":\"Press line\"}"));
        headers("io.dealstream.deal.opened.v1", SUBJECT, "5").forEach(record.headers()::add);
        Message<byte[]> message = Message.of(record.value(), Metadata.of(
                new IncomingKafkaRecordMetadata<>(record, "deal-events")));
        IncomingEvent e = IncomingEvent.of(message, JSON);
        assertThat(e.type()).isEqualTo("deal.opened");
        assertThat(e.streamId()).isEqualTo(UUID.fromString(SUBJECT));
        assertThat(e.streamVersion()).isEqualTo(5);
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2030-01-01T10:00:00Z"));
        assertThat(e.text("title")).isEqualTo("Press line");

        assertThatThrownBy(() -> IncomingEvent.of(Message.of(bytes("{}")), JSON))
                .isInstanceOf(IncomingEvent.Unreadable.class).hasMessageContaining("not a Kafka record");
    }

    @Test
    void headersAsAConsumerReadsThemAreToldApartByTheirKeyBytes() {
        assertThat(IncomingEvent.HeaderKey.readsBuffers()).as("this Kafka client keeps header keys and values in buffers").isTrue();
        // as a consumer decodes a record: keys and values as views into the record's bytes, past their start
        RecordHeaders read = new RecordHeaders();
        int[] copied = {0};
        headers("io.dealstream.deal.opened.v2", SUBJECT, "17").forEach(h -> read.add(new RecordHeader(
                inRecord(bytes(h.key())), inRecord(h.value())) {
            @Override
            public byte[] value() {
                copied[0]++;
                return super.value();
            }
        }));
        IncomingEvent e = IncomingEvent.of(read, bytes("{\"title\":\"Press line\"}"), JSON);
        assertThat(copied[0]).as("values read where they are, not copied").isZero();
        assertThat(e.type()).isEqualTo("deal.opened");
        assertThat(e.streamId()).isEqualTo(UUID.fromString(SUBJECT));
        assertThat(e.streamVersion()).isEqualTo(17);
        assertThat(e.actor()).isEqualTo("someone");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2030-01-01T10:00:00Z"));
        for (String key : new String[] {"ce_time", "ce_type", "ce_actor", "ce_subject", "ce_streamversion", "ce_timE",
            "ce_id", "", "ce_streamversion2"}) {
            // the client's key buffers are views into the record batch: the key starts past the buffer's own start
            byte[] inBatch = bytes("..." + key + "...");
            int[] decoded = {0};
            RecordHeader buffered = new RecordHeader(ByteBuffer.wrap(inBatch, 3, key.length()), ByteBuffer.wrap(bytes("x"))) {
                @Override
                public String key() {
                    decoded[0]++;
                    return super.key();
                }
            };
            IncomingEvent.HeaderKey expected = IncomingEvent.HeaderKey.of(new RecordHeader(key, bytes("x")));
            assertThat(IncomingEvent.HeaderKey.of(buffered)).as(key).isEqualTo(expected);
            assertThat(decoded[0]).as("%s told apart by its bytes, not decoded", key).isZero();
            assertThat(buffered.key()).isEqualTo(key); // decoded now (the client drops the bytes): told apart by the String
            assertThat(IncomingEvent.HeaderKey.of(buffered)).as(key).isEqualTo(expected);
            assertThat(decoded[0]).as(key).isEqualTo(2);
        }
        assertThat(IncomingEvent.HeaderKey.of(new RecordHeader("ce_streamversion", null)))
                .isEqualTo(IncomingEvent.HeaderKey.VERSION);
        assertThat(IncomingEvent.HeaderKey.of(new RecordHeader("ce_timE", null))).isEqualTo(IncomingEvent.HeaderKey.OTHER);
    }

    @Test
    void idsAndVersionsReadFromBytesAreWhatTheJdkReadsFromText() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            String text = random.nextBoolean() ? id.toString() : id.toString().toUpperCase();
            assertThat(IncomingEvent.uuid(ByteBuffer.wrap(bytes(text)))).isEqualTo(UUID.fromString(text));
            long version = random.nextLong() & Long.MAX_VALUE >>> random.nextInt(63);
            assertThat(IncomingEvent.wholeNumber(ByteBuffer.wrap(bytes(Long.toString(version))))).isEqualTo(version);
        }
        // not the canonical shape: read as the JDK reads it
        assertThat(IncomingEvent.uuid(ByteBuffer.wrap(bytes("1-2-3-4-5")))).isEqualTo(UUID.fromString("1-2-3-4-5"));
        assertThat(IncomingEvent.wholeNumber(ByteBuffer.wrap(bytes("+42")))).isEqualTo(42);
        assertThat(IncomingEvent.wholeNumber(ByteBuffer.wrap(bytes("9223372036854775807")))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void unreadableEnvelopesAreUnreadable() {
        assertThatThrownBy(() -> read("io.dealstream.deal.opened.v1", "6540ee25-3503-4010-96c3-1a534adb619g", "1"))
                .isInstanceOf(IncomingEvent.Unreadable.class);
        assertThatThrownBy(() -> read("io.dealstream.deal.opened.v1", "not-a-uuid", "1"))
                .isInstanceOf(IncomingEvent.Unreadable.class);
        assertThatThrownBy(() -> read("io.dealstream.deal.opened.v1", SUBJECT, "1x"))
                .isInstanceOf(IncomingEvent.Unreadable.class);
        assertThatThrownBy(() -> read("io.dealstream.deal.opened.v1", SUBJECT, ""))
                .isInstanceOf(IncomingEvent.Unreadable.class);
        assertThatThrownBy(() -> read("com.example.opened", SUBJECT, "1"))
                .isInstanceOf(IncomingEvent.Unreadable.class).hasMessageContaining("not a Dealstream event type");
        assertThatThrownBy(() -> IncomingEvent.of(new RecordHeaders(), bytes("{}"), JSON))
                .isInstanceOf(IncomingEvent.Unreadable.class).hasMessageContaining("no ce_* headers");
    }

    @Test
    void fieldsReadFromTheIndexAreWhatTheTreeGives() throws Exception {
        String[] payloads = {
            // indexed
            "{\"amount\":{\"amount\":\"12.50\",\"currency\":\"EUR\"},\"stage\":3,\"big\":3000000000,"
                + "\"half\":2.5,\"word\":\"7\",\"none\":null,\"flag\":true,\"id\":\"" + SUBJECT + "\",\"list\":[1],"
                + "\"inner\":{\"n\":null,\"k\":4}}",
            // not indexed (an escape, a non-ASCII letter): the tree alone
            "{\"amount\":{\"amount\":\"12.50\",\"currency\":\"EUR\"},\"stage\":3,\"big\":3000000000,"
                + "\"half\":2.5,\"word\":\"7\",\"none\":null,\"flag\":true,\"id\":\"" + SUBJECT + "\",\"list\":[1],"
                + "\"inner\":{\"n\":null,\"k\":4},\"title\":\"Gr\u00fc\u00dfe \\\"Nord\\\"\"}"};
        for (String payload : payloads) {
            IncomingEvent read = IncomingEvent.of(headers("io.dealstream.deal.opened.v1", SUBJECT, "3"), bytes(payload), JSON);
            assertThat(read.indexed()).as("indexed: the first payload only").isEqualTo(payload == payloads[0]);
            IncomingEvent tree = new IncomingEvent("deal.opened", 1, UUID.fromString(SUBJECT), 3, "someone",
                    Instant.parse("2030-01-01T10:00:00Z"), JSON.readTree(payload));
            for (String field : new String[] {"amount", "stage", "big", "half", "word", "none", "flag", "id", "list",
                "inner", "title", "absent"}) {
                assertThat(read.text(field)).as(field).isEqualTo(tree.text(field))
                        .isEqualTo(tree.payload().hasNonNull(field) ? tree.payload().get(field).asText() : null);
                assertThat(read.has(field)).as(field).isEqualTo(tree.payload().hasNonNull(field));
                for (String inner : new String[] {"amount", "currency", "n", "k", "absent"}) {
                    assertThat(read.text(field, inner)).as(field + "." + inner)
                            .isEqualTo(tree.payload().path(field).path(inner).asText(null));
                }
            }
            assertThat(read.integer("stage")).isEqualTo(3);
            assertThat(read.integer("half")).isEqualTo(2); // as JsonNode.asInt takes it
            assertThat(read.integer("none")).isNull();
            assertThat(read.integer("absent")).isNull();
            assertThatThrownBy(() -> read.integer("big")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> read.integer("word")).isInstanceOf(IllegalArgumentException.class);
            assertThat(read.uuid("id")).isEqualTo(UUID.fromString(SUBJECT));
            assertThat(read.payload()).isEqualTo(JSON.readTree(payload));
            assertThat(read).isEqualTo(tree);
        }
        assertThat(IncomingEvent.of(headers("io.dealstream.deal.opened.v1", SUBJECT, "3"),
                bytes("{\"long\":\"" + "x".repeat(PayloadIndex.MAX_STRING + 1) + "\"}"), JSON).indexed())
                .as("a string longer than the index reads goes the tree's way").isFalse();
        IncomingEvent none = new IncomingEvent("deal.opened", 1, UUID.fromString(SUBJECT), 3, null, Instant.EPOCH, null);
        assertThat(none.payload()).isNull();
        assertThat(none).isEqualTo(new IncomingEvent("deal.opened", 1, UUID.fromString(SUBJECT), 3, null, Instant.EPOCH, null));
        assertThatThrownBy(() -> IncomingEvent.of(headers("io.dealstream.deal.opened.v1", SUBJECT, "3"),
                bytes("{\"a\":01}"), JSON)).isInstanceOf(IncomingEvent.Unreadable.class);
        assertThatThrownBy(() -> IncomingEvent.of(headers("io.dealstream.deal.opened.v1", SUBJECT, "3"),
                bytes("[1]"), JSON)).isInstanceOf(IncomingEvent.Unreadable.class).hasMessageContaining("not a JSON object");
    }
}
