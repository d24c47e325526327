package io.dealstream.deal.domain;

import java.time.Instant;

/**
 * What a command brings besides its data: who acts, when (business time: now, or the original date in a historical
 * import) and whether they may override a stage gate (managers and above).
 */
public record CommandContext(String actor, Instant occurredAt, boolean mayOverrideGates) {
}
