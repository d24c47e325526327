package io.dealstream.forecast.projection;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.dealstream.support.messaging.MongoReadPositions;
import io.dealstream.support.messaging.ReadPositions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Which generation of the read-model collections answers queries ({@code deals_g3}, ...): a rebuild fills the next
 * generation while the active one keeps answering, then switches. The choice survives restarts in
 * {@code projection_state}; a rebuild that a restart interrupted is discarded. Each generation keeps where the
 * consumers stand in it ({@code positions_g3}): the live consumer resumes there, and reads a generation that keeps
 * nothing (a database emptied or restored) from offset 0.
 */
@Startup
@ApplicationScoped
public class Generations {

    private static final Logger LOG = Logger.getLogger(Generations.class);
    static final String STATE = "projection_state";
    /** Per generation, where the live consumer stands in it: {@code positions_g3} (service-support's ReadPositions). */
    private static final String POSITIONS = "positions_g";
    private static final String ID = "generations";

    private final MongoDatabase blocking;
    private final ReactiveMongoClient reactive;
    private final String database;
    private volatile int active;

    public Generations(MongoClient mongo, ReactiveMongoClient reactive,
                       @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.blocking = mongo.getDatabase(database);
        this.reactive = reactive;
        this.database = database;
        Document state = blocking.getCollection(STATE).find(new Document("_id", ID)).first();
        active = state == null ? 1 : state.getInteger("active");
        Integer building = state == null ? null : state.getInteger("building");
        if (building != null) {
            LOG.warnf("discarding the rebuild into generation %d that a restart interrupted", building);
            drop(building);
        }
        save(null);
        ensureIndexes(active);
    }

    public int active() {
        return active;
    }

    /** A collection of the active generation, for queries. */
    public ReactiveMongoCollection<Document> read(StreamKind kind) {
        return reactive.getDatabase(database).getCollection(kind.collection(active));
    }

    ReactiveMongoCollection<Document> reactive(StreamKind kind, int generation) {
        return reactive.getDatabase(database).getCollection(kind.collection(generation));
    }

    MongoCollection<Document> blocking(StreamKind kind, int generation) {
        return blocking.getCollection(kind.collection(generation));
    }

    /**
     * Where the consumers stand in the active generation, whichever it is at each call. (A position the live consumer
     * stores just as a rebuild switches may land in the old generation's collection after it was dropped; generation
     * numbers only grow, so nobody reads it again.)
     */
    ReadPositions.Store activePositions() {
        return new MongoReadPositions(() -> blocking.getCollection(POSITIONS + active));
    }

    /** Where the consumers stand in one generation: a rebuild stores the offsets it read up to. */
    ReadPositions.Store positions(int generation) {
        return new MongoReadPositions(() -> blocking.getCollection(POSITIONS + generation));
    }

    /**
     * Starts a rebuild: an empty next generation, recorded as building. Its indexes come at the {@link #switchTo}:
     * built once over the loaded documents instead of maintained at every insert (the usual bulk-load order; on the
     * stand-in it took a third off the rebuild's writing, docs/benchmarks.md).
     */
    int begin() {
        int next = active + 1;
        drop(next);
        save(next);
        return next;
    }

    /** The rebuilt generation (indexed now) answers from now on; the old one is dropped. */
    void switchTo(int generation) {
        ensureIndexes(generation);
        int old = active;
        active = generation;
        save(null);
        drop(old);
    }

    /** A rebuild failed: forget its collections. */
    void abandon(int generation) {
        drop(generation);
        save(null);
    }

    private void save(Integer building) {
        Document state = new Document("_id", ID).append("active", active);
        if (building != null) {
            state.append("building", building);
        }
        blocking.getCollection(STATE).replaceOne(new Document("_id", ID), state, new ReplaceOptions().upsert(true));
    }

    private void drop(int generation) {
        for (StreamKind kind : StreamKind.values()) {
            blocking.getCollection(kind.collection(generation)).drop();
        }
        blocking.getCollection(POSITIONS + generation).drop();
    }

    /** The filter of a versioned write: the document {@code id} while its version is still {@code version}. */
    static Document versioned(String id, long version) {
        return new Document("_id", id).append("v", version);
    }

    /**
     * The indexes queries select by: a rep's and a team's deals (every owner a deal had), a customer's deals, a rep's
     * and a team's customers, a staff member's or a team's departures.
     */
    private void ensureIndexes(int generation) {
        blocking.getCollection(StreamKind.DEAL.collection(generation)).createIndex(Indexes.ascending("owners"),
                new IndexOptions().name("owners"));
        blocking.getCollection(StreamKind.DEAL.collection(generation)).createIndex(Indexes.ascending("customerId"),
                new IndexOptions().name("customerId"));
        // a rep's or manager's customers: owned, or worked on (ReadModel.customersFor)
        blocking.getCollection(StreamKind.CUSTOMER.collection(generation)).createIndex(Indexes.ascending("ownerId"),
                new IndexOptions().name("ownerId"));
        blocking.getCollection(StreamKind.CUSTOMER.collection(generation)).createIndex(
                Indexes.ascending("activities.actor"), new IndexOptions().name("activities.actor"));
        // a manager's scope: the teams they manage, then those teams' members
        blocking.getCollection(StreamKind.TEAM.collection(generation)).createIndex(Indexes.ascending("managerId"),
                new IndexOptions().name("managerId"));
        blocking.getCollection(StreamKind.STAFF.collection(generation)).createIndex(Indexes.ascending("teamId"),
                new IndexOptions().name("teamId"));
        // one staff member's departures, or those of a rep's or manager's scope (ReadModel.handoversOf)
        blocking.getCollection(StreamKind.HANDOVER.collection(generation)).createIndex(Indexes.ascending("staffId"),
                new IndexOptions().name("staffId"));
    }
}
