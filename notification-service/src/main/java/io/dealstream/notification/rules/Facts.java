package io.dealstream.notification.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the rules know when they run: the state kept from the topics, as plain values. Ids are UUIDs; a reference
 * whose target is not known (yet) is simply absent from the maps, and the rules skip what they cannot address.
 */
public record Facts(Map<UUID, Deal> deals, Map<UUID, Customer> customers, Map<UUID, Staff> staff,
                    Map<UUID, Team> teams, List<Handover> handovers) {

    public static Facts of(Collection<Deal> deals, Collection<Customer> customers, Collection<Staff> staff,
                           Collection<Team> teams, List<Handover> handovers) {
        return new Facts(index(deals, Deal::id), index(customers, Customer::id), index(staff, Staff::id),
                index(teams, Team::id), handovers);
    }

    /**
     * These facts' staff and teams (who is who, the same for every deal) with other deals, customers and handovers:
     * one page of a run that reads the deals a page at a time.
     */
    public Facts with(Collection<Deal> deals, Collection<Customer> customers, List<Handover> handovers) {
        return new Facts(index(deals, Deal::id), index(customers, Customer::id), staff, teams, handovers);
    }

    private static <T> Map<UUID, T> index(Collection<T> values, Function<T, UUID> id) {
        return values.stream().collect(Collectors.toMap(id, v -> v, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    /**
     * A deal as the rules see it. {@code progress}: when it moved forward (or was reopened), besides opening;
     * {@code version}: how many events it has; {@code changes}: the latest of them.
     */
    public record Deal(UUID id, UUID customerId, String title, UUID ownerId, int stage, String amount, String currency,
                       String expectedCloseDate, String status, Instant openedAt, Instant closedAt,
                       Instant stageEnteredAt, List<Instant> progress, Map<String, UUID> stageRoles,
                       Instant misalignedAt, Integer misalignedStage, Integer buyerStage, String nextStep,
                       long version, List<Change> changes) {

        /** Opened by then, and not closed by then (a deal closed later was still open). */
        public boolean openAt(Instant at) {
            return openedAt != null && !openedAt.isAfter(at)
                    && ("OPEN".equals(status) || closedAt != null && closedAt.isAfter(at));
        }
    }

    /** One event of a deal: its type and business time. */
    public record Change(long version, String type, Instant at) {
    }

    /** A customer; {@code activities} are all follow-ups logged for it, some of them about one of its deals. */
    public record Customer(UUID id, UUID ownerId, String status, Instant registeredAt, List<Activity> activities) {
    }

    public record Activity(UUID id, Instant at, String type, UUID dealId) {
    }

    public record Staff(UUID id, UUID teamId, Set<String> capabilities, boolean departed) {
    }

    public record Team(UUID id, String name, UUID managerId, ZoneId zone, Instant createdAt) {
    }

    /** A departure's handover: what the departed person left, and each item's new owner as it was assigned. */
    public record Handover(UUID id, UUID staffId, String effectiveDate, UUID successorId, List<UUID> accounts,
                           List<UUID> deals, Instant openedAt, List<Assignment> assigned) {
    }

    public record Assignment(String itemType, UUID itemId, UUID newOwnerId, Instant at) {
    }

    /** The manager of a staff member's team, if both are known. */
    public UUID managerOf(UUID staffId) {
        Staff s = staffId == null ? null : staff.get(staffId);
        Team t = s == null || s.teamId() == null ? null : teams.get(s.teamId());
        return t == null ? null : t.managerId();
    }

    /** Whether a staff member is known to have departed (they get no notifications). */
    public boolean departed(UUID staffId) {
        Staff s = staff.get(staffId);
        return s != null && s.departed();
    }
}
