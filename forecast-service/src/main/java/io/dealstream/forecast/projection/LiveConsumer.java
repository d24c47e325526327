package io.dealstream.forecast.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.support.messaging.Consumption;
import io.dealstream.support.messaging.IncomingEvent;
import io.dealstream.support.messaging.ReadPositions;
import io.smallrye.common.annotation.Identifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Feeds the read models from the four topics as they grow: each message's CloudEvent is read ({@link Consumption};
 * unreadable → {@code <topic>.dlq.forecast-service}), passes the rebuild's {@link Gate} and goes to the
 * {@link LiveProjection}, which applies it in a batch with whatever else arrived meanwhile. The message is acked when
 * its document is stored (dead-lettered if its event cannot be applied); its position is kept with the read models
 * ({@link KeptPositions}), which also say where to resume.
 * The next message is taken at once, unless the projection is backlogged: then only once this one is stored.
 */
@ApplicationScoped
public class LiveConsumer {

    public static final String DEAL_EVENTS = "deal-events";
    public static final String CUSTOMER_EVENTS = "customer-events";
    public static final String STAFF_EVENTS = "staff-events";
    public static final String PROCESS_EVENTS = "process-events";
    public static final String[] CHANNELS = {DEAL_EVENTS, CUSTOMER_EVENTS, STAFF_EVENTS, PROCESS_EVENTS};

    private final LiveProjection projection;
    private final Gate gate;
    private final ReadPositions positions;
    private final ObjectMapper json;
    private final Timer delay;

    public LiveConsumer(LiveProjection projection, Gate gate, @Identifier(ReadPositions.LISTENER) ReadPositions positions,
                        ObjectMapper json, MeterRegistry metrics) {
        this.projection = projection;
        this.gate = gate;
        this.positions = positions;
        this.json = json;
        this.delay = Timer.builder("forecast.projection.delay")
                .description("from an event's append to its topic (record timestamp) to its read model stored")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(metrics);
    }

    @Incoming(DEAL_EVENTS)
    public Uni<Void> onDealEvent(Message<byte[]> message) {
        return consume(message);
    }

    @Incoming(CUSTOMER_EVENTS)
    public Uni<Void> onCustomerEvent(Message<byte[]> message) {
        return consume(message);
    }

    @Incoming(STAFF_EVENTS)
    public Uni<Void> onStaffEvent(Message<byte[]> message) {
        return consume(message);
    }

    @Incoming(PROCESS_EVENTS)
    public Uni<Void> onProcessEvent(Message<byte[]> message) {
        return consume(message);
    }

    private Uni<Void> consume(Message<byte[]> received) {
        Message<byte[]> message = positions.track(received);
        return gate.enter().chain(() -> {
            IncomingEvent event = Consumption.read(message, json);
            if (event == null) {
                gate.leave();
                return Uni.createFrom().voidItem();
            }
            var kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
            CompletableFuture<Void> settled = projection.submit(event)
                    .handle((ok, failure) -> failure)
                    .thenCompose(failure -> {
                        if (failure == null) {
                            kafka.filter(m -> m.getTimestamp() != null)
                                    .ifPresent(m -> delay.record(Duration.between(m.getTimestamp(), Instant.now())));
                        }
                        return Consumption.settle(message, event, failure);
                    })
                    .whenComplete((ok, failure) -> gate.leave())
                    .toCompletableFuture();
            return projection.backlogged()
                    ? Uni.createFrom().completionStage(settled).onFailure().recoverWithNull().replaceWithVoid()
                    : Uni.createFrom().voidItem();
        });
    }
}
