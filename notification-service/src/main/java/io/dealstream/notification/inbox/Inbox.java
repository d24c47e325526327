package io.dealstream.notification.inbox;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Projections.include;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.dealstream.notification.config.NotificationConfig;
import io.dealstream.notification.rules.Due;
import io.dealstream.notification.state.Collections;
import io.dealstream.support.domain.Rejection;
import io.dealstream.support.rest.Page;
import io.dealstream.support.rest.PageRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The inbox: puts a due notification in at most once (its id is derived from rule, subject, period and recipient, so
 * a second insert meets a duplicate key; a run's page goes in as one bulk insert), lists a recipient's notifications,
 * marks them read. Each notification document is also its own mail outbox entry ({@code mailStatus} PENDING until
 * sent), so putting it in the inbox and queueing its e-mail is one atomic insert.
 */
@ApplicationScoped
public class Inbox {

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String OFF = "OFF";

    private final MongoCollection<Document> notifications;
    private final NotificationHub hub;
    private final NotificationConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry metrics;

    public Inbox(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                 NotificationHub hub, NotificationConfig config, ObjectMapper json, Clock clock, MeterRegistry metrics) {
        this.notifications = mongo.getDatabase(database).getCollection(Collections.NOTIFICATIONS);
        this.hub = hub;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.metrics = metrics;
    }

    void indexes(@Observes StartupEvent start) {
        notifications.createIndex(Indexes.compoundIndex(Indexes.ascending("recipientId"),
                Indexes.descending("createdAt"), Indexes.descending("_id")));
        notifications.createIndex(Indexes.ascending("mailStatus", "mailNextAttemptAt"));
    }

    /**
     * Puts the notifications in their recipients' inboxes, those not there already, in one unordered bulk insert:
     * an insert refused for a duplicate {@code _id} was delivered before and is skipped, the others go in all the
     * same. Each new one is counted and fanned out to the stream. Answers the new ones, in order.
     */
    public List<Due> deliver(List<Due> due) {
        if (due.isEmpty()) {
            return List.of();
        }
        Date now = Date.from(clock.instant());
        List<Document> docs = new ArrayList<>(due.size());
        due.forEach(d -> docs.add(document(d, now)));
        Set<Integer> refused = new HashSet<>();
        MongoBulkWriteException failure = null;
        try {
            notifications.insertMany(docs, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                refused.add(error.getIndex());
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    failure = e;
                }
            }
            if (e.getWriteConcernError() != null) {
                failure = e;
            }
        }
        List<Due> created = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            if (refused.contains(i)) {
                continue;
            }
            Due d = due.get(i);
            created.add(d);
            metrics.counter("dealstream.notifications.created", "rule", d.rule()).increment();
            if (config.channels().stream()) {
                hub.publish(view(docs.get(i)));
            }
        }
        if (failure != null) {
            throw failure; // after the fan-out of what did go in: the next run skips those as delivered
        }
        return created;
    }

    private Document document(Due due, Date now) {
        return new Document("_id", due.id().toString()).append("key", due.key())
                .append("recipientId", due.recipientId().toString()).append("rule", due.rule())
                .append("subjectType", due.subjectType()).append("subjectId", due.subjectId().toString())
                .append("period", due.period()).append("title", due.title()).append("body", due.body())
                .append("data", Document.parse(write(due.detail()))).append("dueAt", Date.from(due.dueAt()))
                .append("createdAt", now).append("read", false)
                .append("mailStatus", config.channels().email() ? PENDING : OFF).append("mailAttempts", 0)
                .append("mailNextAttemptAt", now);
    }

    /** Which of these notifications are in the inbox already. */
    public Set<UUID> existing(Collection<UUID> ids) {
        Set<UUID> out = new HashSet<>();
        if (!ids.isEmpty()) {
            notifications.find(in("_id", ids.stream().map(UUID::toString).toList())).projection(include("_id"))
                    .forEach(d -> out.add(UUID.fromString(d.getString("_id"))));
        }
        return out;
    }

    public Page<NotificationView> list(UUID recipient, Boolean unread, PageRequest page) {
        List<Bson> filters = new ArrayList<>(List.of(eq("recipientId", recipient.toString())));
        if (unread != null) {
            filters.add(eq("read", !unread));
        }
        if (!page.first()) {
            List<String> after = page.after();
            Date createdAt;
            try {
                createdAt = new Date(Long.parseLong(after.get(0)));
            } catch (RuntimeException e) {
                throw Rejection.invalid("cursor", "cursor is not one this service issued; start again without it");
            }
            String id = after.size() > 1 ? after.get(1) : "";
            filters.add(or(lt("createdAt", createdAt), and(eq("createdAt", createdAt), lt("_id", id))));
        }
        List<NotificationView> fetched = new ArrayList<>();
        notifications.find(and(filters)).sort(Sorts.descending("createdAt", "_id")).limit(page.limit() + 1)
                .forEach(d -> fetched.add(view(d)));
        return page.page(fetched, n -> PageRequest.cursor(Long.toString(n.createdAt().toEpochMilli()), n.id().toString()));
    }

    /** Marks one of the recipient's notifications read (again: no change); unknown or someone else's: 404. */
    public NotificationView markRead(UUID id, UUID recipient) {
        Bson mine = and(eq("_id", id.toString()), eq("recipientId", recipient.toString()));
        notifications.updateOne(and(mine, eq("read", false)),
                Updates.combine(Updates.set("read", true), Updates.set("readAt", Date.from(clock.instant()))));
        Document doc = notifications.find(mine).first();
        if (doc == null) {
            throw Rejection.notFound("no notification " + id + " in your inbox");
        }
        return view(doc);
    }

    NotificationView view(Document d) {
        try {
            Document data = d.get("data", Document.class);
            return new NotificationView(UUID.fromString(d.getString("_id")), UUID.fromString(d.getString("recipientId")),
                    d.getString("rule"), d.getString("subjectType"), UUID.fromString(d.getString("subjectId")),
                    d.getString("period"), d.getString("title"), d.getString("body"),
                    data == null ? null : json.readTree(data.toJson()), instant(d.getDate("dueAt")),
                    instant(d.getDate("createdAt")), Boolean.TRUE.equals(d.getBoolean("read")),
                    instant(d.getDate("readAt")), d.getString("mailStatus"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object detail) {
        try {
            return detail == null ? "{}" : json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
