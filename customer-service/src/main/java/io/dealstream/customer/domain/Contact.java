package io.dealstream.customer.domain;

import java.util.UUID;

/**
 * A person at a customer as the customer's state holds them.
 *
 * @param personal their encrypted name, title, phone, email and profile notes; null once erased
 * @param erased   their personal data was erased on request: the contact and its buying role stay, nothing personal
 *                 may be recorded again
 */
public record Contact(UUID contactId, BuyingRole buyingRole, EncryptedPersonalData personal, boolean erased) {
}
