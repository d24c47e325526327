package io.dealstream.forecast.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dealstream.forecast.Feed;
import io.dealstream.testing.DeadLetters;
import io.dealstream.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A message that cannot be applied goes to {@code <topic>.dlq.forecast-service}, and consumption goes on. */
@QuarkusTest
class PoisonTest {

    @Test
    void poisonIsDeadLetteredAndTheNextEventIsApplied() {
        UUID owner = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        UUID noEnvelope = UUID.randomUUID();
        UUID notJson = UUID.randomUUID();
        UUID noAmount = UUID.randomUUID();
        String topic = Feed.topic(LiveConsumer.DEAL_EVENTS);
        TestTopics.send(topic, noEnvelope, Map.of("content-type", "application/json"), "{}");
        TestTopics.send(topic, notJson, TestTopics.cloudEvent("/deal-service", "deal.opened", notJson, 1), "{not json");
        TestTopics.send(topic, noAmount, TestTopics.cloudEvent("/deal-service", "deal.opened", noAmount, 1), """
                {"dealId":"%s","customerId":"%s","title":"t","expectedCloseDate":"2033-01-01","ownerId":"%s","stage":1}"""
                .formatted(noAmount, customer, owner));
        Feed feed = new Feed();
        UUID good = feed.deal(customer, owner, "1.00", "EUR", "2033-01-01", "2033-01-01T00:00:00Z");
        feed.awaitApplied();
        try (DeadLetters dlq = new DeadLetters(topic + ".dlq.forecast-service")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> dlq.keys().containsAll(
                    java.util.List.of(noEnvelope.toString(), notJson.toString(), noAmount.toString())));
            assertThat(dlq.keys()).doesNotContain(good.toString());
        }
        assertThat(Feed.document(StreamKind.DEAL, noAmount)).isNull();
    }
}
