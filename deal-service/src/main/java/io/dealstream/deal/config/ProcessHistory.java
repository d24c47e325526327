package io.dealstream.deal.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.deal.domain.DealProcess;
import io.dealstream.eventstore.Aggregate;
import io.dealstream.eventstore.EventCodec;
import io.dealstream.eventstore.EventStore;
import io.dealstream.eventstore.FreshContext;
import io.dealstream.eventstore.NewEvent;
import io.dealstream.eventstore.SchemaInitializer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The process configuration as an event-sourced stream of its own ({@code process}, one fixed stream id), published
 * to {@code process-events}: at startup, when the configuration in force differs from the last one recorded, a
 * {@code process.configured} event records it with the time it took effect. Forecasts then weigh each date with the
 * probabilities and categories that were in force on it, and consumers never need deal-service's REST API.
 */
@Singleton
public class ProcessHistory implements Aggregate<DealProcess, DealProcess> {

    public static final String STREAM_TYPE = "process";
    public static final String EVENT_TYPE = "process.configured";
    /** The one process stream; also the Kafka key and {@code ce_subject} of its events. */
    public static final UUID STREAM_ID = UUID.fromString("00000000-0000-0000-0000-00000000d0c5");
    /** Who records a configuration change: the service itself, as it starts with the new configuration. */
    public static final String ACTOR = "deal-service";
    private static final Logger LOG = Logger.getLogger(ProcessHistory.class);

    private final EventCodec<DealProcess> codec;
    private final EventStore store;
    private final DealProcess process;
    private final Clock clock;
    private final Vertx vertx;

    public ProcessHistory(ObjectMapper json, EventStore store, DealProcess process, Clock clock, Vertx vertx) {
        this.codec = new EventCodec<>(json, Map.of(EVENT_TYPE, DealProcess.class), e -> EVENT_TYPE, e -> 1, List.of());
        this.store = store;
        this.process = process;
        this.clock = clock;
        this.vertx = vertx;
    }

    @Override
    public String streamType() {
        return STREAM_TYPE;
    }

    @Override
    public DealProcess initial() {
        return null;
    }

    @Override
    public DealProcess evolve(DealProcess state, DealProcess configured, Instant occurredAt) {
        return configured;
    }

    @Override
    public EventCodec<DealProcess> codec() {
        return codec;
    }

    /** After the schema exists, before requests: record the configuration in force unless it is already the last one. */
    void onStart(@Observes @Priority(SchemaInitializer.PRIORITY + 5) StartupEvent event) throws Exception {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        FreshContext.of(vertx).runOnContext(ignored -> store.execute(this, STREAM_ID, null,
                        current -> process.equals(current.state()) ? List.of()
                                : List.of(new NewEvent<>(process, ACTOR, clock.instant())),
                        (session, id, state, version, appended) -> Uni.createFrom().voidItem())
                .subscribe().with(result -> done.complete(!result.appended().isEmpty()), done::completeExceptionally));
        boolean changed = done.get(60, TimeUnit.SECONDS);
        LOG.infof(changed ? "process configuration recorded (it changed)" : "process configuration unchanged");
    }
}
