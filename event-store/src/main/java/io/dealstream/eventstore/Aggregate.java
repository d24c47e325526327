package io.dealstream.eventstore;

import java.time.Instant;

/**
 * What the event store needs to know of one kind of event-sourced stream: its name, its empty state, how an event
 * changes the state, and how events are stored.
 *
 * @param <S> state
 * @param <E> event
 */
public interface Aggregate<S, E> {

    /** Stream type stored with each event and used to pick the Kafka topic, e.g. {@code deal}. */
    String streamType();

    S initial();

    S evolve(S state, E event, Instant occurredAt);

    EventCodec<E> codec();
}
