package io.dealstream.eventstore.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealstream.eventstore.EventRecord;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.net.URI;
import java.time.ZoneOffset;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * How a stored event becomes a Kafka record: CloudEvents 1.0 in binary mode ({@code ce_*} headers), key = stream id,
 * value = the JSON payload. Extensions carry what consumers need for idempotency and audit.
 */
public final class CloudEventMapping {

    /** CloudEvents extension names (lower-case alphanumerics only, as the spec demands). */
    public static final String EXT_STREAM_VERSION = "streamversion";
    public static final String EXT_STREAM_TYPE = "streamtype";
    public static final String EXT_ACTOR = "actor";
    public static final String EXT_RECORDED_AT = "recordedat";
    public static final String EXT_CORRELATION_ID = "correlationid";
    public static final String EXT_CAUSATION_ID = "causationid";
    public static final String TYPE_PREFIX = "io.dealstream.";
    /**
     * Convention of every event catalogue: personal data (encrypted in the store) lives in a top-level field of this
     * name, and never leaves the service: it is removed from the published payload.
     */
    public static final String PERSONAL_FIELD = "personal";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudEventMapping() {
    }

    /** The CloudEvents type of a stored event type, e.g. {@code io.dealstream.deal.stage-changed.v1}. */
    public static String ceType(String type, int schemaVersion) {
        return TYPE_PREFIX + type + ".v" + schemaVersion;
    }

    public static Message<String> toMessage(EventRecord e, String source, String topic) {
        var ce = OutgoingCloudEventMetadata.builder()
                .withId(e.eventId.toString())
                .withSource(URI.create(source))
                .withType(ceType(e.type, e.schemaVersion))
                .withSubject(e.streamId.toString())
                .withTimestamp(e.occurredAt.atZone(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withExtension(EXT_STREAM_VERSION, Long.toString(e.version))
                .withExtension(EXT_STREAM_TYPE, e.streamType)
                .withExtension(EXT_ACTOR, e.actor)
                .withExtension(EXT_RECORDED_AT, e.recordedAt.toString());
        if (e.correlationId != null) {
            ce.withExtension(EXT_CORRELATION_ID, e.correlationId.toString());
        }
        if (e.causationId != null) {
            ce.withExtension(EXT_CAUSATION_ID, e.causationId.toString());
        }
        var kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(e.streamId.toString())
                .withTopic(topic)
                .build();
        return Message.of(publicPayload(e.payload), Metadata.of(ce.build(), kafka));
    }

    /** The payload as published: without its {@value #PERSONAL_FIELD} field, if it has one. */
    public static String publicPayload(String payload) {
        if (!payload.contains("\"" + PERSONAL_FIELD + "\"")) {
            return payload;
        }
        try {
            JsonNode node = JSON.readTree(payload);
            if (node instanceof ObjectNode object && object.has(PERSONAL_FIELD)) {
                object.remove(PERSONAL_FIELD);
                return JSON.writeValueAsString(object);
            }
            return payload;
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored payload is not JSON", ex);
        }
    }
}
