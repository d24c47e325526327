package io.dealstream.customer.domain;

import java.util.Map;
import java.util.UUID;

/**
 * The event catalogue of a team (stream type {@value #STREAM_TYPE}): a team has one manager and works in one time
 * zone (the weekly funnel review is due Monday 08:00 there).
 */
public sealed interface TeamEvent {

    String STREAM_TYPE = "team";

    /** Stable type name, e.g. {@code team.created}. */
    String type();

    /** Schema version of this record's shape; bump it (and add an upcaster) when the shape changes. */
    default int schemaVersion() {
        return 1;
    }

    /** A team was set up; {@code timeZone} is a {@link java.time.ZoneId} id such as {@code Europe/Vienna}. */
    record TeamCreated(UUID teamId, String name, UUID managerId, String timeZone) implements TeamEvent {
        public String type() { return "team.created"; }
    }

    record TeamManagerChanged(UUID managerId, UUID previous) implements TeamEvent {
        public String type() { return "team.manager-changed"; }
    }

    /** Every event type by its type name: the codec's registry. */
    Map<String, Class<? extends TeamEvent>> TYPES = Map.ofEntries(
            Map.entry("team.created", TeamCreated.class),
            Map.entry("team.manager-changed", TeamManagerChanged.class));
}
