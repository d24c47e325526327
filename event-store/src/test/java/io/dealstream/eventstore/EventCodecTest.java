package io.dealstream.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stored events are read through upcasters: an old shape comes out as the current record; rows never change. */
class EventCodecTest {

    sealed interface Ev permits Renamed {
    }

    /** v2 of "thing.renamed": v1 stored the name as "title". */
    record Renamed(String name, String reason) implements Ev {
    }

    static final Upcaster TITLE_TO_NAME = new Upcaster() {
        public String type() { return "thing.renamed"; }
        public int fromVersion() { return 1; }
        public ObjectNode upcast(ObjectNode payload) {
            ObjectNode out = payload.deepCopy();
            out.set("name", out.remove("title"));
            return out;
        }
    };

    static final Upcaster ADD_REASON = new Upcaster() {
        public String type() { return "thing.renamed"; }
        public int fromVersion() { return 2; }
        public ObjectNode upcast(ObjectNode payload) {
            return payload.deepCopy().put("reason", "unknown (recorded before reasons were kept)");
        }
    };

    final EventCodec<Ev> codec = new EventCodec<>(new ObjectMapper(), Map.of("thing.renamed", Renamed.class),
            e -> "thing.renamed", e -> 3, List.of(TITLE_TO_NAME, ADD_REASON));

    @Test
    void oldVersionsAreUpcastStepByStep() {
        assertThat(codec.fromJson("thing.renamed", 1, "{\"title\":\"Press line\"}"))
                .isEqualTo(new Renamed("Press line", "unknown (recorded before reasons were kept)"));
        assertThat(codec.fromJson("thing.renamed", 2, "{\"name\":\"Press line\"}"))
                .isEqualTo(new Renamed("Press line", "unknown (recorded before reasons were kept)"));
        assertThat(codec.fromJson("thing.renamed", 3, "{\"name\":\"Press line\",\"reason\":\"typo\"}"))
                .isEqualTo(new Renamed("Press line", "typo"));
    }

    @Test
    void currentEventsRoundTrip() {
        Renamed event = new Renamed("Crane", "customer asked");
        assertThat(codec.fromJson(codec.type(event), codec.schemaVersion(event), codec.toJson(event))).isEqualTo(event);
    }

    @Test
    void unknownTypesAreAnError() {
        assertThatThrownBy(() -> codec.fromJson("thing.vanished", 1, "{}")).hasMessageContaining("unknown event type");
    }
}
