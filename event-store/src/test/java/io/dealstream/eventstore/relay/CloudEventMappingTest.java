package io.dealstream.eventstore.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealstream.eventstore.EventRecord;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A stored event becomes a CloudEvent keyed by its stream; personal data never leaves the service. */
class CloudEventMappingTest {

    private static EventRecord event(String payload) {
        EventRecord r = new EventRecord();
        r.streamId = UUID.randomUUID();
        r.streamType = "customer";
        r.version = 7;
        r.eventId = UUID.randomUUID();
        r.type = "customer.contact-added";
        r.schemaVersion = 1;
        r.occurredAt = Instant.parse("2027-01-15T10:00:00Z");
        r.recordedAt = Instant.parse("2027-01-15T10:00:01Z");
        r.actor = "3f1c6e2a-8d4b-4c1e-9a57-2b0c7d9e4f11";
        r.correlationId = UUID.randomUUID();
        r.payload = payload;
        return r;
    }

    @Test
    void headersKeyAndTopic() {
        EventRecord e = event("{\"contactId\":\"c1\"}");
        var message = CloudEventMapping.toMessage(e, "/customer-service", "customer-events");
        var ce = message.getMetadata(OutgoingCloudEventMetadata.class).orElseThrow();
        assertThat(ce.getId()).isEqualTo(e.eventId.toString());
        assertThat(ce.getType()).isEqualTo("io.dealstream.customer.contact-added.v1");
        assertThat(ce.getSource().toString()).isEqualTo("/customer-service");
        assertThat(ce.getSubject()).contains(e.streamId.toString());
        assertThat(ce.getExtensions()).containsEntry("streamversion", "7").containsEntry("actor", e.actor)
                .containsEntry("streamtype", "customer").containsEntry("correlationid", e.correlationId.toString());
        var kafka = message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        assertThat(kafka.getKey()).isEqualTo(e.streamId.toString());
        assertThat(kafka.getTopic()).isEqualTo("customer-events");
    }

    @Test
    void personalDataIsStrippedFromThePublishedPayload() {
        String stored = "{\"contactId\":\"c1\",\"buyingRole\":\"DECISION_MAKER\",\"personal\":{\"keyId\":\"k\",\"ciphertext\":\"xyz\"}}";
        assertThat(CloudEventMapping.toMessage(event(stored), "/customer-service", "customer-events").getPayload())
                .isEqualTo("{\"contactId\":\"c1\",\"buyingRole\":\"DECISION_MAKER\"}");
        assertThat(CloudEventMapping.publicPayload("{\"note\":\"the word \\\"personal\\\" in text\"}"))
                .isEqualTo("{\"note\":\"the word \\\"personal\\\" in text\"}");
    }
}
