package io.dealstream.forecast.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.forecast.model.Change;
import io.dealstream.forecast.model.DealDoc;
import io.dealstream.support.messaging.IncomingEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two holders of the same generation, as two service instances between which a partition moved: each write is guarded
 * by the version its writer read, so a stale holder gets a conflict, folds again on what is stored and loses nothing.
 */
@QuarkusTest
class HeldDocumentsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Writers ONE_WRITER = new Writers(1);

    @Inject
    Generations generations;

    /** A generation of its own, never active: the documents written here were never on a topic. */
    static final int GENERATION = 9_000;

    final UUID deal = UUID.randomUUID();
    final UUID customer = UUID.randomUUID();
    final UUID owner = UUID.randomUUID();

    @AfterEach
    void dropTheGeneration() {
        for (StreamKind kind : StreamKind.values()) {
            generations.blocking(kind, GENERATION).drop();
        }
    }

    Document stored() {
        return generations.blocking(StreamKind.DEAL, GENERATION).find(new Document("_id", deal.toString())).first();
    }

    IncomingEvent event(String type, long version, String at, String payload) throws Exception {
        return new IncomingEvent(type, 1, deal, version, null, Instant.parse(at), JSON.readTree(payload));
    }

    IncomingEvent opened() throws Exception {
        return event("deal.opened", 1, "2031-01-01T00:00:00Z", """
                {"dealId":"%s","customerId":"%s","title":"T","amount":{"amount":"100.00","currency":"EUR"},
                 "expectedCloseDate":"2031-06-30","ownerId":"%s","stage":1}""".formatted(deal, customer, owner));
    }

    IncomingEvent amount(long version, String value) throws Exception {
        return event("deal.amount-changed", version, "2031-01-0%dT00:00:00Z".formatted(version),
                "{\"amount\":{\"amount\":\"%s\",\"currency\":\"EUR\"}}".formatted(value));
    }

    @Test
    void aStaleHolderGetsAConflictAndFoldsAgainOnWhatIsStored() throws Exception {
        HeldDocuments a = new HeldDocuments(generations, GENERATION, false, ONE_WRITER);
        HeldDocuments b = new HeldDocuments(generations, GENERATION, false, ONE_WRITER);
        IncomingEvent v1 = opened();
        IncomingEvent v2 = amount(2, "200.00");
        IncomingEvent v3 = amount(3, "300.00");

        // both fold v1 before either wrote (the partition moved while a was writing): a stores it first, b's insert
        // is then a conflict
        assertThat(a.fold(List.of(v1))).isEmpty();
        assertThat(b.fold(List.of(v1))).isEmpty();
        assertThat(a.write().none()).isTrue();
        HeldDocuments.Unwritten first = b.write();
        assertThat(first.conflicts()).containsExactly(new HeldDocuments.Key(StreamKind.DEAL, deal));
        b.fold(List.of(v1)); // folded again: read from the store, v1 is applied already
        assertThat(b.write().none()).isTrue();

        // a applies v2; b, still holding v1, gets v3: its replace is guarded by v1 and must not win
        a.fold(List.of(v2));
        assertThat(a.write().none()).isTrue();
        b.fold(List.of(v3));
        assertThat(b.write().conflicts()).hasSize(1);
        b.fold(List.of(v3));
        assertThat(b.write().none()).isTrue();

        DealDoc expected = DealDoc.evolve(DealDoc.evolve(DealDoc.evolve(null, v1), v2), v3);
        Document stored = stored();
        assertThat(DocCodec.text(stored)).isEqualTo(DocCodec.text(DocCodec.encode(expected)));
        assertThat(stored.get("v")).isEqualTo(3);
        assertThat(DocCodec.decode(stored, DealDoc.class).history()).extracting(Change::amount)
                .containsExactly("100.00", "200.00", "300.00");

        // a redelivered v2 at a (which holds v2): nothing to write
        a.fold(List.of(v2));
        assertThat(a.write().none()).isTrue();
        assertThat(stored().get("v")).isEqualTo(3);
    }

    @Test
    void anEventThatCannotBeFoldedIsReportedAndWritesNothing() throws Exception {
        HeldDocuments held = new HeldDocuments(generations, GENERATION, false, ONE_WRITER);
        IncomingEvent beforeOpened = amount(2, "5.00");
        assertThat(held.fold(List.of(beforeOpened))).containsOnlyKeys(beforeOpened);
        assertThat(held.write().none()).isTrue();
        assertThat(stored()).isNull();
    }

    @Test
    void documentsLetGoAreReadAgainFromTheStore() throws Exception {
        HeldDocuments held = new HeldDocuments(generations, GENERATION, false, ONE_WRITER);
        held.fold(List.of(opened()));
        held.write();
        held.trim(0);
        assertThat(held.size()).isZero();
        held.fold(List.of(amount(2, "250.00")));
        assertThat(held.write().none()).isTrue();
        assertThat(DocCodec.decode(stored(), DealDoc.class).history()).hasSize(2);
    }

    @Test
    void manyDocumentsGoInBulksSentAtOnceAndAConflictInOneIsReported() throws Exception {
        Writers three = new Writers(3);
        HeldDocuments held = new HeldDocuments(generations, GENERATION, false, three);
        HeldDocuments other = new HeldDocuments(generations, GENERATION, false, ONE_WRITER);
        List<IncomingEvent> opened = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) { // three bulks of up to 1,000
            UUID id = i == 1_700 ? deal : UUID.randomUUID();
            opened.add(new IncomingEvent("deal.opened", 1, id, 1, null, Instant.parse("2031-01-01T00:00:00Z"),
                    JSON.readTree("""
                            {"dealId":"%s","customerId":"%s","title":"T%d","amount":{"amount":"%d.00","currency":"EUR"},
                             "expectedCloseDate":"2031-06-30","ownerId":"%s","stage":1}""".formatted(id, customer, i, i, owner))));
        }
        assertThat(held.fold(opened)).isEmpty();
        other.fold(List.of(opened.get(1_700))); // another writer stores one of them meanwhile: a conflict in bulk two
        assertThat(other.write().none()).isTrue();
        HeldDocuments.Unwritten unwritten = held.write();

        assertThat(unwritten.conflicts()).containsExactly(new HeldDocuments.Key(StreamKind.DEAL, deal));
        assertThat(unwritten.rejected()).isEmpty();
        assertThat(generations.blocking(StreamKind.DEAL, GENERATION).countDocuments()).isEqualTo(2_500);
        assertThat(held.write().none()).as("everything else is stored: nothing left to write").isTrue();
        three.close();
    }
}
