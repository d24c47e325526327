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

    /** How an event changes a state, at the instant it occurred. */
    @FunctionalInterface
    interface Evolve<S, E> {
        S apply(S state, E event, Instant occurredAt);
    }

    /** An aggregate made of its parts, for streams that need nothing more. */
    static <S, E> Aggregate<S, E> of(String streamType, S initial, Evolve<S, E> evolve, EventCodec<E> codec) {
        return new Aggregate<>() {
            public String streamType() { return streamType; }
            public S initial() { return initial; }
            public S evolve(S state, E event, Instant occurredAt) { return evolve.apply(state, event, occurredAt); }
            public EventCodec<E> codec() { return codec; }
        };
    }
}
