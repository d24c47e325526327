package io.dealstream.notification.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.dealstream.notification.TestEnvironment;
import io.dealstream.notification.state.Collections;
import io.dealstream.support.messaging.IncomingEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The state write of one event, straight against MongoDB (no broker): applied once, in version order, whatever the
 * delivery does; a document someone else moved on is respected.
 */
@QuarkusTest
class EventsConsumerTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EventsConsumer consumer;
    @Inject
    MongoClient mongo;

    final UUID deal = UUID.randomUUID();

    IncomingEvent event(String type, long version, String payload) throws Exception {
        return new IncomingEvent(type, 1, deal, version, null, Instant.parse("2031-01-01T00:00:00Z").plusSeconds(version),
                JSON.readTree(payload));
    }

    IncomingEvent opened() throws Exception {
        return event("deal.opened", 1, """
                {"dealId":"%s","customerId":"%s","title":"A","ownerId":"%s","stage":1,
                 "amount":{"amount":"10.00","currency":"EUR"},"expectedCloseDate":"2031-06-30"}"""
                .formatted(deal, UUID.randomUUID(), UUID.randomUUID()));
    }

    void apply(IncomingEvent e) {
        consumer.apply(e).await().indefinitely();
    }

    MongoCollection<Document> deals() {
        return mongo.getDatabase(TestEnvironment.database()).getCollection(Collections.DEALS);
    }

    Document stored() {
        return deals().find(new Document("_id", deal.toString())).first();
    }

    @Test
    void appliesEachVersionOnceAndNeverGoesBack() throws Exception {
        apply(opened());
        apply(event("deal.title-changed", 3, "{\"title\":\"C\"}"));
        apply(event("deal.title-changed", 2, "{\"title\":\"B\"}")); // late: v3 is stored already
        apply(event("deal.title-changed", 3, "{\"title\":\"C\"}")); // redelivered

        Document d = stored();
        assertThat(d.get("version")).isEqualTo(3L);
        assertThat(d.getString("title")).isEqualTo("C");
        assertThat(d.getList("changes", Document.class)).extracting(c -> ((Number) c.get("v")).longValue())
                .containsExactly(1L, 3L);
    }

    @Test
    void aDocumentMovedOnByAnotherWriterIsRespected() throws Exception {
        apply(opened());
        // another instance (the partition moved) wrote v4 meanwhile
        deals().updateOne(new Document("_id", deal.toString()),
                new Document("$set", new Document("version", 4L).append("title", "D")));

        apply(event("deal.title-changed", 4, "{\"title\":\"other\"}"));
        assertThat(stored().getString("title")).isEqualTo("D");
        apply(event("deal.title-changed", 5, "{\"title\":\"E\"}"));
        assertThat(stored().get("version")).isEqualTo(5L);
        assertThat(stored().getString("title")).isEqualTo("E");
    }
}
