package io.dealstream.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import io.dealstream.support.security.Roles;
import io.dealstream.testing.TestTokens;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.Document;

/** What the scenario tests do through REST and what they wait for in the state. */
public final class Api {

    public static final UUID ADMIN = UUID.randomUUID();

    private Api() {
    }

    public static RequestSpecification as(UUID staff, String... roles) {
        return given().header("Authorization", "Bearer " + TestTokens.token(staff, roles));
    }

    /** {@code POST /admin/rules/run?at=}: the notifications it created. */
    public static int run(Instant at) {
        return as(ADMIN, Roles.ADMIN).queryParam("at", at.toString()).post("/admin/rules/run")
                .then().statusCode(200).extract().path("created");
    }

    /** The recipient's whole inbox (as the recipient). */
    public static List<Map<String, Object>> inbox(UUID recipient) {
        JsonPath page = as(recipient, Roles.REP).queryParam("limit", 500).get("/notifications")
                .then().statusCode(200).extract().jsonPath();
        return page.getList("items");
    }

    /** "rule subjectId" of each notification in the recipient's inbox, except weekly reviews (every manager's, weekly). */
    public static List<String> summary(UUID recipient) {
        return inbox(recipient).stream().filter(n -> !"weekly-review".equals(n.get("rule")))
                .map(n -> n.get("rule") + " " + n.get("subjectId")).sorted().collect(Collectors.toList());
    }

    public static String line(String rule, UUID subject) {
        return rule + " " + subject;
    }

    /** Waits until the consumer has applied a stream up to a version. */
    public static void awaitState(MongoClient mongo, String collection, UUID stream, long version) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Document d = mongo.getDatabase(TestEnvironment.database()).getCollection(collection)
                    .find(new Document("_id", stream.toString())).first();
            return d != null && d.get("version") != null && ((Number) d.get("version")).longValue() >= version;
        });
    }

    /** Waits until the consumer has committed everything published so far (e.g. a redelivery). */
    public static void awaitConsumed() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(TestEnvironment::consumedAll);
    }
}
