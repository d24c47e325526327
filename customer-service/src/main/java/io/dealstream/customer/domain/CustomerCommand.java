package io.dealstream.customer.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a caller asks of a customer, in the imperative. Decided by {@link CustomerDecider}. Flags named
 * {@code …Departed} are filled by the service from its staff view (as of the command's occurredAt): the pure core
 * cannot look staff up, but it owns the rule that a departed person is assigned nothing.
 */
public sealed interface CustomerCommand {

    /** Register a customer; status defaults to PROSPECT. */
    record RegisterCustomer(UUID customerId, String name, String industry, String region, Address address,
                            String phone, String web, CustomerStatus status, String sizeNotes,
                            List<String> potentialProjects, List<String> tags, UUID ownerId,
                            boolean ownerDeparted) implements CustomerCommand {
    }

    /** Edit archive fields: null leaves a field as is, blank text (or a blank address) clears it. */
    record ChangeCustomerDetails(String name, String industry, String region, Address address, String phone,
                                 String web, String sizeNotes, List<String> potentialProjects,
                                 List<String> tags) implements CustomerCommand {
    }

    record ChangeCustomerStatus(CustomerStatus status, String reason) implements CustomerCommand {
    }

    /** Give the account to another owner; a handover passes its departure id and reason OWNER_DEPARTED. */
    record ChangeOwner(UUID staffId, String reason, UUID departureId, boolean newOwnerDeparted)
            implements CustomerCommand {
    }

    /** Put a staff member on the account team with a role (a capability name or free text), or change their role. */
    record AddAccountTeamMember(UUID staffId, String role, boolean staffDeparted) implements CustomerCommand {
    }

    record RemoveAccountTeamMember(UUID staffId) implements CustomerCommand {
    }

    /** Record a contact; {@code personal} was encrypted by the service with the contact's own key. */
    record AddContact(UUID contactId, BuyingRole buyingRole, EncryptedPersonalData personal) implements CustomerCommand {
    }

    /** Edit a contact: null leaves a part as is; {@code personal} replaces the whole encrypted block. */
    record ChangeContact(UUID contactId, BuyingRole buyingRole, EncryptedPersonalData personal)
            implements CustomerCommand {
    }

    record EraseContactPersonalData(UUID contactId) implements CustomerCommand {
    }

    /** Log a follow-up; {@code activityDate} defaults to the command's occurredAt. */
    record LogActivity(UUID activityId, ActivityType activityType, Instant activityDate, String summary,
                       String nextStep, UUID dealId, List<UUID> participantIds) implements CustomerCommand {
    }
}
