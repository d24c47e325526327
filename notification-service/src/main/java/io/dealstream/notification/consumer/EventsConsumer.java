package io.dealstream.notification.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.UpdateOptions;
import io.dealstream.notification.state.StateUpdate;
import io.dealstream.support.messaging.Consumption;
import io.dealstream.support.messaging.IncomingEvent;
import io.dealstream.support.messaging.ReadPositions;
import io.smallrye.common.annotation.Identifier;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoDatabase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps the state the rules read from deal-events, customer-events and staff-events: each event is one idempotent
 * single-document upsert ({@link StateUpdate}); a duplicate key on the upsert means the version was applied before.
 * Streams arrive in any order relative to each other; nothing here depends on it. Unreadable or failing messages go
 * to {@code <topic>.dlq.notification-service} (service-support's {@link Consumption}). Where each channel stands is
 * kept in the same database ({@link KeptPositions}).
 */
@ApplicationScoped
public class EventsConsumer {

    public static final String DEAL_EVENTS = "deal-events";
    public static final String CUSTOMER_EVENTS = "customer-events";
    public static final String STAFF_EVENTS = "staff-events";

    private final ReactiveMongoDatabase db;
    private final ObjectMapper json;
    private final ReadPositions positions;

    public EventsConsumer(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                          ObjectMapper json, @Identifier(ReadPositions.LISTENER) ReadPositions positions) {
        this.db = mongo.getDatabase(database);
        this.json = json;
        this.positions = positions;
    }

    @Incoming(DEAL_EVENTS)
    public Uni<Void> onDealEvent(Message<byte[]> message) {
        return Consumption.consume(positions.track(message), json, this::apply);
    }

    @Incoming(CUSTOMER_EVENTS)
    public Uni<Void> onCustomerEvent(Message<byte[]> message) {
        return Consumption.consume(positions.track(message), json, this::apply);
    }

    @Incoming(STAFF_EVENTS)
    public Uni<Void> onStaffEvent(Message<byte[]> message) {
        return Consumption.consume(positions.track(message), json, this::apply);
    }

    Uni<Void> apply(IncomingEvent event) {
        return StateUpdate.of(event).map(u -> db.getCollection(u.collection())
                        .updateOne(u.filter(), u.update(), new UpdateOptions().upsert(true))
                        .replaceWithVoid()
                        .onFailure(EventsConsumer::alreadyApplied).recoverWithNull())
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    /** The upsert met the stream's document at this version or later: a redelivery. */
    private static boolean alreadyApplied(Throwable failure) {
        return failure instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
