package io.dealstream.customer;

import static io.restassured.RestAssured.given;

import io.dealstream.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** REST and Kafka helpers for customer-service tests. */
public final class CustomerTestSupport {

    public static final UUID ADMIN = UUID.fromString("00000000-0000-4000-8000-0000000000ad");
    private static final KafkaProducer<String, String> PRODUCER = new KafkaProducer<>(producerConfig(),
            new StringSerializer(), new StringSerializer());

    private CustomerTestSupport() {
    }

    private static Properties producerConfig() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
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

    /** Publishes a deal event as deal-service's outbox relay would. */
    public static void dealEvent(UUID dealId, long version, String type, String payload) {
        ProducerRecord<String, String> r = new ProducerRecord<>("deal-events", dealId.toString(), payload);
        Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                "ce_source", "/deal-service", "ce_type", "io.dealstream." + type + ".v1", "ce_subject", dealId.toString(),
                "ce_time", Instant.now().toString(), "ce_streamversion", Long.toString(version),
                "ce_actor", ADMIN.toString(), "content-type", "application/json");
        headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            PRODUCER.send(r).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
