package io.dealstream.forecast.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealstream.forecast.Feed;
import io.dealstream.forecast.Story;
import io.dealstream.forecast.model.PackedHistory;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

/**
 * At-least-once delivery and any interleaving across streams change nothing: the same story told twice (with
 * different ids), once in order and once with every event delivered twice, streams interleaved at random (a deal's
 * events before its owner's or customer's), and old events redelivered after newer ones, gives the same documents.
 */
@QuarkusTest
class IdempotencyTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void duplicatesAndInterleavingsChangeNoDocument() throws Exception {
        Story plain = new Story(42, 25);
        Feed inOrder = new Feed();
        plain.tell(inOrder);

        Story shuffled = new Story(42, 25);
        Feed held = new Feed().holding();
        shuffled.tell(held);
        Random random = new Random(7);
        Map<UUID, Deque<Feed.Sent>> perStream = new LinkedHashMap<>();
        held.sent().forEach(s -> perStream.computeIfAbsent(s.stream(), k -> new ArrayDeque<>()).add(s));
        List<Deque<Feed.Sent>> queues = new ArrayList<>(perStream.values());
        List<Feed.Sent> delivered = new ArrayList<>();
        while (!queues.isEmpty()) {
            Deque<Feed.Sent> queue = queues.get(random.nextInt(queues.size()));
            Feed.Sent next = queue.poll();
            Feed.send(next);
            Feed.send(next); // delivered twice
            delivered.add(next);
            if (random.nextInt(5) == 0) {
                Feed.send(delivered.get(random.nextInt(delivered.size()))); // an old one again, after newer ones
            }
            if (queue.isEmpty()) {
                queues.remove(queue);
            }
        }
        inOrder.awaitApplied();
        held.awaitApplied();

        Map<String, String> aIds = new LinkedHashMap<>();
        shuffled.ids().forEach((name, id) -> aIds.put(id.toString(), plain.id(name).toString()));
        int compared = 0;
        for (String name : plain.ids().keySet()) {
            if (name.startsWith("contact")) {
                continue; // contacts are fields of customer documents, not streams
            }
            StreamKind kind = name.startsWith("deal") ? StreamKind.DEAL : name.startsWith("customer") ? StreamKind.CUSTOMER
                    : name.startsWith("team") ? StreamKind.TEAM : name.startsWith("departure") ? StreamKind.HANDOVER
                    : StreamKind.STAFF;
            Document a = readable(Feed.document(kind, plain.id(name)));
            Document b = readable(Feed.document(kind, shuffled.id(name)));
            if (a == null && b == null) {
                continue; // the manager is no stream of its own
            }
            assertThat(b).as(name).isNotNull();
            String bText = DocCodec.text(b);
            for (Map.Entry<String, String> id : aIds.entrySet()) {
                bText = bText.replace(id.getKey(), id.getValue());
            }
            assertThat(comparable(bText)).as(name).isEqualTo(comparable(DocCodec.text(a)));
            compared++;
        }
        assertThat(compared).isGreaterThan(30);
    }

    /** A deal's packed timeline as JSON changes, so that the ids in it are text the other telling's ids replace. */
    private static Document readable(Document doc) throws Exception {
        if (doc != null && doc.get("history") instanceof Binary packed) {
            String changes = TIMES.writeValueAsString(PackedHistory.unpack(packed.getData()));
            doc.put("history", Document.parse("{\"changes\": " + changes + "}").get("changes"));
        }
        return doc;
    }

    static final ObjectMapper TIMES = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** The document without the ids the feed draws at random per telling (activity ids). */
    private static JsonNode comparable(String text) throws Exception {
        JsonNode doc = JSON.readTree(text);
        doc.path("activities").forEach(a -> ((ObjectNode) a).remove("id"));
        return doc;
    }
}
