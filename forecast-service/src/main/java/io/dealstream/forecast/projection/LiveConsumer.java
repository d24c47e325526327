package io.dealstream.forecast.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.support.messaging.Consumption;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Feeds the read models from the four topics as they grow: each message through {@link Consumption} (CloudEvent
 * read, applied idempotently, acked; poison to {@code <topic>.dlq.forecast-service}), past the rebuild's
 * {@link Gate}, and its offset noted for the reported lag.
 */
@ApplicationScoped
public class LiveConsumer {

    public static final String DEAL_EVENTS = "deal-events";
    public static final String CUSTOMER_EVENTS = "customer-events";
    public static final String STAFF_EVENTS = "staff-events";
    public static final String PROCESS_EVENTS = "process-events";
    public static final String[] CHANNELS = {DEAL_EVENTS, CUSTOMER_EVENTS, STAFF_EVENTS, PROCESS_EVENTS};

    private final Projector projector;
    private final Gate gate;
    private final Offsets offsets;
    private final ObjectMapper json;

    public LiveConsumer(Projector projector, Gate gate, Offsets offsets, ObjectMapper json) {
        this.projector = projector;
        this.gate = gate;
        this.offsets = offsets;
        this.json = json;
    }

    @Incoming(DEAL_EVENTS)
    public Uni<Void> onDealEvent(Message<String> message) {
        return consume(message);
    }

    @Incoming(CUSTOMER_EVENTS)
    public Uni<Void> onCustomerEvent(Message<String> message) {
        return consume(message);
    }

    @Incoming(STAFF_EVENTS)
    public Uni<Void> onStaffEvent(Message<String> message) {
        return consume(message);
    }

    @Incoming(PROCESS_EVENTS)
    public Uni<Void> onProcessEvent(Message<String> message) {
        return consume(message);
    }

    private Uni<Void> consume(Message<String> message) {
        return gate.pass(() -> Consumption.consume(message, json, projector::apply)
                .invoke(() -> message.getMetadata(IncomingKafkaRecordMetadata.class)
                        .ifPresent(m -> offsets.processed(m.getTopic(), m.getPartition(), m.getOffset()))));
    }
}
