package io.dealstream.eventstore;

import java.time.Instant;

/** An event decided by domain code, with who caused it and when (business time), ready to be appended. */
public record NewEvent<E>(E event, String actor, Instant occurredAt) {
}
