package io.dealstream.notification.mail;

import static io.dealstream.notification.Api.awaitState;
import static io.dealstream.notification.Api.inbox;
import static io.dealstream.notification.Api.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.mongodb.client.MongoClient;
import io.dealstream.notification.Events;
import io.dealstream.notification.TestEnvironment;
import io.dealstream.notification.state.Collections;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * E-mail through a real SMTP server (GreenMail on this run's free port): the message arrives; with the server down
 * the inbox is filled at once, the mail waits in the outbox with its failed attempts counted, and goes out once the
 * server is back. (Era: 2024-06.)
 */
@QuarkusTest
class MailTest {

    @Inject
    MongoClient mongo;

    GreenMail smtp;

    private GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(TestEnvironment.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    @AfterEach
    void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    private UUID reminderFor(UUID owner, String registeredAt) {
        UUID customer = UUID.randomUUID();
        new Events().customer(customer, Instant.parse(registeredAt), owner, "ACTIVE");
        awaitState(mongo, Collections.CUSTOMERS, customer, 1);
        run(Instant.parse(registeredAt).plus(Duration.ofDays(15)));
        return customer;
    }

    private List<MimeMessage> mailTo(UUID staff) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().equals(staff + "@staff.dealstream.local"));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private Document outboxEntry(UUID recipient) {
        return mongo.getDatabase(TestEnvironment.database()).getCollection(Collections.NOTIFICATIONS)
                .find(new Document("recipientId", recipient.toString())).first();
    }

    @Test
    void theSmtpServerReceivesTheMessage() throws Exception {
        smtp = startSmtp();
        UUID owner = UUID.randomUUID();
        reminderFor(owner, "2024-06-01T10:00:00Z");
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(owner).size() == 1);
        MimeMessage mail = mailTo(owner).get(0);
        assertThat(mail.getSubject()).startsWith("[Dealstream] Follow up: customer ");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("notifications@dealstream.local");
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(outboxEntry(owner).getString("mailStatus")));
        assertThat(inbox(owner)).singleElement().extracting(n -> n.get("email")).isEqualTo("SENT");
    }

    @Test
    void withTheSmtpServerDownMailWaitsAndGoesOutWhenItReturns() {
        UUID owner = UUID.randomUUID();
        reminderFor(owner, "2024-06-10T10:00:00Z");
        assertThat(inbox(owner)).as("the inbox does not wait for mail").hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> outboxEntry(owner).getInteger("mailAttempts", 0) >= 2);
        assertThat(outboxEntry(owner).getString("mailStatus")).isEqualTo("PENDING");
        assertThat(outboxEntry(owner).getString("mailLastError")).isNotBlank();

        smtp = startSmtp();
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(owner).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(outboxEntry(owner).getString("mailStatus")));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> mailTo(owner).size() == 1);
    }
}
