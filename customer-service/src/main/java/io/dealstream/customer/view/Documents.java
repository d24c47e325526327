package io.dealstream.customer.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dealstream.customer.domain.Address;
import io.dealstream.customer.domain.BuyingRole;
import io.dealstream.customer.domain.Capability;
import io.dealstream.customer.domain.CustomerState;
import io.dealstream.customer.domain.CustomerStatus;
import io.dealstream.customer.domain.HandoverItem;
import io.dealstream.customer.domain.HandoverState;
import io.dealstream.customer.domain.HandoverStatus;
import io.dealstream.customer.domain.OwnershipPeriod;
import io.dealstream.customer.domain.StaffState;
import io.dealstream.customer.domain.StaffStatus;
import io.dealstream.customer.domain.TeamState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The API representations of customer-service's resources, without personal data (added on single reads). */
public final class Documents {

    private Documents() {
    }

    /** A contact; {@code details} holds the decrypted personal data, or null when erased or not shown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContactDocument(UUID contactId, BuyingRole buyingRole, boolean erased, Map<String, Object> details) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CustomerDocument(UUID id, String name, String industry, String region, Address address, String phone,
                                   String web, CustomerStatus status, String sizeNotes, List<String> potentialProjects,
                                   List<String> tags, UUID ownerId, List<OwnershipPeriod> ownership,
                                   Map<UUID, String> accountTeam, List<ContactDocument> contacts, Instant registeredAt,
                                   Instant lastActivityAt, int activityCount, Instant updatedAt, long version) {

        public static CustomerDocument of(CustomerState s) {
            return new CustomerDocument(s.id(), s.name(), s.industry(), s.region(), s.address(), s.phone(), s.web(),
                    s.status(), s.sizeNotes(), s.potentialProjects(), s.tags(), s.ownerId(), s.ownership(),
                    s.accountTeam(), s.contacts().values().stream()
                    .map(c -> new ContactDocument(c.contactId(), c.buyingRole(), c.erased(), null)).toList(),
                    s.registeredAt(), s.lastActivityAt(), s.activityCount(), s.updatedAt(), s.version());
        }

        public CustomerDocument withContacts(List<ContactDocument> shown) {
            return new CustomerDocument(id, name, industry, region, address, phone, web, status, sizeNotes,
                    potentialProjects, tags, ownerId, ownership, accountTeam, shown, registeredAt, lastActivityAt,
                    activityCount, updatedAt, version);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StaffDocument(UUID id, String name, String email, UUID teamId, String title,
                                List<Capability> capabilities, StaffStatus status, UUID departureId,
                                LocalDate effectiveDate, String departureReason, UUID successorId, Instant joinedAt,
                                Instant departedAt, long version) {

        public static StaffDocument of(StaffState s) {
            return new StaffDocument(s.id(), null, null, s.teamId(), s.title(), s.capabilities(), s.status(),
                    s.departureId(), s.effectiveDate(), s.departureReason(), s.successorId(), s.joinedAt(),
                    s.departedAt(), s.version());
        }

        public StaffDocument withPersonal(Map<String, Object> personal) {
            return personal == null ? this : new StaffDocument(id, (String) personal.get("name"),
                    (String) personal.get("email"), teamId, title, capabilities, status, departureId, effectiveDate,
                    departureReason, successorId, joinedAt, departedAt, version);
        }
    }

    public record TeamDocument(UUID id, String name, UUID managerId, String timeZone, Instant createdAt, long version) {
        public static TeamDocument of(TeamState s) {
            return new TeamDocument(s.id(), s.name(), s.managerId(), s.timeZone(), s.createdAt(), s.version());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HandoverDocument(UUID id, UUID staffId, LocalDate effectiveDate, UUID successorId,
                                   HandoverStatus status, List<HandoverItem> items, long orphaned, Instant openedAt,
                                   Instant completedAt, long version) {
        public static HandoverDocument of(HandoverState s) {
            return new HandoverDocument(s.id(), s.staffId(), s.effectiveDate(), s.successorId(), s.status(), s.items(),
                    s.items().stream().filter(HandoverItem::orphaned).count(), s.openedAt(), s.completedAt(), s.version());
        }
    }
}
