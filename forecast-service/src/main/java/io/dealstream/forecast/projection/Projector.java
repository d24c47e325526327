package io.dealstream.forecast.projection;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import io.dealstream.support.messaging.IncomingEvent;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * Applies one event to its stream's document in the active generation: read, fold ({@link StreamKind#evolve}),
 * conditional write. The write is one atomic single-document operation guarded by the version read (insert of a new
 * document, or replace where {@code v} is still the one read), so a duplicate or an older event changes nothing and a
 * concurrent writer makes it retry on fresh state. No multi-document transactions.
 */
@ApplicationScoped
public class Projector {

    private static final int CONFLICT_RETRIES = 5;

    private final Generations generations;

    public Projector(Generations generations) {
        this.generations = generations;
    }

    /** Applies an event; events of streams no read model follows (and unknown types) only advance nothing. */
    public Uni<Void> apply(IncomingEvent event) {
        StreamKind kind = StreamKind.of(event.type());
        if (kind == null) {
            return Uni.createFrom().voidItem();
        }
        return apply(generations.reactive(kind, generations.active()), kind, event, 0);
    }

    private Uni<Void> apply(ReactiveMongoCollection<Document> collection, StreamKind kind, IncomingEvent event,
                            int attempt) {
        String id = event.streamId().toString();
        return collection.find(eq("_id", id)).collect().first().chain(found -> {
            long version = found == null ? 0 : ((Number) found.get("v")).longValue();
            if (event.streamVersion() <= version) {
                return Uni.createFrom().voidItem(); // applied before: at-least-once delivery
            }
            Object current = found == null ? null : DocCodec.decode(found, kind.type());
            Document next = DocCodec.encode(kind.evolve(current, event));
            Uni<Boolean> written = found == null
                    ? collection.insertOne(next).map(r -> true)
                            .onFailure(Projector::duplicateKey).recoverWithItem(false)
                    : collection.replaceOne(versioned(id, version), next).map(r -> r.getMatchedCount() == 1);
            return written.chain(ok -> {
                if (ok) {
                    return Uni.createFrom().voidItem();
                }
                if (attempt >= CONFLICT_RETRIES) {
                    return Uni.createFrom().failure(new IllegalStateException(
                            "the document of " + id + " kept changing under v" + event.streamVersion()));
                }
                return apply(collection, kind, event, attempt + 1);
            });
        });
    }

    static Bson versioned(String id, long version) {
        return and(eq("_id", id), eq("v", version));
    }

    static boolean duplicateKey(Throwable t) {
        return t instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
