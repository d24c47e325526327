package io.dealstream.deal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.eventstore.EventRecord;
import io.dealstream.eventstore.relay.CloudEventMapping;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event of a deal's history as the API shows it. */
@Schema(name = "DealHistoryEvent")
public record EventDocument(UUID eventId, String type, String cloudEventType, long version, Instant occurredAt,
                            Instant recordedAt, String actor, JsonNode payload, String hash) {

    static EventDocument of(EventRecord r, ObjectMapper json) {
        try {
            return new EventDocument(r.eventId, r.type, CloudEventMapping.ceType(r.type, r.schemaVersion), r.version,
                    r.occurredAt, r.recordedAt, r.actor, json.readTree(r.payload), r.hash);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
