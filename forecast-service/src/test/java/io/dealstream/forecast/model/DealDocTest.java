package io.dealstream.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.support.messaging.IncomingEvent;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The deal read model's fold, given events, then the document (plain JUnit, no servers). */
class DealDocTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final UUID deal = UUID.randomUUID();
    final UUID owner = UUID.randomUUID();
    final UUID other = UUID.randomUUID();

    IncomingEvent event(String type, long version, String at, String payload) throws Exception {
        return new IncomingEvent(type, 1, deal, version, null, Instant.parse(at), JSON.readTree(payload));
    }

    DealDoc opened() throws Exception {
        return DealDoc.evolve(null, event("deal.opened", 1, "2030-01-01T00:00:00Z", """
                {"dealId":"%s","customerId":"%s","title":"T","amount":{"amount":"100.50","currency":"EUR"},
                 "expectedCloseDate":"2030-03-31","ownerId":"%s","stage":1}""".formatted(deal, UUID.randomUUID(), owner)));
    }

    @Test
    void foldsTheChangesThatMatterAndOnlyAdvancesTheVersionForTheRest() throws Exception {
        DealDoc d = opened();
        d = DealDoc.evolve(d, event("deal.stage-changed", 2, "2030-01-10T00:00:00Z", "{\"from\":1,\"to\":4}"));
        d = DealDoc.evolve(d, event("deal.next-step-changed", 3, "2030-01-11T00:00:00Z", "{\"nextStep\":\"call\"}"));
        d = DealDoc.evolve(d, event("deal.expected-close-date-changed", 4, "2030-01-12T00:00:00Z",
                "{\"expectedCloseDate\":\"2030-04-30\"}"));
        d = DealDoc.evolve(d, event("deal.owner-reassigned", 5, "2030-01-13T00:00:00Z",
                "{\"from\":\"%s\",\"to\":\"%s\"}".formatted(owner, other)));
        d = DealDoc.evolve(d, event("deal.stage-changed", 6, "2030-01-14T00:00:00Z", "{\"from\":4,\"to\":3}"));
        assertThat(d.v()).isEqualTo(6);
        assertThat(d.history()).hasSize(5); // the next step is no figure
        assertThat(d.owners()).containsExactly(owner, other);
        assertThat(d.state().stage()).isEqualTo(3);
        assertThat(d.state().lastProgressAt()).isEqualTo(Instant.parse("2030-01-10T00:00:00Z")); // moving back is no progress
        assertThat(d.state().slipDays()).isEqualTo(30); // 03-31 → 04-30
        assertThat(d.state().ownerChanges()).isEqualTo(1);
        assertThat(d.state().amount()).isEqualTo("100.50");
    }

    @Test
    void asOfFoldsTheTimelineUpToTheInstant() throws Exception {
        DealDoc d = opened();
        d = DealDoc.evolve(d, event("deal.stage-changed", 2, "2030-01-10T00:00:00Z", "{\"from\":1,\"to\":4}"));
        d = DealDoc.evolve(d, event("deal.lost", 3, "2030-02-01T00:00:00Z", "{\"reason\":\"NO_BUDGET\",\"stage\":4}"));
        assertThat(d.asOf(Instant.parse("2029-12-31T23:59:59Z"))).isNull();
        assertThat(d.asOf(Instant.parse("2030-01-09T00:00:00Z")).stage()).isEqualTo(1);
        assertThat(d.asOf(Instant.parse("2030-01-10T00:00:00Z")).stage()).isEqualTo(4);
        assertThat(d.asOf(Instant.parse("2030-01-31T00:00:00Z")).open()).isTrue();
        assertThat(d.asOf(Instant.MAX).status()).isEqualTo(DealState.Status.LOST);
        assertThat(d.asOf(Instant.MAX)).isEqualTo(d.state());
    }

    @Test
    void aBrokenPayloadIsPoison() {
        assertThatThrownBy(() -> DealDoc.evolve(null, event("deal.opened", 1, "2030-01-01T00:00:00Z",
                "{\"dealId\":\"%s\",\"stage\":1}".formatted(deal)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DealDoc.evolve(null, event("deal.stage-changed", 2, "2030-01-01T00:00:00Z",
                "{\"from\":1,\"to\":2}"))).isInstanceOf(IllegalStateException.class);
    }
}
