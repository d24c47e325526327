package io.dealstream.customer.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The event catalogue of a staff member (stream type {@value #STREAM_TYPE}): joining, moving team, gaining or losing
 * capabilities, and departing. Their name and email are personal data and only ever appear encrypted, in
 * {@code personal}. Capabilities are listed once each, in {@link Capability} order.
 */
public sealed interface StaffEvent {

    String STREAM_TYPE = "staff";

    /** Stable type name, e.g. {@code staff.departed}. */
    String type();

    /** Schema version of this record's shape; bump it (and add an upcaster) when the shape changes. */
    default int schemaVersion() {
        return 1;
    }

    /** Someone joined the company; {@code teamId} is null for staff outside any team (such as a first manager). */
    record StaffJoined(UUID staffId, UUID teamId, String title, List<Capability> capabilities,
                       EncryptedPersonalData personal) implements StaffEvent {
        public StaffJoined {
            capabilities = Capability.canonical(capabilities);
        }

        public String type() { return "staff.joined"; }
    }

    record StaffTeamChanged(UUID teamId, UUID previous) implements StaffEvent {
        public String type() { return "staff.team-changed"; }
    }

    record StaffCapabilitiesChanged(List<Capability> capabilities, List<Capability> previous) implements StaffEvent {
        public StaffCapabilitiesChanged {
            capabilities = Capability.canonical(capabilities);
            previous = Capability.canonical(previous);
        }

        public String type() { return "staff.capabilities-changed"; }
    }

    /**
     * The staff member left (or will leave on {@code effectiveDate}). From this event on they are DEPARTED: they can
     * no longer act or be assigned anything, and a handover with id {@code departureId} lists what they owned.
     */
    record StaffDeparted(UUID departureId, LocalDate effectiveDate, String reason, UUID successorId)
            implements StaffEvent {
        public String type() { return "staff.departed"; }
    }

    /** Every event type by its type name: the codec's registry. */
    Map<String, Class<? extends StaffEvent>> TYPES = Map.ofEntries(
            Map.entry("staff.joined", StaffJoined.class),
            Map.entry("staff.team-changed", StaffTeamChanged.class),
            Map.entry("staff.capabilities-changed", StaffCapabilitiesChanged.class),
            Map.entry("staff.departed", StaffDeparted.class));
}
