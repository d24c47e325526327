package io.dealstream.deal.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.deal.domain.DealEvent;
import io.dealstream.deal.domain.DealState;
import io.dealstream.eventstore.Aggregate;
import io.dealstream.eventstore.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Deals as event-sourced streams of type {@code deal}. No upcasters yet: every event is at schema version 1. */
@ApplicationScoped
public class DealAggregate implements Aggregate<DealState, DealEvent> {

    public static final String STREAM_TYPE = "deal";

    private final EventCodec<DealEvent> codec;

    public DealAggregate(ObjectMapper json) {
        this.codec = new EventCodec<>(json, DealEvent.TYPES, DealEvent::type, DealEvent::schemaVersion, List.of());
    }

    @Override
    public String streamType() {
        return STREAM_TYPE;
    }

    @Override
    public DealState initial() {
        return DealState.NONE;
    }

    @Override
    public DealState evolve(DealState state, DealEvent event, Instant occurredAt) {
        return state.evolve(event, occurredAt);
    }

    @Override
    public EventCodec<DealEvent> codec() {
        return codec;
    }
}
