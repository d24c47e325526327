package io.dealstream.customer.domain;

/**
 * Personal data as the domain sees it: opaque ciphertext under one person's key. The service encrypts it before a
 * command reaches a decider and decrypts it for reads; destroying the key erases it without touching the event
 * history. Convention of every event catalogue: it lives in a top-level field named exactly {@code personal}, which
 * the Kafka publisher strips, so personal data never leaves the service.
 *
 * @param keyId      the key that encrypted it (one per contact or staff member)
 * @param ciphertext the encrypted fields, Base64; a String rather than {@code byte[]} so that records compare by value
 */
public record EncryptedPersonalData(String keyId, String ciphertext) {
}
