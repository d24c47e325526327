package io.dealstream.customer.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The event catalogue of a customer (stream type {@value #STREAM_TYPE}): everything that can happen to one, in the
 * past tense. Who did it and when (actor, occurredAt, recordedAt) travel in the envelope, not here. Personal data
 * (a contact's name, title, phone, email, profile notes) only ever appears encrypted, in a field named
 * {@code personal}. Each type name is published as {@code io.dealstream.<type>.v<schemaVersion>}.
 */
public sealed interface CustomerEvent {

    String STREAM_TYPE = "customer";

    /** Stable type name, e.g. {@code customer.owner-changed}. */
    String type();

    /** Schema version of this record's shape; bump it (and add an upcaster) when the shape changes. */
    default int schemaVersion() {
        return 1;
    }

    /** A customer entered the company's archive, with its first account owner. */
    record CustomerRegistered(UUID customerId, String name, String industry, String region, Address address,
                              String phone, String web, CustomerStatus status, String sizeNotes,
                              List<String> potentialProjects, List<String> tags, UUID ownerId) implements CustomerEvent {
        public CustomerRegistered {
            potentialProjects = potentialProjects == null ? List.of() : List.copyOf(potentialProjects);
            tags = tags == null ? List.of() : List.copyOf(tags);
        }

        public String type() { return "customer.registered"; }
    }

    /**
     * Archive fields changed. Only changed fields are set; null means unchanged. An empty text (or a blank address)
     * means the field was cleared; an empty list means the list was emptied.
     */
    record CustomerDetailsChanged(String name, String industry, String region, Address address, String phone,
                                  String web, String sizeNotes, List<String> potentialProjects,
                                  List<String> tags) implements CustomerEvent {
        public CustomerDetailsChanged {
            potentialProjects = potentialProjects == null ? null : List.copyOf(potentialProjects);
            tags = tags == null ? null : List.copyOf(tags);
        }

        public String type() { return "customer.details-changed"; }
    }

    /** The business status changed (a deal won makes a customer ACTIVE). */
    record CustomerStatusChanged(CustomerStatus status, CustomerStatus previous, String reason) implements CustomerEvent {
        public String type() { return "customer.status-changed"; }
    }

    /** The account owner changed; {@code departureId} names the departure (handover) that caused it, if any. */
    record CustomerOwnerChanged(UUID from, UUID to, String reason, UUID departureId) implements CustomerEvent {
        /** The reason a handover gives when it moves an account away from a departed owner. */
        public static final String OWNER_DEPARTED = "OWNER_DEPARTED";

        public String type() { return "customer.owner-changed"; }
    }

    /** A staff member joined the account team, or got another role on it. */
    record AccountTeamMemberAdded(UUID staffId, String role) implements CustomerEvent {
        public String type() { return "customer.team-member-added"; }
    }

    record AccountTeamMemberRemoved(UUID staffId) implements CustomerEvent {
        public String type() { return "customer.team-member-removed"; }
    }

    /** A contact (a person at the customer) was recorded with their buying-committee role. */
    record ContactAdded(UUID contactId, BuyingRole buyingRole, EncryptedPersonalData personal) implements CustomerEvent {
        public String type() { return "customer.contact-added"; }
    }

    /** A contact's buying role or personal data changed; null means unchanged. */
    record ContactChanged(UUID contactId, BuyingRole buyingRole, EncryptedPersonalData personal) implements CustomerEvent {
        public String type() { return "customer.contact-changed"; }
    }

    /** A contact's personal data was erased on request (its key destroyed); the contact and its role remain. */
    record ContactPersonalDataErased(UUID contactId) implements CustomerEvent {
        public String type() { return "customer.contact-personal-data-erased"; }
    }

    /** A follow-up (call, visit, meeting, email, demo) was logged, optionally against a deal of this customer. */
    record ActivityLogged(UUID activityId, ActivityType activityType, Instant activityDate, String summary,
                          String nextStep, UUID dealId, List<UUID> participantIds) implements CustomerEvent {
        public ActivityLogged {
            participantIds = participantIds == null ? List.of() : List.copyOf(participantIds);
        }

        public String type() { return "customer.activity-logged"; }
    }

    /** Every event type by its type name: the codec's registry. */
    Map<String, Class<? extends CustomerEvent>> TYPES = Map.ofEntries(
            Map.entry("customer.registered", CustomerRegistered.class),
            Map.entry("customer.details-changed", CustomerDetailsChanged.class),
            Map.entry("customer.status-changed", CustomerStatusChanged.class),
            Map.entry("customer.owner-changed", CustomerOwnerChanged.class),
            Map.entry("customer.team-member-added", AccountTeamMemberAdded.class),
            Map.entry("customer.team-member-removed", AccountTeamMemberRemoved.class),
            Map.entry("customer.contact-added", ContactAdded.class),
            Map.entry("customer.contact-changed", ContactChanged.class),
            Map.entry("customer.contact-personal-data-erased", ContactPersonalDataErased.class),
            Map.entry("customer.activity-logged", ActivityLogged.class));
}
