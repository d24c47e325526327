package io.dealstream.customer.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What a caller asks of a staff member, in the imperative. Decided by {@link StaffDecider}. */
public sealed interface StaffCommand {

    /** Add a staff member; {@code personal} (name, email) was encrypted by the service with their own key. */
    record AddStaffMember(UUID staffId, UUID teamId, String title, List<Capability> capabilities,
                          EncryptedPersonalData personal) implements StaffCommand {
    }

    record ChangeStaffTeam(UUID teamId) implements StaffCommand {
    }

    /** Replace the capability set. */
    record ChangeCapabilities(List<Capability> capabilities) implements StaffCommand {
    }

    /**
     * Record the departure; {@code departureId} becomes the handover's id. {@code successorDeparted} is filled by the
     * service from its staff view.
     */
    record RecordDeparture(UUID departureId, LocalDate effectiveDate, String reason, UUID successorId,
                           boolean successorDeparted) implements StaffCommand {
    }
}
