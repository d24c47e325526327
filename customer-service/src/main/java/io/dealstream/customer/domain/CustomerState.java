package io.dealstream.customer.domain;

import io.dealstream.customer.domain.CustomerEvent.*;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A customer as its events made it. {@link #evolve} only applies an event; it never validates (that is
 * {@link CustomerDecider}'s job) so old history always replays.
 *
 * @param ownership      every ownership period, oldest first; the last one is current
 * @param accountTeam    staff on the account besides the owner → their role
 * @param contacts       contacts by id, in the order they were added
 * @param lastActivityAt the latest activity date logged (business time; the 15-day follow-up rule counts from it)
 */
public record CustomerState(UUID id, String name, String industry, String region, Address address, String phone,
                            String web, CustomerStatus status, String sizeNotes, List<String> potentialProjects,
                            List<String> tags, UUID ownerId, List<OwnershipPeriod> ownership,
                            Map<UUID, String> accountTeam, Map<UUID, Contact> contacts, Instant registeredAt,
                            Instant lastActivityAt, int activityCount, Instant updatedAt, long version) {

    /** The state before the first event: no customer. */
    public static final CustomerState NONE = new CustomerState(null, null, null, null, null, null, null, null, null,
            List.of(), List.of(), null, List.of(), Map.of(), Map.of(), null, null, 0, null, 0);

    public boolean exists() {
        return id != null;
    }

    /** Applies one event that happened at {@code occurredAt}; returns the next state (version + 1). */
    public CustomerState evolve(CustomerEvent event, Instant occurredAt) {
        Draft d = new Draft(this);
        d.version = version + 1;
        d.updatedAt = occurredAt;
        if (event instanceof CustomerRegistered e) {
            d.id = e.customerId();
            d.name = e.name();
            d.industry = e.industry();
            d.region = e.region();
            d.address = e.address();
            d.phone = e.phone();
            d.web = e.web();
            d.status = e.status();
            d.sizeNotes = e.sizeNotes();
            d.potentialProjects = e.potentialProjects();
            d.tags = e.tags();
            d.ownerId = e.ownerId();
            d.ownership.add(new OwnershipPeriod(e.ownerId(), occurredAt, null, OwnershipPeriod.REGISTERED, null));
            d.registeredAt = occurredAt;
        } else if (event instanceof CustomerDetailsChanged e) {
            d.name = e.name() != null ? e.name() : d.name;
            d.industry = apply(e.industry(), d.industry);
            d.region = apply(e.region(), d.region);
            d.address = e.address() == null ? d.address : e.address().blank() ? null : e.address();
            d.phone = apply(e.phone(), d.phone);
            d.web = apply(e.web(), d.web);
            d.sizeNotes = apply(e.sizeNotes(), d.sizeNotes);
            d.potentialProjects = e.potentialProjects() != null ? e.potentialProjects() : d.potentialProjects;
            d.tags = e.tags() != null ? e.tags() : d.tags;
        } else if (event instanceof CustomerStatusChanged e) {
            d.status = e.status();
        } else if (event instanceof CustomerOwnerChanged e) {
            int last = d.ownership.size() - 1;
            if (last >= 0 && d.ownership.get(last).current()) {
                d.ownership.set(last, d.ownership.get(last).endedAt(occurredAt));
            }
            d.ownership.add(new OwnershipPeriod(e.to(), occurredAt, null, e.reason(), e.departureId()));
            d.ownerId = e.to();
        } else if (event instanceof AccountTeamMemberAdded e) {
            d.accountTeam.put(e.staffId(), e.role());
        } else if (event instanceof AccountTeamMemberRemoved e) {
            d.accountTeam.remove(e.staffId());
        } else if (event instanceof ContactAdded e) {
            d.contacts.put(e.contactId(), new Contact(e.contactId(), e.buyingRole(), e.personal(), false));
        } else if (event instanceof ContactChanged e) {
            d.contacts.computeIfPresent(e.contactId(), (id, c) -> new Contact(id,
                    e.buyingRole() != null ? e.buyingRole() : c.buyingRole(),
                    e.personal() != null ? e.personal() : c.personal(), c.erased()));
        } else if (event instanceof ContactPersonalDataErased e) {
            d.contacts.computeIfPresent(e.contactId(), (id, c) -> new Contact(id, c.buyingRole(), null, true));
        } else if (event instanceof ActivityLogged e) {
            d.activityCount++;
            if (d.lastActivityAt == null || e.activityDate().isAfter(d.lastActivityAt)) {
                d.lastActivityAt = e.activityDate();
            }
        }
        return d.build();
    }

    /** A partial update of optional text: null keeps the current value, "" clears it. */
    private static String apply(String change, String current) {
        if (change == null) {
            return current;
        }
        return change.isEmpty() ? null : change;
    }

    /** Mutable copy used only inside {@link #evolve}, so each branch touches only what its event changes. */
    private static final class Draft {
        UUID id, ownerId;
        String name, industry, region, phone, web, sizeNotes;
        Address address;
        CustomerStatus status;
        List<String> potentialProjects, tags;
        List<OwnershipPeriod> ownership;
        Map<UUID, String> accountTeam;
        Map<UUID, Contact> contacts;
        Instant registeredAt, lastActivityAt, updatedAt;
        int activityCount;
        long version;

        Draft(CustomerState s) {
            id = s.id; name = s.name; industry = s.industry; region = s.region; address = s.address;
            phone = s.phone; web = s.web; status = s.status; sizeNotes = s.sizeNotes;
            potentialProjects = s.potentialProjects; tags = s.tags; ownerId = s.ownerId;
            ownership = new ArrayList<>(s.ownership);
            accountTeam = new LinkedHashMap<>(s.accountTeam);
            contacts = new LinkedHashMap<>(s.contacts);
            registeredAt = s.registeredAt; lastActivityAt = s.lastActivityAt; activityCount = s.activityCount;
            updatedAt = s.updatedAt; version = s.version;
        }

        CustomerState build() {
            return new CustomerState(id, name, industry, region, address, phone, web, status, sizeNotes,
                    potentialProjects, tags, ownerId, List.copyOf(ownership),
                    Collections.unmodifiableMap(accountTeam), Collections.unmodifiableMap(contacts), registeredAt,
                    lastActivityAt, activityCount, updatedAt, version);
        }
    }
}
