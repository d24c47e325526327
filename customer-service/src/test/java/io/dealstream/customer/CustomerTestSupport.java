package io.dealstream.customer;

import static io.restassured.RestAssured.given;

import io.dealstream.customer.consumer.DealEventsConsumer;
import io.dealstream.testing.TestTokens;
import io.dealstream.testing.TestTopics;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** REST and Kafka helpers for customer-service tests. */
public final class CustomerTestSupport {

    public static final UUID ADMIN = UUID.fromString("00000000-0000-4000-8000-0000000000ad");

    private CustomerTestSupport() {
    }

    public static RequestSpecification as(UUID staffId, String... roles) {
        return given().header("Authorization", TestTokens.bearer(staffId, roles)).contentType(ContentType.JSON);
    }

    /** Adds a staff member (as admin); returns the id. */
    public static UUID staff(String name, UUID teamId) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "email", name.toLowerCase().replace(' ', '.') + "@dealstream.test",
                "title", "Account manager", "capabilities", java.util.List.of("SALES_REP")));
        if (teamId != null) body.put("teamId", teamId.toString());
        return UUID.fromString(as(ADMIN, "admin").body(body).post("/staff").then().statusCode(201).extract().path("id"));
    }

    public static UUID team(UUID manager) {
        return UUID.fromString(as(ADMIN, "admin").body(Map.of("name", "Team " + manager.toString().substring(0, 4),
                "managerId", manager.toString(), "timeZone", "Europe/Berlin")).post("/teams").then().statusCode(201)
                .extract().path("id"));
    }

    public static UUID customer(UUID owner, String name) {
        return UUID.fromString(as(owner, "rep").body(Map.of("name", name, "industry", "Steel", "region", "North"))
                .post("/customers").then().statusCode(201).extract().path("id"));
    }

    /** Publishes a deal event as deal-service's outbox relay would, to this run's deal-events ({@link CustomerTopics}). */
    public static void dealEvent(UUID dealId, long version, String type, String payload) {
        TestTopics.send(CustomerTopics.topic(DealEventsConsumer.DEAL_EVENTS), dealId, TestTopics.cloudEvent("/deal-service", type, dealId, version), payload);
    }
}
