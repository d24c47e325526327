package io.dealstream.notification.state;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.dealstream.notification.rules.Facts;
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
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads the state kept by the consumer into {@link Facts} for one run of the rules. */
@ApplicationScoped
public class StateReader {

    private final MongoDatabase db;

    public StateReader(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.db = mongo.getDatabase(database);
    }

    /** Deals open at {@code at} (or closed since), their customers and every followed-up customer, staff, teams, handovers. */
    public Facts read(Instant at) {
        List<Facts.Deal> deals = new ArrayList<>();
        db.getCollection(Collections.DEALS).find(new Document("$or", List.of(new Document("status", "OPEN"),
                new Document("closedAt", new Document("$gt", Date.from(at)))))).forEach(d -> {
                    Facts.Deal deal = deal(d);
                    if (deal != null) {
                        deals.add(deal);
                    }
                });
        List<Facts.Handover> handovers = new ArrayList<>();
        db.getCollection(Collections.HANDOVERS).find().forEach(d -> {
            Facts.Handover h = handover(d);
            if (h != null) {
                handovers.add(h);
            }
        });
        Set<String> customerIds = new HashSet<>();
        deals.forEach(d -> {
            if (d.customerId() != null) {
                customerIds.add(d.customerId().toString());
            }
        });
        handovers.forEach(h -> h.accounts().forEach(a -> customerIds.add(a.toString())));
        List<Facts.Customer> customers = new ArrayList<>();
        db.getCollection(Collections.CUSTOMERS).find(new Document("$or", List.of(
                new Document("status", new Document("$in", List.of("ACTIVE", "PROSPECT"))),
                new Document("_id", new Document("$in", List.copyOf(customerIds)))))).forEach(d -> {
                    UUID id = uuid(d.getString("_id"));
                    if (id != null) {
                        customers.add(new Facts.Customer(id, uuid(d.getString("ownerId")), d.getString("status"),
                                instant(d.getDate("registeredAt")), activities(d)));
                    }
                });
        List<Facts.Staff> staff = new ArrayList<>();
        db.getCollection(Collections.STAFF).find().forEach(d -> {
            UUID id = uuid(d.getString("_id"));
            if (id != null) {
                staff.add(new Facts.Staff(id, uuid(d.getString("teamId")),
                        Set.copyOf(d.getList("capabilities", String.class, List.of())),
                        Boolean.TRUE.equals(d.getBoolean("departed"))));
            }
        });
        List<Facts.Team> teams = new ArrayList<>();
        db.getCollection(Collections.TEAMS).find().forEach(d -> {
            UUID id = uuid(d.getString("_id"));
            if (id != null) {
                teams.add(new Facts.Team(id, d.getString("name"), uuid(d.getString("managerId")),
                        zone(d.getString("timeZone")), instant(d.getDate("createdAt"))));
            }
        });
        return Facts.of(deals, customers, staff, teams, handovers);
    }

    private static Facts.Deal deal(Document d) {
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

    private static Facts.Handover handover(Document d) {
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
