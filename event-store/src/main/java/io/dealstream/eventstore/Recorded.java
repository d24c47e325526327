package io.dealstream.eventstore;

/** A stored event, decoded: the row (metadata, hash) and the domain event it holds. */
public record Recorded<E>(EventRecord record, E event) {
}
