package io.dealstream.support.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * An event read from a Dealstream topic: the CloudEvents envelope (type, stream, stream version, actor, business
 * time) and the JSON payload, read tolerantly (unknown fields are just there). Consumers stay idempotent by
 * remembering the last {@code streamVersion} they applied per {@code streamId}.
 *
 * @param type          the event type without prefix and version, e.g. {@code customer.owner-changed}
 * @param schemaVersion the payload's schema version, from the {@code .vN} suffix of {@code ce_type}
 */
public record IncomingEvent(String type, int schemaVersion, UUID streamId, long streamVersion, String actor,
                            Instant occurredAt, JsonNode payload) {

    private static final Pattern CE_TYPE = Pattern.compile("io\\.dealstream\\.(.+)\\.v(\\d+)");

    /** A message that can never be processed (no CloudEvents envelope, bad JSON): it belongs in the dead-letter topic. */
    public static class Unreadable extends RuntimeException {
        public Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static IncomingEvent of(Message<String> message, ObjectMapper json) {
        IncomingCloudEventMetadata<?> ce = message.getMetadata(IncomingCloudEventMetadata.class)
                .orElseThrow(() -> new Unreadable("not a CloudEvent (no ce_* headers)", null));
        return of(ce.getType(), ce.getSubject().orElse(null), ce.getExtension("streamversion").orElse(null),
                ce.getExtension("actor").orElse(null), ce.getTimeStamp().map(t -> t.toInstant()).orElse(null),
                message.getPayload(), json);
    }

    /**
     * The same from the raw {@code ce_*} header values of a Kafka record, for code that reads a topic with a plain
     * consumer (e.g. a projection rebuild): {@code ce_time} is an RFC 3339 timestamp.
     */
    public static IncomingEvent of(org.apache.kafka.common.header.Headers headers, String payload, ObjectMapper json) {
        String time = header(headers, "ce_time");
        Instant instant;
        try {
            instant = time == null ? null : io.dealstream.support.time.Rfc3339.parse(time);
        } catch (java.time.DateTimeException e) {
            throw new Unreadable("unreadable ce_time: " + time, e);
        }
        String type = header(headers, "ce_type");
        if (type == null) {
            throw new Unreadable("not a CloudEvent (no ce_* headers)", null);
        }
        return of(type, header(headers, "ce_subject"), header(headers, "ce_streamversion"),
                header(headers, "ce_actor"), instant, payload, json);
    }

    private static String header(org.apache.kafka.common.header.Headers headers, String name) {
        org.apache.kafka.common.header.Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static IncomingEvent of(String ceType, String subject, Object version, Object actor, Instant time,
                                    String payloadText, ObjectMapper json) {
        try {
            Matcher type = CE_TYPE.matcher(ceType);
            if (!type.matches()) {
                throw new Unreadable("not a Dealstream event type: " + ceType, null);
            }
            if (subject == null) {
                throw new Unreadable("no ce_subject", null);
            }
            if (version == null) {
                throw new Unreadable("no ce_streamversion", null);
            }
            if (time == null) {
                throw new Unreadable("no ce_time", null);
            }
            JsonNode payload = payloadText == null ? null : json.readTree(payloadText);
            if (payload == null || !payload.isObject()) {
                throw new Unreadable("payload is not a JSON object", null);
            }
            return new IncomingEvent(type.group(1), Integer.parseInt(type.group(2)), UUID.fromString(subject),
                    Long.parseLong(version.toString()), actor == null ? null : actor.toString(), time, payload);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new Unreadable("unreadable event: " + e.getMessage(), e);
        }
    }

    /** A UUID field of the payload, or null when absent or null. */
    public UUID uuid(String field) {
        JsonNode node = payload.get(field);
        return node == null || node.isNull() ? null : UUID.fromString(node.asText());
    }

    /** A text field of the payload, or null when absent or null. */
    public String text(String field) {
        JsonNode node = payload.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
