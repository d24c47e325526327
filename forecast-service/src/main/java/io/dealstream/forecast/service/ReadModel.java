package io.dealstream.forecast.service;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;

import io.dealstream.forecast.config.ForecastConfig;
import io.dealstream.forecast.model.CustomerDoc;
import io.dealstream.forecast.model.DealDoc;
import io.dealstream.forecast.model.HandoverDoc;
import io.dealstream.forecast.model.ProcessDoc;
import io.dealstream.forecast.model.StaffDoc;
import io.dealstream.forecast.model.TeamDoc;
import io.dealstream.forecast.projection.Generations;
import io.dealstream.forecast.projection.StreamKind;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.conversions.Bson;

/** Reads the documents of the active generation that a query needs, as records. */
@ApplicationScoped
public class ReadModel {

    private final Generations generations;
    private final DecodedDocuments decoded;
    private final int pageSize;

    public ReadModel(Generations generations, ForecastConfig config) {
        this.generations = generations;
        this.decoded = new DecodedDocuments(config.decodedDocumentsCached());
        this.pageSize = config.queryPageSize();
    }

    /**
     * The deals a scope may see a page at a time, in {@code _id} order (each page starts after the last id of the page
     * before), each handed to {@code page} and let go once its Uni completes: what folds the pages holds one page of
     * deals, not every deal of the company or of a large team (150,000 deals decoded at once did not fit a 256 MB
     * service).
     */
    public Uni<Void> dealPages(Scope scope, Function<List<DealDoc>, Uni<Void>> page) {
        return pages(StreamKind.DEAL, dealsOf(scope), DealDoc.class, DealDoc::id, page);
    }

    /**
     * Which deals a scope may see: all, or every deal ever owned by one of its staff, through the owners index (the
     * as-of owner is checked by the figures).
     */
    private Document dealsOf(Scope scope) {
        return scope.all() ? new Document() : new Document("owners", new Document("$in", ids(scope.staff())));
    }

    /**
     * Takes a figure over what a scope may see (see {@link PageFold}): its deals a page at a time (with each page's
     * customers when the fold asks for them), then its accounts: every customer a page at a time for an unlimited
     * scope, {@link #customersFor its customers} in one query for a limited one.
     */
    public Uni<Void> fold(Scope scope, PageFold fold) {
        PageFold.Reads reads = fold.reads();
        Set<UUID> dealCustomers = new HashSet<>(); // a limited scope's accounts include its deals' customers
        Uni<Void> deals = pages(StreamKind.DEAL, dealsOf(scope), DealDoc.class, DealDoc::id, page -> {
            if (!scope.all() && reads != PageFold.Reads.DEALS) {
                dealCustomers.addAll(customerIds(page));
            }
            return (reads == PageFold.Reads.DEALS_WITH_CUSTOMERS_THEN_ACCOUNTS ? customersOf(page) : none())
                    .invoke(customers -> fold.deals(page, customers)).replaceWithVoid();
        });
        if (reads == PageFold.Reads.DEALS) {
            return deals;
        }
        if (!scope.all()) {
            return deals.chain(() -> customersFor(scope, dealCustomers))
                    .invoke(customers -> fold.accounts(customers.values())).replaceWithVoid();
        }
        return deals.chain(() -> pages(StreamKind.CUSTOMER, new Document(), CustomerDoc.class, CustomerDoc::id,
                customers -> {
                    fold.accounts(customers);
                    return Uni.createFrom().voidItem();
                }));
    }

    private static Uni<Map<UUID, CustomerDoc>> none() {
        return Uni.createFrom().item(Map.of());
    }

    /** The documents that match {@code filter} a page at a time, in {@code _id} order, each handed to {@code page}. */
    private <T> Uni<Void> pages(StreamKind kind, Document filter, Class<T> type, Function<T, UUID> id,
                                Function<List<T>, Uni<Void>> page) {
        AtomicReference<String> after = new AtomicReference<>();
        // A loop, not a recursion: a chain of Unis nesting one per page kept every page reachable until the last.
        return Multi.createBy().repeating().uni(() -> {
                    Document query = new Document(filter);
                    if (after.get() != null) {
                        query.append("_id", new Document("$gt", after.get()));
                    }
                    return list(kind, query, new FindOptions().sort(new Document("_id", 1)).limit(pageSize), type)
                            .invoke(docs -> {
                                if (!docs.isEmpty()) {
                                    after.set(id.apply(docs.get(docs.size() - 1)).toString());
                                }
                            });
                })
                .whilst(docs -> docs.size() == pageSize)
                .select().where(docs -> !docs.isEmpty())
                .onItem().transformToUniAndConcatenate(docs -> page.apply(docs))
                .onItem().ignoreAsUni();
    }

    public Uni<Map<UUID, DealDoc>> dealsById(Collection<UUID> ids) {
        return byIds(StreamKind.DEAL, ids, DealDoc.class, DealDoc::id);
    }

    /**
     * The customers a limited scope's risks, scorecards and key-person figures can involve: those its staff own, those
     * on which its staff logged an activity (a rep's activities count wherever they logged them) and those of its
     * deals, in one query (each branch indexed). The figures still select by scope; this keeps one rep's page from
     * reading and decoding every customer of the company.
     */
    private Uni<Map<UUID, CustomerDoc>> customersFor(Scope scope, Set<UUID> dealCustomers) {
        List<String> staff = ids(scope.staff());
        return list(StreamKind.CUSTOMER, or(in("ownerId", staff), in("activities.actor", staff),
                in("_id", ids(dealCustomers))), CustomerDoc.class).map(l -> byId(l, CustomerDoc::id));
    }

    /**
     * The customers of these deals, by {@code _id} (not every customer: a forecast needs only its deals' regions, a
     * departure only the activities on its deals).
     */
    public Uni<Map<UUID, CustomerDoc>> customersOf(Collection<DealDoc> deals) {
        return byIds(StreamKind.CUSTOMER, customerIds(deals), CustomerDoc.class, CustomerDoc::id);
    }

    /** Everyone who ever owned one of these deals. */
    public Uni<Map<UUID, StaffDoc>> ownersOf(List<DealDoc> deals) {
        Set<UUID> ids = new HashSet<>();
        deals.forEach(d -> ids.addAll(d.owners()));
        return staffById(ids);
    }

    public Uni<Map<UUID, StaffDoc>> staffById(Collection<UUID> ids) {
        return byIds(StreamKind.STAFF, ids, StaffDoc.class, StaffDoc::id);
    }

    public Uni<Map<UUID, StaffDoc>> staff() {
        return list(StreamKind.STAFF, new Document(), StaffDoc.class).map(l -> byId(l, StaffDoc::id));
    }

    /** The teams {@code manager} manages now. */
    public Uni<List<TeamDoc>> teamsManagedBy(UUID manager) {
        return list(StreamKind.TEAM, eq("managerId", manager.toString()), TeamDoc.class);
    }

    /** The staff members whose team is one of these now. */
    public Uni<List<StaffDoc>> membersOf(Collection<UUID> teams) {
        return list(StreamKind.STAFF, in("teamId", ids(teams)), StaffDoc.class);
    }

    /**
     * The handovers of one departed staff member ({@code staffId}), or of every departure a scope may see (null), through
     * the {@code staffId} index: not every departure of the company for one rep's or one staff member's answer.
     */
    public Uni<List<HandoverDoc>> handoversOf(Scope scope, UUID staffId) {
        Bson filter = staffId != null ? eq("staffId", staffId.toString())
                : scope.all() ? new Document() : in("staffId", ids(scope.staff()));
        return list(StreamKind.HANDOVER, filter, HandoverDoc.class);
    }

    /** The process configurations received (null while none). */
    public Uni<ProcessDoc> process() {
        return list(StreamKind.PROCESS, new Document(), ProcessDoc.class).map(l -> l.isEmpty() ? null : l.get(0));
    }

    private <T> Uni<List<T>> list(StreamKind kind, Bson filter, Class<T> type) {
        return list(kind, filter, new FindOptions(), type);
    }

    private <T> Uni<List<T>> list(StreamKind kind, Bson filter, FindOptions options, Class<T> type) {
        ReactiveMongoCollection<RawBsonDocument> collection = generations.read(kind).withDocumentClass(RawBsonDocument.class);
        String name = collection.getNamespace().getFullName();
        Codec<Document> codec = collection.getCodecRegistry().get(Document.class);
        return collection.find(filter, options).map(raw -> decoded.decode(name, raw, codec, type)).collect().asList();
    }

    /** Documents by {@code _id}; no ids, no query (a rep who sees no departures reads no deals). */
    private <T> Uni<Map<UUID, T>> byIds(StreamKind kind, Collection<UUID> ids, Class<T> type,
                                        Function<T, UUID> id) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(new LinkedHashMap<>());
        }
        return list(kind, in("_id", ids(ids)), type).map(l -> byId(l, id));
    }

    private static Set<UUID> customerIds(Collection<DealDoc> deals) {
        Set<UUID> ids = new HashSet<>();
        deals.stream().map(DealDoc::customerId).filter(java.util.Objects::nonNull).forEach(ids::add);
        return ids;
    }

    private static List<String> ids(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    private static <T> Map<UUID, T> byId(List<T> list, Function<T, UUID> id) {
        Map<UUID, T> out = new LinkedHashMap<>();
        list.forEach(t -> out.put(id.apply(t), t));
        return out;
    }
}
