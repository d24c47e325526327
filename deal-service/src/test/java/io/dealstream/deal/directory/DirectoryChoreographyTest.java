package io.dealstream.deal.directory;

import static io.dealstream.deal.DealTestSupport.*;
import static io.dealstream.deal.DealTopics.deadLetters;
import static io.dealstream.deal.DealTopics.topic;
import static io.dealstream.deal.directory.DirectoryConsumer.CUSTOMER_EVENTS;
import static io.dealstream.deal.directory.DirectoryConsumer.STAFF_EVENTS;
import static io.dealstream.deal.DirectoryEvents.publish;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import io.dealstream.deal.DirectoryEvents;
import io.dealstream.testing.DeadLetters;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * deal-service's side of the choreography with customer-service, over the real broker (this run's topics): customers must be known,
 * open deals follow their account when a departure hands it over, departed people are refused, redeliveries and
 * poison messages change nothing.
 */
@QuarkusTest
class DirectoryChoreographyTest {

    @Inject
    Pool pool;

    final UUID rep = UUID.randomUUID();

    @Test
    void anUnknownCustomerIsAClear400AndAJustRegisteredOneWorks() {
        as(rep, "rep").body(Map.of("customerId", UUID.randomUUID().toString(), "title", "x", "amount", "1",
                        "currency", "EUR", "expectedCloseDate", "2027-01-01"))
                .post("/deals").then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("unknown-customer")).body("errors.field", hasItem("customerId"));
        // Registered a moment ago: the event is still on its way when the deal is opened.
        UUID customer = DirectoryEvents.customer(rep);
        as(rep, "rep").body(Map.of("customerId", customer.toString(), "title", "x", "amount", "1",
                        "currency", "EUR", "expectedCloseDate", "2027-01-01"))
                .post("/deals").then().statusCode(201).body("customerId", equalTo(customer.toString()));
    }

    @Test
    void openDealsFollowTheirAccountToTheDepartedOwnersSuccessor() {
        UUID successor = UUID.randomUUID();
        UUID departure = UUID.randomUUID();
        UUID customer = DirectoryEvents.customer(rep);
        DirectoryEvents.awaitRow(pool, "known_customer", customer, 1);
        String open1 = openFor(customer);
        String open2 = openFor(customer);
        String lost = openFor(customer);
        as(rep, "rep").body(Map.of("reason", "NO_BUDGET")).post("/deals/" + lost + "/lose").then().statusCode(200);
        String otherAccount = open(rep, "5", "EUR", "2027-01-01");

        String ownerChanged = """
                {"customerId":"%s","from":"%s","to":"%s","reason":"OWNER_DEPARTED","departureId":"%s"}
                """.formatted(customer, rep, successor, departure);
        publish(topic(CUSTOMER_EVENTS), customer, 2, "customer.owner-changed", ownerChanged);
        publish(topic(CUSTOMER_EVENTS), customer, 2, "customer.owner-changed", ownerChanged); // redelivered
        DirectoryEvents.awaitRow(pool, "known_customer", customer, 2);

        for (String deal : List.of(open1, open2)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(successor, "rep").get("/deals/" + deal)
                    .then().statusCode(200).body("ownerId", equalTo(successor.toString())));
            as(successor, "rep").get("/deals/" + deal + "/events").then()
                    .body("findAll { it.type == 'deal.owner-reassigned' }", hasSize(1))
                    .body("find { it.type == 'deal.owner-reassigned' }.payload.reason", equalTo("OWNER_DEPARTED"))
                    .body("find { it.type == 'deal.owner-reassigned' }.payload.departureId", equalTo(departure.toString()))
                    .body("find { it.type == 'deal.owner-reassigned' }.payload.from", equalTo(rep.toString()));
        }
        as(rep, "rep").get("/deals/" + lost).then().statusCode(200).body("ownerId", equalTo(rep.toString()));
        as(rep, "rep").get("/deals/" + otherAccount).then().statusCode(200).body("ownerId", equalTo(rep.toString()));
    }

    @Test
    void aManagersPerDealDecisionInTheHandoverWinsOverFollowingTheAccount() {
        UUID specialist = UUID.randomUUID();
        UUID successor = UUID.randomUUID();
        UUID departure = UUID.randomUUID();
        UUID leaver = UUID.randomUUID();
        DirectoryEvents.team(pool, UUID.randomUUID(), leaver, specialist, successor);
        UUID customer = DirectoryEvents.customer(leaver);
        DirectoryEvents.awaitRow(pool, "known_customer", customer, 1);
        String decided = openAs(leaver, customer);
        String following = openAs(leaver, customer);
        departed(leaver, departure);

        // The manager gives one deal to the specialist in the handover: deal-service moves it, naming the departure.
        handoverItemAssigned(departure, 2, decided, specialist);
        awaitOwner(decided, specialist);
        // Then the account goes to the successor: the other deal follows it, the decided one stays where it is.
        publish(topic(CUSTOMER_EVENTS), customer, 2, "customer.owner-changed", """
                {"customerId":"%s","from":"%s","to":"%s","reason":"OWNER_DEPARTED","departureId":"%s"}
                """.formatted(customer, leaver, successor, departure));
        awaitOwner(following, successor);
        as(specialist, "rep").get("/deals/" + decided).then().statusCode(200).body("ownerId", equalTo(specialist.toString()));
        as(specialist, "rep").get("/deals/" + decided + "/events").then()
                .body("findAll { it.type == 'deal.owner-reassigned' }", hasSize(1))
                .body("find { it.type == 'deal.owner-reassigned' }.payload.reason", equalTo("OWNER_DEPARTED"))
                .body("find { it.type == 'deal.owner-reassigned' }.payload.departureId", equalTo(departure.toString()));
        // customer-service assigns the item again after the move (it reads deal-events): nothing changes.
        handoverItemAssigned(departure, 3, following, successor);
        handoverItemAssigned(departure, 2, decided, specialist);
        // A later event of the same handover stream (same key, same partition) marks that both were consumed.
        UUID marker = UUID.randomUUID();
        handoverItemAssigned(departure, 4, marker.toString(), specialist);
        awaitDecision(marker);
        as(specialist, "rep").get("/deals/" + decided + "/events").then()
                .body("findAll { it.type == 'deal.owner-reassigned' }", hasSize(1));
    }

    @Test
    void aDecisionThatArrivesBeforeTheDepartureIsCarriedOutWhenTheDepartureArrives() {
        UUID specialist = UUID.randomUUID();
        UUID departure = UUID.randomUUID();
        UUID leaver = UUID.randomUUID();
        DirectoryEvents.team(pool, UUID.randomUUID(), leaver, specialist);
        UUID customer = DirectoryEvents.customer(leaver);
        DirectoryEvents.awaitRow(pool, "known_customer", customer, 1);
        String deal = openAs(leaver, customer);
        handoverItemAssigned(departure, 2, deal, specialist);
        awaitDecision(UUID.fromString(deal));
        as(leaver, "rep").get("/deals/" + deal).then().statusCode(200).body("ownerId", equalTo(leaver.toString()));
        departed(leaver, departure);
        awaitOwner(deal, specialist);
    }

    private void departed(UUID leaver, UUID departure) {
        publish(topic(STAFF_EVENTS), leaver, 2, "staff.departed", """
                {"staffId":"%s","departureId":"%s","effectiveDate":"2026-11-30","reason":"resigned","successorId":null}
                """.formatted(leaver, departure));
        DirectoryEvents.awaitRow(pool, "known_staff", leaver, 2);
    }

    private static void handoverItemAssigned(UUID departure, long version, String deal, UUID newOwner) {
        publish(topic(STAFF_EVENTS), departure, version, "handover.item-assigned", """
                {"itemType":"DEAL","itemId":"%s","newOwnerId":"%s","assignedAt":"2026-11-30T10:00:00Z","lagDays":0}
                """.formatted(deal, newOwner));
    }

    private void awaitDecision(UUID deal) {
        await().atMost(Duration.ofSeconds(30)).until(() -> pool
                .preparedQuery("SELECT 1 FROM handover_decision WHERE deal_id = $1")
                .executeAndAwait(Tuple.of(deal)).size() == 1);
    }

    private static void awaitOwner(String deal, UUID owner) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(owner, "rep").get("/deals/" + deal)
                .then().statusCode(200).body("ownerId", equalTo(owner.toString())));
    }

    private static String openAs(UUID owner, UUID customer) {
        return as(owner, "rep").body(Map.of("customerId", customer.toString(), "title", "Line", "amount", "1000",
                "currency", "EUR", "expectedCloseDate", "2027-01-01")).post("/deals").then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void aDepartedPersonsTokenIsRefused() {
        UUID leaver = UUID.randomUUID();
        UUID team = DirectoryEvents.team(pool, UUID.randomUUID(), leaver);
        as(leaver, "rep").get("/deals").then().statusCode(200);
        publish(topic(STAFF_EVENTS), leaver, 2, "staff.departed", """
                {"staffId":"%s","departureId":"%s","effectiveDate":"2026-11-30","reason":"resigned","successorId":null}
                """.formatted(leaver, UUID.randomUUID()));
        DirectoryEvents.awaitRow(pool, "known_staff", leaver, 2);
        as(leaver, "rep").get("/deals").then().statusCode(401).body("code", equalTo("staff-departed"));
        as(leaver, "manager").get("/process").then().statusCode(401);
        org.assertj.core.api.Assertions.assertThat(team).isNotNull();
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        UUID poisoned = UUID.randomUUID();
        publish(topic(CUSTOMER_EVENTS), poisoned, 1, "customer.registered", "this is not JSON");
        UUID fine = DirectoryEvents.customer(rep);
        DirectoryEvents.awaitRow(pool, "known_customer", fine, 1);
        org.assertj.core.api.Assertions.assertThat(pool.preparedQuery("SELECT 1 FROM known_customer WHERE id = $1")
                .executeAndAwait(Tuple.of(poisoned)).size()).isZero();
        try (var dlq = new DeadLetters(deadLetters(CUSTOMER_EVENTS))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> dlq.keys().contains(poisoned.toString()));
        }
    }

    private String openFor(UUID customer) {
        return as(rep, "rep").body(Map.of("customerId", customer.toString(), "title", "Line", "amount", "1000",
                "currency", "EUR", "expectedCloseDate", "2027-01-01")).post("/deals").then().statusCode(201)
                .extract().path("id");
    }
}
