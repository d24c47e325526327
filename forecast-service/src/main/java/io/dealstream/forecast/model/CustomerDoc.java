package io.dealstream.forecast.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dealstream.support.messaging.IncomingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The read model of one customer ({@code customer} stream): account owner and its history, status, region, the
 * buying-committee contacts (ids and roles only) and every follow-up activity logged (who, when, on which deal).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerDoc(@JsonProperty("_id") UUID id, long v, String name, String region, String status,
                          UUID ownerId, Instant registeredAt, List<Ownership> owners, Map<String, String> contacts,
                          List<UUID> team, List<Activity> activities) {

    public static final String STREAM_TYPE = "customer";

    /** The account owner from {@code at} on; {@code departureId} when a departure's handover assigned them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ownership(Instant at, UUID ownerId, UUID departureId) {
    }

    /** A logged follow-up: when it happened, who logged it, who took part, and the deal it was about (if any). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Activity(UUID id, Instant at, UUID actor, UUID dealId, String type, List<UUID> participants) {
    }

    public static CustomerDoc evolve(CustomerDoc doc, IncomingEvent e) {
        long v = e.streamVersion();
        if (e.type().equals("customer.registered")) {
            UUID owner = e.uuid("ownerId");
            return new CustomerDoc(e.streamId(), v, e.text("name"), e.text("region"), e.text("status"), owner,
                    e.occurredAt(), owner == null ? List.of() : List.of(new Ownership(e.occurredAt(), owner, null)),
                    Map.of(), List.of(), List.of());
        }
        if (doc == null) {
            throw new IllegalStateException(e.type() + " v" + v + " of customer " + e.streamId() + " before it was registered");
        }
        String name = doc.name;
        String region = doc.region;
        String status = doc.status;
        UUID ownerId = doc.ownerId;
        List<Ownership> owners = doc.owners;
        Map<String, String> contacts = doc.contacts;
        List<UUID> team = doc.team;
        List<Activity> activities = doc.activities;
        switch (e.type()) {
            case "customer.details-changed" -> {
                name = e.text("name") != null ? e.text("name") : name;
                region = e.text("region") != null ? e.text("region") : region;
            }
            case "customer.status-changed" -> status = Payloads.text(e, "status");
            case "customer.owner-changed" -> {
                ownerId = e.uuid("to");
                owners = new ArrayList<>(owners);
                owners.add(new Ownership(e.occurredAt(), ownerId, e.uuid("departureId")));
            }
            case "customer.contact-added", "customer.contact-changed" -> {
                contacts = new TreeMap<>(contacts);
                String role = e.text("buyingRole");
                contacts.put(Payloads.text(e, "contactId"), role == null ? contacts.getOrDefault(e.text("contactId"), "") : role);
            }
            case "customer.team-member-added" -> {
                UUID member = Payloads.uuid(e, "staffId");
                if (!team.contains(member)) {
                    team = new ArrayList<>(team);
                    team.add(member);
                }
            }
            case "customer.team-member-removed" -> {
                team = new ArrayList<>(team);
                team.remove(Payloads.uuid(e, "staffId"));
            }
            case "customer.activity-logged" -> {
                Instant when = Payloads.optionalInstant(e, "activityDate");
                activities = new ArrayList<>(activities);
                activities.add(new Activity(Payloads.uuid(e, "activityId"), when != null ? when : e.occurredAt(),
                        e.actor() == null ? null : parse(e.actor()), e.uuid("dealId"), e.text("activityType"),
                        List.copyOf(Payloads.uuids(e, "participantIds"))));
            }
            default -> { }
        }
        return new CustomerDoc(doc.id, v, name, region, status, ownerId, doc.registeredAt, List.copyOf(owners),
                contacts, List.copyOf(team), List.copyOf(activities));
    }

    private static UUID parse(String actor) {
        try {
            return UUID.fromString(actor);
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
