package io.dealstream.customer.domain;

import java.util.UUID;

/** An open deal a departing staff member owned, with the customer it belongs to (its deals follow the account). */
public record HandoverDeal(UUID dealId, UUID customerId) {
}
