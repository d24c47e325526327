package io.dealstream.notification.mail;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.dealstream.notification.config.NotificationConfig;
import io.dealstream.notification.inbox.Inbox;
import io.dealstream.notification.state.Collections;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends the e-mail of each notification whose {@code mailStatus} is PENDING, in the background: the inbox never
 * waits for mail. A failed attempt is retried after a backoff that doubles up to a ceiling, without end: a failing
 * SMTP server delays mail but never loses it. Each attempt first pushes the message's next attempt past the send
 * timeout (a lease), so a crash mid-send is retried later and two instances do not send at once.
 */
@ApplicationScoped
public class MailOutbox {

    private static final Logger LOG = Logger.getLogger(MailOutbox.class);

    private final MongoCollection<Document> notifications;
    private final ReactiveMailer mailer;
    private final NotificationConfig.Mail config;
    private final Clock clock;
    private final MeterRegistry metrics;

    public MailOutbox(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                      ReactiveMailer mailer, NotificationConfig config, Clock clock, MeterRegistry metrics) {
        this.notifications = mongo.getDatabase(database).getCollection(Collections.NOTIFICATIONS);
        this.mailer = mailer;
        this.config = config.mail();
        this.clock = clock;
        this.metrics = metrics;
        metrics.gauge("dealstream.mail.pending", notifications,
                c -> c.countDocuments(eq("mailStatus", Inbox.PENDING)));
    }

    @Scheduled(identity = "mail-outbox", every = "${dealstream.notification.mail.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!config.send()) {
            return;
        }
        Instant now = clock.instant();
        List<Document> due = new ArrayList<>();
        notifications.find(and(eq("mailStatus", Inbox.PENDING), lte("mailNextAttemptAt", Date.from(now))))
                .sort(Sorts.ascending("mailNextAttemptAt")).limit(config.batchSize()).into(due);
        for (Document candidate : due) {
            Document claimed = notifications.findOneAndUpdate(
                    and(eq("_id", candidate.get("_id")), eq("mailStatus", Inbox.PENDING),
                            eq("mailNextAttemptAt", candidate.getDate("mailNextAttemptAt"))),
                    Updates.set("mailNextAttemptAt", Date.from(now.plus(config.sendTimeout()).plus(config.sendTimeout()))),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            if (claimed != null) {
                send(claimed);
            }
        }
    }

    private void send(Document n) {
        String to = address(n.getString("recipientId"));
        Mail mail = Mail.withText(to, "[Dealstream] " + n.getString("title"), n.getString("body")
                + "\n\nOpen your inbox in Dealstream to see the details (notification " + n.getString("_id") + ").");
        int attempts = n.getInteger("mailAttempts", 0) + 1;
        try {
            mailer.send(mail).await().atMost(config.sendTimeout());
            notifications.updateOne(eq("_id", n.get("_id")), Updates.combine(Updates.set("mailStatus", Inbox.SENT),
                    Updates.set("mailAttempts", attempts), Updates.set("mailSentAt", Date.from(clock.instant())),
                    Updates.unset("mailLastError")));
            metrics.counter("dealstream.mail.sent").increment();
        } catch (RuntimeException e) {
            Instant next = clock.instant().plus(backoff(attempts, config.initialBackoff(), config.maxBackoff()));
            notifications.updateOne(eq("_id", n.get("_id")), Updates.combine(Updates.set("mailAttempts", attempts),
                    Updates.set("mailNextAttemptAt", Date.from(next)),
                    Updates.set("mailLastError", String.valueOf(e.getMessage()))));
            metrics.counter("dealstream.mail.failed").increment();
            LOG.warnf("mail of notification %s to %s failed (attempt %d), next attempt at %s: %s", n.get("_id"), to,
                    attempts, next, e.getMessage());
        }
    }

    /** The recipient's address: the mail directory's entry, else the configured pattern (see README, "E-mail"). */
    String address(String staffId) {
        String listed = config.directory().get(staffId);
        return listed != null ? listed : config.addressPattern().replace("{staffId}", staffId);
    }

    /** initial × 2^(attempts-1), at most {@code max}. */
    static Duration backoff(int attempts, Duration initial, Duration max) {
        Duration d = initial;
        for (int i = 1; i < attempts && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
