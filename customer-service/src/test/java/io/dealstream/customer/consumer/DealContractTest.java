package io.dealstream.customer.consumer;

import static io.dealstream.customer.CustomerTestSupport.ADMIN;
import static io.dealstream.customer.CustomerTestSupport.as;
import static io.dealstream.customer.CustomerTestSupport.customer;
import static io.dealstream.customer.CustomerTestSupport.staff;
import static io.dealstream.customer.CustomerTopics.deadLetters;
import static io.dealstream.customer.CustomerTopics.topic;
import static io.dealstream.customer.consumer.DealEventsConsumer.DEAL_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealstream.testing.DeadLetters;
import io.dealstream.testing.PublishedExamples;
import io.dealstream.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Consumer side of deal-service's contract: customer-service reads deal-service's published examples
 * ({@code deal-service/src/main/resources/contracts/examples/}, with fresh ids), sent through the real broker (this
 * run's deal-events topic) with the headers of deal-service's published header example, and keeps its
 * {@code deal_ref} table (customer, owner, status of each deal) from them; a won deal makes its customer ACTIVE.
 * Every deal example is sent, in an order deal-service could publish them; none may end up in the dead-letter topic.
 */
@QuarkusTest
class DealContractTest {

    private static final String HEADERS = "headers.example.json";

    @Inject
    Pool pool;

    final List<UUID> deals = new ArrayList<>();

    /** Sends the examples of one deal as stream versions after {@code from}; returns the last version. */
    private long publish(PublishedExamples examples, UUID deal, long from, String... types) {
        deals.add(deal);
        long version = from;
        for (String type : types) {
            version++;
            TestTopics.send(topic(DEAL_EVENTS), deal, examples.headers(HEADERS, "io.dealstream." + type + ".v1", "deal",
                    deal, version), examples.payload(type, 1));
        }
        return version;
    }

    private void awaitDealRef(UUID deal, long version, Consumer<Row> check) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            RowSet<Row> rows = pool.preparedQuery("SELECT * FROM deal_ref WHERE id = $1").executeAndAwait(Tuple.of(deal));
            assertThat(rows.size()).as("deal_ref " + deal).isEqualTo(1);
            Row row = rows.iterator().next();
            assertThat(row.getLong("version")).as("deal_ref version").isEqualTo(version);
            check.accept(row);
        });
    }

    @Test
    void aDealsWholeLifeKeepsItsRefAndItsWinMakesTheCustomerActive() {
        UUID owner = staff("Olga Owner", null);
        UUID customer = customer(owner, "Hollmann Verpackungstechnik");
        as(ADMIN, "admin").get("/customers/" + customer).then().statusCode(200).body("status", equalTo("PROSPECT"));

        PublishedExamples examples = new PublishedExamples("deal-service");
        JsonNode opened = examples.original("deal.opened.v1.json");
        examples.bind(opened.path("customerId").asText(), customer).bind(opened.path("ownerId").asText(), owner);
        UUID deal = UUID.fromString(examples.json("deal.opened.v1.json").path("dealId").asText());

        publish(examples, deal, 0, "deal.opened");
        awaitDealRef(deal, 1, row -> {
            assertThat(row.getUUID("customer_id")).isEqualTo(customer);
            assertThat(row.getUUID("owner_id")).isEqualTo(owner);
            assertThat(row.getString("status")).isEqualTo("OPEN");
        });

        JsonNode reassigned = examples.json("deal.owner-reassigned.v1.json");
        assertThat(reassigned.path("from").asText()).as("the examples tell one story").isEqualTo(owner.toString());
        long version = publish(examples, deal, 1, "deal.title-changed", "deal.amount-changed",
                "deal.expected-close-date-changed", "deal.next-step-changed", "deal.milestone-completed",
                "deal.stage-role-assigned", "deal.stage-changed", "deal.buyer-stage-recorded", "deal.misaligned",
                "deal.realigned", "deal.owner-reassigned");
        // deal_ref records only the events customer-service needs: the version is the last of those applied.
        awaitDealRef(deal, version, row -> {
            assertThat(row.getUUID("owner_id")).isEqualTo(UUID.fromString(reassigned.path("to").asText()));
            assertThat(row.getString("status")).isEqualTo("OPEN");
        });

        long won = publish(examples, deal, version, "deal.reviewed", "deal.won");
        publish(examples, deal, won, "deal.handed-over");
        awaitDealRef(deal, won, row -> assertThat(row.getString("status")).isEqualTo("WON"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(ADMIN, "admin").get("/customers/" + customer)
                .then().statusCode(200).body("status", equalTo("ACTIVE")));
        assertNoDeadLetters();
    }

    @Test
    void aLostDealAndItsReopeningKeepItsStatus() {
        PublishedExamples examples = new PublishedExamples("deal-service");
        JsonNode opened = examples.json("deal.opened.v1.json");
        UUID deal = UUID.fromString(opened.path("dealId").asText());
        publish(examples, deal, 0, "deal.opened", "deal.lost");
        awaitDealRef(deal, 2, row -> {
            assertThat(row.getUUID("customer_id")).isEqualTo(UUID.fromString(opened.path("customerId").asText()));
            assertThat(row.getString("status")).isEqualTo("LOST");
        });
        publish(examples, deal, 2, "deal.reopened");
        awaitDealRef(deal, 3, row -> assertThat(row.getString("status")).isEqualTo("OPEN"));
        assertNoDeadLetters();
    }

    /** None of this test's deals went to the dead-letter topic (checked for a while: it is written asynchronously). */
    private void assertNoDeadLetters() {
        try (DeadLetters dlq = new DeadLetters(deadLetters(DEAL_EVENTS))) {
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> deals.stream().map(UUID::toString).noneMatch(dlq.keys()::contains));
        }
    }
}
