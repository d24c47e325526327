package io.dealstream.notification.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import io.dealstream.notification.state.StateUpdate;
import io.dealstream.support.messaging.Consumption;
import io.dealstream.support.messaging.IncomingEvent;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.mongodb.reactive.ReactiveMongoDatabase;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps the state the rules read from deal-events, customer-events and staff-events: each event is one idempotent
 * single-document upsert ({@link StateUpdate}), guarded by the version read just before it.
 * Streams arrive in any order relative to each other; nothing here depends on it. Unreadable or failing messages go
 * to {@code <topic>.dlq.notification-service} (service-support's {@link Consumption}).
 */
@ApplicationScoped
public class EventsConsumer {

    public static final String DEAL_EVENTS = "deal-events";
    public static final String CUSTOMER_EVENTS = "customer-events";
    public static final String STAFF_EVENTS = "staff-events";

    private static final int CHANGED_RETRIES = 5;

    private final ReactiveMongoDatabase db;
    private final ObjectMapper json;

    public EventsConsumer(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                          ObjectMapper json) {
        this.db = mongo.getDatabase(database);
        this.json = json;
    }

    @Incoming(DEAL_EVENTS)
    public Uni<Void> onDealEvent(Message<String> message) {
        return Consumption.consume(message, json, this::apply);
    }

    @Incoming(CUSTOMER_EVENTS)
    public Uni<Void> onCustomerEvent(Message<String> message) {
        return Consumption.consume(message, json, this::apply);
    }

    @Incoming(STAFF_EVENTS)
    public Uni<Void> onStaffEvent(Message<String> message) {
        return Consumption.consume(message, json, this::apply);
    }

    void indexes(@Observes StartupEvent start) {
        StateUpdate.COLLECTIONS.forEach(c -> db.getCollection(c)
                .createIndex(Indexes.ascending("_id", "version"), new IndexOptions().name("_id_version").unique(true))
                .await().indefinitely());
    }

    Uni<Void> apply(IncomingEvent event) {
        return StateUpdate.of(event).map(u -> apply(u, 0)).orElseGet(() -> Uni.createFrom().voidItem());
    }

    /**
     * Reads the document's version; applies the update guarded by it unless the event was applied before. A guard
     * that no longer matches (another writer came between, e.g. after a partition moved) makes the upsert try to
     * create the document again: duplicate key, and the event is tried once more on what is stored now.
     */
    private Uni<Void> apply(StateUpdate u, int attempt) {
        ReactiveMongoCollection<Document> collection = db.getCollection(u.collection());
        return collection.find(new Document("_id", u.id()), new FindOptions().projection(new Document("version", 1)))
                .collect().first()
                .chain(found -> {
                    Object stored = found == null ? null : found.get("version");
                    if (!u.needed(stored)) {
                        return Uni.createFrom().voidItem(); // applied before: at-least-once delivery
                    }
                    return collection.updateOne(u.guard(stored), u.update(), new UpdateOptions().upsert(true))
                            .replaceWithVoid()
                            .onFailure(f -> changedMeanwhile(f) && attempt < CHANGED_RETRIES)
                            .recoverWithUni(() -> apply(u, attempt + 1));
                });
    }

    private static boolean changedMeanwhile(Throwable failure) {
        return failure instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
