package io.dealstream.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The chain hash depends on every stored field and the previous link, never on JSON formatting. */
class HashChainTest {

    private static EventRecord event(String payload) {
        EventRecord r = new EventRecord();
        r.streamId = UUID.fromString("6f0f7a52-5d0e-4c3a-9a0c-0c1d2e3f4a5b");
        r.streamType = "deal";
        r.version = 3;
        r.eventId = UUID.fromString("0b6c2d7e-1f2a-4b3c-8d4e-5f6a7b8c9d0e");
        r.type = "deal.stage-changed";
        r.schemaVersion = 1;
        r.occurredAt = Instant.parse("2027-01-15T10:00:00.123456Z");
        r.recordedAt = Instant.parse("2027-01-15T10:00:00.234567Z");
        r.actor = "3f1c6e2a-8d4b-4c1e-9a57-2b0c7d9e4f11";
        r.payload = payload;
        return r;
    }

    @Test
    void jsonbReformattingDoesNotChangeTheHash() {
        String asWritten = "{\"to\":3,\"from\":2,\"unmetGate\":{\"2\":[\"role:X\"]},\"reason\":null}";
        String asJsonbReturnsIt = "{\"to\": 3, \"from\": 2, \"reason\": null, \"unmetGate\": {\"2\": [\"role:X\"]}}";
        assertThat(HashChain.hash(HashChain.GENESIS, event(asWritten)))
                .isEqualTo(HashChain.hash(HashChain.GENESIS, event(asJsonbReturnsIt)))
                .hasSize(64);
    }

    @Test
    void anyChangedFieldOrLinkChangesTheHash() {
        String payload = "{\"from\":2,\"to\":3}";
        String original = HashChain.hash(HashChain.GENESIS, event(payload));
        assertThat(HashChain.hash(HashChain.GENESIS, event("{\"from\":2,\"to\":4}"))).isNotEqualTo(original);
        assertThat(HashChain.hash("a".repeat(64), event(payload))).isNotEqualTo(original);
        EventRecord otherActor = event(payload);
        otherActor.actor = "mallory";
        assertThat(HashChain.hash(HashChain.GENESIS, otherActor)).isNotEqualTo(original);
        EventRecord otherTime = event(payload);
        otherTime.occurredAt = otherTime.occurredAt.plusSeconds(1);
        assertThat(HashChain.hash(HashChain.GENESIS, otherTime)).isNotEqualTo(original);
        EventRecord otherVersion = event(payload);
        otherVersion.version = 4;
        assertThat(HashChain.hash(HashChain.GENESIS, otherVersion)).isNotEqualTo(original);
    }
}
