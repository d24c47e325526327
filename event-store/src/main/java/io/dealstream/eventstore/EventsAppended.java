package io.dealstream.eventstore;

/** CDI event fired after a transaction that appended events committed: wakes the outbox relay at once. */
public record EventsAppended(int count) {
}
