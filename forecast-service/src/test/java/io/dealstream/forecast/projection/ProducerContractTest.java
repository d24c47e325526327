package io.dealstream.forecast.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dealstream.forecast.Feed;
import io.dealstream.forecast.model.CustomerDoc;
import io.dealstream.forecast.model.DealDoc;
import io.dealstream.forecast.model.HandoverDoc;
import io.dealstream.forecast.model.ProcessDoc;
import io.dealstream.forecast.model.StaffDoc;
import io.dealstream.forecast.model.TeamDoc;
import io.dealstream.testing.DeadLetters;
import io.dealstream.testing.LocalServers;
import io.dealstream.testing.PublishedExamples;
import io.dealstream.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Consumer side of the producers' contracts: forecast-service reads deal-service's and customer-service's published
 * examples (from their modules, with fresh ids), sent through the real broker with the producers' published header
 * examples, and its read models follow them; none is dead-lettered. Every published example type is sent, so a new
 * event type fails here until this consumer has decided what it means for it.
 */
@QuarkusTest
class ProducerContractTest {

    final PublishedExamples deals = new PublishedExamples("deal-service");
    final PublishedExamples customers = new PublishedExamples("customer-service");
    static final Set<String> STREAMS = new HashSet<>();

    private long publish(PublishedExamples examples, String channel, String headerExample, String streamType,
                         UUID stream, long from, String... types) {
        STREAMS.add(stream.toString());
        long version = from;
        for (String type : types) {
            version++;
            TestTopics.send(Feed.topic(channel), stream, examples.headers(headerExample,
                    "io.dealstream." + type + ".v1", streamType, stream, version), examples.payload(type, 1));
        }
        return version;
    }

    private static <T> T applied(StreamKind kind, UUID stream, long version, Class<T> type) {
        return DocCodec.decode(Feed.awaitDocument(kind, stream, version), type);
    }

    @Test
    void dealEvents() {
        UUID deal = deals.id("0ee122ec-c1c6-4141-8e39-1bdb4c2f8440");
        long last = publish(deals, LiveConsumer.DEAL_EVENTS, "headers.example.json", "deal", deal, 0, "deal.opened",
                "deal.title-changed", "deal.amount-changed", "deal.expected-close-date-changed",
                "deal.next-step-changed", "deal.milestone-completed", "deal.stage-role-assigned",
                "deal.stage-changed", "deal.buyer-stage-recorded", "deal.misaligned", "deal.realigned",
                "deal.reviewed", "deal.owner-reassigned", "deal.won", "deal.handed-over");
        DealDoc doc = applied(StreamKind.DEAL, deal, last, DealDoc.class);
        assertThat(doc.v()).isEqualTo(15);
        assertThat(doc.customerId()).isEqualTo(deals.id("fefc9d5c-d65e-4d87-8691-5779772150e6"));
        assertThat(doc.title()).isEqualTo(deals.json("deal.title-changed.v1.json").path("title").asText());
        assertThat(doc.owners()).containsExactly(deals.id("680d7a00-1e4f-4445-afc0-2312b03c966b"),
                deals.id("90eaf9f6-1f79-4fe3-bce2-4ee126a56f41"));
        assertThat(doc.state().ownerId()).isEqualTo(deals.id("90eaf9f6-1f79-4fe3-bce2-4ee126a56f41"));
        assertThat(doc.state().amount()).isEqualTo("512500.00");
        assertThat(doc.state().currency()).isEqualTo("EUR");
        assertThat(doc.state().closeDate()).hasToString("2026-11-30");
        assertThat(doc.state().slipDays()).isEqualTo(61); // 2026-09-30 → 2026-11-30
        assertThat(doc.state().stage()).isEqualTo(6);
        assertThat(doc.state().buyerStage()).isEqualTo(4);
        assertThat(doc.state().status().name()).isEqualTo("WON");
        assertThat(doc.state().signedAt()).hasToString("2026-11-24");

        UUID lost = UUID.randomUUID();
        PublishedExamples other = new PublishedExamples("deal-service").bind("0ee122ec-c1c6-4141-8e39-1bdb4c2f8440", lost);
        long l = publish(other, LiveConsumer.DEAL_EVENTS, "headers.example.json", "deal", lost, 0, "deal.opened",
                "deal.lost");
        DealDoc lostDoc = applied(StreamKind.DEAL, lost, l, DealDoc.class);
        assertThat(lostDoc.state().status().name()).isEqualTo("LOST");
        assertThat(lostDoc.state().lostReason()).isEqualTo("LOST_TO_COMPETITOR");
        assertThat(lostDoc.state().competitor()).isEqualTo("Alpenland Fördertechnik GmbH");
        l = publish(other, LiveConsumer.DEAL_EVENTS, "headers.example.json", "deal", lost, l, "deal.reopened");
        assertThat(applied(StreamKind.DEAL, lost, l, DealDoc.class).state().status().name()).isEqualTo("OPEN");
    }

    @Test
    void customerEvents() {
        UUID customer = customers.id("fefc9d5c-d65e-4d87-8691-5779772150e6");
        long last = publish(customers, LiveConsumer.CUSTOMER_EVENTS, "headers.customer-events.example.json",
                "customer", customer, 0, "customer.registered", "customer.details-changed",
                "customer.team-member-added", "customer.contact-added", "customer.contact-changed",
                "customer.activity-logged", "customer.owner-changed", "customer.team-member-removed",
                "customer.status-changed", "customer.contact-personal-data-erased");
        CustomerDoc doc = applied(StreamKind.CUSTOMER, customer, last, CustomerDoc.class);
        assertThat(doc.region()).isEqualTo("Upper Austria");
        assertThat(doc.status()).isEqualTo("ACTIVE");
        assertThat(doc.ownerId()).isEqualTo(customers.id("262ac2eb-ed7c-4c95-b0b2-eb990569a65c"));
        assertThat(doc.owners()).extracting(CustomerDoc.Ownership::departureId).containsExactly(null,
                customers.id("9e4b7c21-3f8a-4d65-a1c0-7b2e5d9f3c46"));
        assertThat(doc.contacts()).containsExactly(java.util.Map.entry(
                customers.id("4c7a2e91-8b3d-4f06-9a5e-1d6c3b8f2e70").toString(), "DECISION_MAKER"));
        assertThat(doc.team()).isEmpty();
        assertThat(doc.activities()).singleElement().satisfies(a -> {
            assertThat(a.dealId()).isEqualTo(customers.id("0ee122ec-c1c6-4141-8e39-1bdb4c2f8440"));
            assertThat(a.at()).hasToString("2026-06-16T09:30:00Z");
        });
    }

    @Test
    void staffEvents() {
        String headers = "headers.staff-events.example.json";
        UUID team = customers.id("5b1e7c3a-9d4f-4e21-8a6b-3f2d1c0e9a84");
        long t = publish(customers, LiveConsumer.STAFF_EVENTS, headers, "team", team, 0, "team.created",
                "team.manager-changed");
        assertThat(applied(StreamKind.TEAM, team, t, TeamDoc.class).managerId())
                .isEqualTo(customers.id("d8f2b4a6-1c3e-4f57-b9a0-2e6d4c8f1b93"));

        UUID staff = customers.id("680d7a00-1e4f-4445-afc0-2312b03c966b");
        long s = publish(customers, LiveConsumer.STAFF_EVENTS, headers, "staff", staff, 0, "staff.joined",
                "staff.team-changed", "staff.capabilities-changed", "staff.departed");
        StaffDoc member = applied(StreamKind.STAFF, staff, s, StaffDoc.class);
        assertThat(member.teamId()).isEqualTo(customers.id("f0a2c4e6-8b1d-4f39-a7c5-3e9b1d7f5a02"));
        assertThat(member.departed()).isTrue();
        assertThat(member.effectiveDate()).hasToString("2026-07-31");
        assertThat(member.departureId()).isEqualTo(customers.id("9e4b7c21-3f8a-4d65-a1c0-7b2e5d9f3c46"));

        UUID handover = customers.id("9e4b7c21-3f8a-4d65-a1c0-7b2e5d9f3c46");
        long h = publish(customers, LiveConsumer.STAFF_EVENTS, headers, "handover", handover, 0, "handover.opened",
                "handover.deal-added", "handover.item-assigned", "handover.deal-closed", "handover.completed");
        HandoverDoc doc = applied(StreamKind.HANDOVER, handover, h, HandoverDoc.class);
        assertThat(doc.staffId()).isEqualTo(staff);
        assertThat(doc.accounts()).hasSize(2);
        assertThat(doc.deals()).hasSize(3); // two at the departure, one learned of late
        assertThat(doc.assignments()).singleElement().satisfies(a -> {
            assertThat(a.itemId()).isEqualTo(customers.id("b2d6f8a4-5e1c-4a97-8d3b-9c0e7f2a6d51"));
            assertThat(a.lagDays()).isEqualTo(4);
        });
        assertThat(doc.closedDeals()).containsExactly(customers.id("7f3c2a10-94d8-4b6e-a1c5-2e8d9b0f4c37"));
        assertThat(doc.completedAt()).isNotNull();
    }

    @Test
    void processEvents() {
        // The fixed id of the process stream is not replaced: it is the same in every installation.
        UUID process = UUID.fromString("00000000-0000-0000-0000-00000000d0c5");
        PublishedExamples examples = new PublishedExamples("deal-service").bind(process.toString(), process);
        Document before = Feed.document(StreamKind.PROCESS, process);
        long from = before == null ? 0 : ((Number) before.get("v")).longValue();
        long last = publish(examples, LiveConsumer.PROCESS_EVENTS, "headers.example.json", "process", process, from,
                "process.configured");
        ProcessDoc doc = applied(StreamKind.PROCESS, process, last, ProcessDoc.class);
        var config = doc.configs().get(doc.configs().size() - 1).config();
        assertThat(config.stages()).hasSize(8);
        assertThat(config.stage(5).probability()).isEqualByComparingTo(new BigDecimal("0.45"));
        assertThat(config.stage(7).category()).isEqualTo("COMMIT");
        assertThat(config.misalignmentGap()).isEqualTo(2);
        assertThat(config.wonCategory()).isEqualTo("CLOSED");
    }

    @Test
    void everyPublishedExampleTypeIsConsumed() throws IOException {
        Set<String> published = new TreeSet<>();
        for (String module : List.of("deal-service", "customer-service")) {
            Path dir = LocalServers.root().resolve(module).resolve("src/main/resources/contracts/examples");
            try (Stream<Path> files = Files.list(dir)) {
                published.addAll(files.map(f -> f.getFileName().toString()).filter(f -> !f.startsWith("headers"))
                        .map(f -> f.replaceFirst("\\.v\\d+\\.json$", "")).collect(Collectors.toSet()));
            }
        }
        Set<String> covered = new TreeSet<>(List.of(
                "deal.opened", "deal.title-changed", "deal.amount-changed", "deal.expected-close-date-changed",
                "deal.next-step-changed", "deal.milestone-completed", "deal.stage-role-assigned", "deal.stage-changed",
                "deal.buyer-stage-recorded", "deal.misaligned", "deal.realigned", "deal.reviewed",
                "deal.owner-reassigned", "deal.won", "deal.handed-over", "deal.lost", "deal.reopened",
                "customer.registered", "customer.details-changed", "customer.team-member-added",
                "customer.contact-added", "customer.contact-changed", "customer.activity-logged",
                "customer.owner-changed", "customer.team-member-removed", "customer.status-changed",
                "customer.contact-personal-data-erased", "team.created", "team.manager-changed", "staff.joined",
                "staff.team-changed", "staff.capabilities-changed", "staff.departed", "handover.opened",
                "handover.deal-added", "handover.item-assigned", "handover.deal-closed", "handover.completed",
                "process.configured"));
        assertThat(covered).as("the example types this test sends").isEqualTo(published);
    }

    @AfterAll
    static void noneDeadLettered() {
        // once for the whole class: dead letters are written asynchronously, so watch the topics for a while
        for (String channel : LiveConsumer.CHANNELS) {
            try (DeadLetters dlq = new DeadLetters(Feed.topic(channel) + ".dlq.forecast-service")) {
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                        .until(() -> dlq.keys().stream().noneMatch(STREAMS::contains));
            }
        }
    }
}
