package io.dealstream.customer.domain;

import java.time.Instant;

/**
 * What a command brings besides its data: who acts (staff id from the caller's token) and when (business time: now,
 * or the original date in a historical import). The deciders never read a clock.
 */
public record CommandContext(String actor, Instant occurredAt) {
}
