package io.dealstream.notification.rest;

import static io.dealstream.notification.Api.awaitState;
import static io.dealstream.notification.Api.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import io.dealstream.notification.Events;
import io.dealstream.notification.inbox.NotificationHub;
import io.dealstream.notification.state.Collections;
import io.dealstream.support.security.Roles;
import io.dealstream.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Server-Sent Events: a connected client receives its new notification; another user's stream does not. (Era: 2024.) */
@QuarkusTest
class StreamTest {

    @Inject
    MongoClient mongo;

    @Inject
    NotificationHub hub;

    @TestHTTPResource("/notifications/stream")
    URI stream;

    final HttpClient http = HttpClient.newHttpClient();

    /** Connects as {@code staff} and collects the {@code data:} lines it receives. */
    private List<String> connect(UUID staff) {
        List<String> data = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(stream).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + TestTokens.token(staff, Roles.REP)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            try (Stream<String> lines = response.body()) {
                lines.filter(l -> l.startsWith("data:")).forEach(data::add);
            }
        });
        return data;
    }

    @Test
    void aConnectedClientReceivesItsNewNotificationAndNoOneElsesDoes() {
        UUID owner = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        Events events = new Events();
        events.customer(customer, Instant.parse("2024-04-01T10:00:00Z"), owner, "ACTIVE");
        awaitState(mongo, Collections.CUSTOMERS, customer, 1);

        int before = hub.subscribers();
        List<String> mine = connect(owner);
        List<String> theirs = connect(other);
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.subscribers() >= before + 2);

        run(Instant.parse("2024-04-16T10:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mine.stream().anyMatch(l -> l.contains(customer.toString())));
        assertThat(mine).singleElement().asString().contains("\"rule\":\"follow-up\"")
                .contains("\"recipientId\":\"" + owner + "\"");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(theirs::isEmpty);
    }
}
