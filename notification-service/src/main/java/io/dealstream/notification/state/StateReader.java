package io.dealstream.notification.state;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.dealstream.notification.rules.Facts;
import io.dealstream.notification.rules.Rules;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the state kept by the consumer into {@link Facts} for a run of the rules: staff and teams at once (people, a
 * few hundred, not deals), then the deals, the followed-up customers and the handovers a page at a time, each page with
 * just the customers its deals belong to, so a run holds a page, never the company. Pages go by {@code _id}: each
 * query starts after the last id of the one before, so every document is read once however long a run takes.
 */
@ApplicationScoped
public class StateReader {

    private static final String ID = "_id";

    private final MongoDatabase db;

    public StateReader(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.db = mongo.getDatabase(database);
        // a handover's accounts name their open deals by customer
        db.getCollection(Collections.DEALS).createIndex(Indexes.ascending("customerId"));
    }

    /** Staff and teams, without deals, customers or handovers: who is who, the same for every page. */
    public Facts people() {
        List<Facts.Staff> staff = new ArrayList<>();
        db.getCollection(Collections.STAFF).find().forEach(d -> add(staff, staff(d)));
        List<Facts.Team> teams = new ArrayList<>();
        db.getCollection(Collections.TEAMS).find().forEach(d -> add(teams, team(d)));
        return Facts.of(List.of(), List.of(), staff, teams, List.of());
    }

    /** The deals open at {@code at} (or closed since), {@code size} at a time, each page with its deals' customers. */
    public void dealPages(Facts people, Instant at, int size, Consumer<Facts> page) {
        pages(Collections.DEALS, openAt(at), size, docs -> {
            List<Facts.Deal> deals = new ArrayList<>(docs.size());
            docs.forEach(d -> add(deals, deal(d)));
            page.accept(people.with(deals, customers(customerIds(deals)), List.of()));
        });
    }

    /** The customers the 15 follows up (active or prospect), {@code size} at a time. */
    public void customerPages(Facts people, int size, Consumer<Facts> page) {
        pages(Collections.CUSTOMERS, Filters.in("status", List.copyOf(Rules.FOLLOWED_UP_STATUSES)), size, docs -> {
            List<Facts.Customer> customers = new ArrayList<>(docs.size());
            docs.forEach(d -> add(customers, customer(d)));
            page.accept(people.with(List.of(), customers, List.of()));
        });
    }

    /**
     * The handovers {@code size} at a time; of each page those {@code concerns} keeps (most are long settled), with
     * the deals they name or were assigned, the open deals of the accounts assigned, and those deals' customers.
     */
    public void handoverPages(Facts people, Instant at, int size, Predicate<Facts.Handover> concerns,
                              Consumer<Facts> page) {
        pages(Collections.HANDOVERS, new Document(), size, docs -> {
            List<Facts.Handover> handovers = new ArrayList<>();
            docs.forEach(d -> {
                Facts.Handover h = handover(d);
                if (h != null && concerns.test(h)) {
                    handovers.add(h);
                }
            });
            if (handovers.isEmpty()) {
                return;
            }
            Set<String> dealIds = new HashSet<>();
            Set<String> accounts = new HashSet<>();
            for (Facts.Handover h : handovers) {
                h.deals().forEach(id -> dealIds.add(id.toString()));
                h.assigned().forEach(a -> ("DEAL".equals(a.itemType()) ? dealIds : accounts)
                        .add(a.itemId().toString()));
            }
            // two queries, each through an index (_id; customerId), rather than one $or that scans every deal
            Map<String, Facts.Deal> deals = new LinkedHashMap<>();
            for (Bson named : List.of(Filters.in(ID, List.copyOf(dealIds)),
                    Filters.in("customerId", List.copyOf(accounts)))) {
                db.getCollection(Collections.DEALS).find(Filters.and(named, openAt(at))).forEach(d -> {
                    Facts.Deal deal = deal(d);
                    if (deal != null) {
                        deals.putIfAbsent(deal.id().toString(), deal);
                    }
                });
            }
            List<Facts.Deal> found = List.copyOf(deals.values());
            Set<String> customerIds = customerIds(found);
            customerIds.addAll(accounts);
            page.accept(people.with(found, customers(customerIds), handovers));
        });
    }

    /**
     * Hands the documents matching {@code filter} to {@code page}, at most {@code size} at a time in {@code _id}
     * order; each query asks for the ids after the last one handed (an index range on mongod, no cursor kept open).
     */
    private void pages(String collection, Bson filter, int size, Consumer<List<Document>> page) {
        Object last = null;
        while (true) {
            List<Document> docs = new ArrayList<>(size);
            db.getCollection(collection).find(last == null ? filter : Filters.and(filter, Filters.gt(ID, last)))
                    .sort(Sorts.ascending(ID)).limit(size).batchSize(size).into(docs);
            if (docs.isEmpty()) {
                return;
            }
            page.accept(docs);
            if (docs.size() < size) {
                return;
            }
            last = docs.get(docs.size() - 1).get(ID);
        }
    }

    // openAt, customerIds, add and the conversions of deals, customers and handovers are package-private: the tests
    // read everything at once with them (EverythingAtOnce), to compare a run in pages with

    /** Open at {@code at}: open now, or closed since (a deal that opens later is read, and the rules skip it). */
    static Bson openAt(Instant at) {
        return Filters.or(Filters.eq("status", "OPEN"), Filters.gt("closedAt", Date.from(at)));
    }

    private List<Facts.Customer> customers(Set<String> ids) {
        List<Facts.Customer> customers = new ArrayList<>(ids.size());
        if (!ids.isEmpty()) {
            db.getCollection(Collections.CUSTOMERS).find(Filters.in(ID, List.copyOf(ids)))
                    .forEach(d -> add(customers, customer(d)));
        }
        return customers;
    }

    static Set<String> customerIds(List<Facts.Deal> deals) {
        Set<String> ids = new HashSet<>();
        deals.forEach(d -> {
            if (d.customerId() != null) {
                ids.add(d.customerId().toString());
            }
        });
        return ids;
    }

    static <T> void add(List<T> list, T item) {
        if (item != null) {
            list.add(item);
        }
    }

    static Facts.Customer customer(Document d) {
        UUID id = uuid(d.getString(ID));
        return id == null ? null : new Facts.Customer(id, uuid(d.getString("ownerId")), d.getString("status"),
                instant(d.getDate("registeredAt")), activities(d));
    }

    private static Facts.Staff staff(Document d) {
        UUID id = uuid(d.getString(ID));
        return id == null ? null : new Facts.Staff(id, uuid(d.getString("teamId")),
                Set.copyOf(d.getList("capabilities", String.class, List.of())),
                Boolean.TRUE.equals(d.getBoolean("departed")));
    }

    private static Facts.Team team(Document d) {
        UUID id = uuid(d.getString(ID));
        return id == null ? null : new Facts.Team(id, d.getString("name"), uuid(d.getString("managerId")),
                zone(d.getString("timeZone")), instant(d.getDate("createdAt")));
    }

    static Facts.Deal deal(Document d) {
        UUID id = uuid(d.getString("_id"));
        if (id == null) {
            return null;
        }
        Document amount = d.get("amount", Document.class);
        Map<String, UUID> roles = new LinkedHashMap<>();
        Document stageRoles = d.get("stageRoles", Document.class);
        if (stageRoles != null) {
            stageRoles.forEach((role, staff) -> roles.put(role, uuid(String.valueOf(staff))));
        }
        List<Instant> progress = d.getList("progress", Date.class, List.of()).stream().map(Date::toInstant).toList();
        List<Facts.Change> changes = d.getList("changes", Document.class, List.of()).stream()
                .map(c -> new Facts.Change(((Number) c.get("v")).longValue(), c.getString("type"), instant(c.getDate("at"))))
                .toList();
        return new Facts.Deal(id, uuid(d.getString("customerId")), d.getString("title"), uuid(d.getString("ownerId")),
                d.getInteger("stage", 1), amount == null ? null : amount.getString("amount"),
                amount == null ? null : amount.getString("currency"), d.getString("expectedCloseDate"),
                d.getString("status"), instant(d.getDate("openedAt")), instant(d.getDate("closedAt")),
                instant(d.getDate("stageEnteredAt")), progress, roles, instant(d.getDate("misalignedAt")),
                d.getInteger("misalignedStage"), d.getInteger("buyerStage"), d.getString("nextStep"),
                d.get("version") instanceof Number n ? n.longValue() : 0, changes);
    }

    private static List<Facts.Activity> activities(Document d) {
        List<Facts.Activity> out = new ArrayList<>();
        for (Document a : d.getList("activities", Document.class, List.of())) {
            Instant at = instant(a.getDate("at"));
            if (at != null) {
                out.add(new Facts.Activity(uuid(a.getString("id")), at, a.getString("type"), uuid(a.getString("dealId"))));
            }
        }
        return out;
    }

    static Facts.Handover handover(Document d) {
        UUID id = uuid(d.getString("_id"));
        if (id == null || d.getString("staffId") == null) {
            return null; // items assigned before the opening arrived: wait for it
        }
        List<Facts.Assignment> assigned = new ArrayList<>();
        for (Document a : d.getList("assigned", Document.class, List.of())) {
            UUID item = uuid(a.getString("itemId"));
            if (item != null && a.getDate("at") != null) {
                assigned.add(new Facts.Assignment(a.getString("itemType"), item, uuid(a.getString("newOwnerId")),
                        a.getDate("at").toInstant()));
            }
        }
        return new Facts.Handover(id, uuid(d.getString("staffId")), d.getString("effectiveDate"),
                uuid(d.getString("successorId")), uuids(d.getList("accounts", String.class, List.of())),
                uuids(d.getList("deals", String.class, List.of())), instant(d.getDate("openedAt")), assigned);
    }

    private static List<UUID> uuids(List<String> texts) {
        return texts.stream().map(StateReader::uuid).filter(java.util.Objects::nonNull).toList();
    }

    static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static ZoneId zone(String id) {
        try {
            return id == null ? null : ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
