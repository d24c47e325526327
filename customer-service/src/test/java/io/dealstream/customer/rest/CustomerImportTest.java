package io.dealstream.customer.rest;

import static io.dealstream.customer.CustomerTestSupport.ADMIN;
import static io.dealstream.customer.CustomerTestSupport.as;
import static io.dealstream.customer.CustomerTestSupport.staff;
import static io.dealstream.customer.CustomerTestSupport.team;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * POST /import/customers: a customer's past, command by command with its original dates, through the same rules;
 * all or nothing; admin only.
 */
@QuarkusTest
class CustomerImportTest {

    @Inject
    Pool pool;

    @Test
    void importKeepsTheOriginalDatesAndHistoryAnswersThePast() {
        UUID manager = staff("Ilse Importmanager", null);
        UUID team = team(manager);
        UUID first = staff("Ingo Firstowner", team);
        UUID second = staff("Iris Secondowner", team);
        UUID customerId = UUID.randomUUID();
        UUID contactId = UUID.randomUUID();
        String body = """
                {"customerId":"%1$s","commands":[
                  {"command":"register","occurredAt":"2019-02-01T09:00:00Z","actor":"%2$s","name":"Old Mill Ltd",
                   "industry":"Paper","region":"North","ownerId":"%2$s","tags":["legacy"]},
                  {"command":"details","occurredAt":"2019-03-01T09:00:00Z","sizeNotes":"200 staff","phone":"+49 1"},
                  {"command":"contact","occurredAt":"2019-04-01T09:00:00Z","contactId":"%4$s","name":"Karl Kontakt",
                   "title":"COO","email":"karl@oldmill.test","buyingRole":"DECISION_MAKER","profile":{"hobby":"sailing"}},
                  {"command":"team-member-added","occurredAt":"2019-05-01T09:00:00Z","staffId":"%3$s",
                   "role":"presales engineer"},
                  {"command":"activity","occurredAt":"2019-06-01T09:00:00Z","actor":"%2$s","type":"VISIT",
                   "summary":"Toured the plant","nextStep":"Send offer","participantIds":["%2$s"]},
                  {"command":"status","occurredAt":"2020-01-15T09:00:00Z","status":"ACTIVE","reason":"first order"},
                  {"command":"owner","occurredAt":"2021-07-01T09:00:00Z","staffId":"%3$s","reason":"territory change"},
                  {"command":"team-member-added","occurredAt":"2021-07-02T09:00:00Z","staffId":"%2$s","role":"advisor"},
                  {"command":"team-member-removed","occurredAt":"2022-01-10T09:00:00Z","staffId":"%2$s"}
                ]}""".formatted(customerId, first, second, contactId);

        as(ADMIN, "admin").body(body).post("/import/customers").then().statusCode(201)
                .header("Location", endsWith("/customers/" + customerId))
                .header("ETag", notNullValue())
                .body("id", equalTo(customerId.toString()))
                .body("ownerId", equalTo(second.toString()))
                .body("status", equalTo("ACTIVE"))
                .body("registeredAt", equalTo("2019-02-01T09:00:00Z"))
                .body("ownership", hasSize(2))
                .body("ownership[0].staffId", equalTo(first.toString()))
                .body("ownership[0].from", equalTo("2019-02-01T09:00:00Z"))
                .body("ownership[0].to", equalTo("2021-07-01T09:00:00Z"))
                .body("ownership[1].reason", equalTo("territory change"))
                .body("accountTeam", anEmptyMap());

        // every event keeps its original date and actor
        as(ADMIN, "admin").get("/customers/" + customerId + "/history").then().statusCode(200)
                .body("events", hasSize(10))
                .body("events[0].occurredAt", equalTo("2019-02-01T09:00:00Z"))
                .body("events[0].actor", equalTo(first.toString()))
                .body("events[1].actor", equalTo(ADMIN.toString()))
                .body("events[2].occurredAt", equalTo("2019-04-01T09:00:00Z"))
                .body("events[2].payload.personal", nullValue())
                .body("events.occurredAt", hasItem("2022-01-10T09:00:00Z"));

        // the state as of a past instant
        as(ADMIN, "admin").get("/customers/" + customerId + "/history?asOf=2019-12-31T00:00:00Z").then().statusCode(200)
                .body("state.ownerId", equalTo(first.toString()))
                .body("state.status", equalTo("PROSPECT"))
                .body("state.sizeNotes", equalTo("200 staff"))
                .body("state.accountTeam.'" + second + "'", equalTo("PRESALES_ENGINEER"))
                .body("state.activityCount", equalTo(1))
                .body("state.lastActivityAt", equalTo("2019-06-01T09:00:00Z"))
                .body("events", hasSize(5));
        as(ADMIN, "admin").get("/customers/" + customerId + "/history?asOf=2021-12-31T00:00:00Z").then().statusCode(200)
                .body("state.ownerId", equalTo(second.toString()))
                .body("state.status", equalTo("ACTIVE"))
                .body("state.accountTeam.'" + first + "'", equalTo("advisor"));
        as(ADMIN, "admin").get("/customers/" + customerId + "/history?asOf=2019-01-01T00:00:00Z").then().statusCode(404);

        // personal data sealed, readable on a single read; the activity with its own date
        as(manager, "manager").get("/customers/" + customerId).then().statusCode(200)
                .body("contacts[0].contactId", equalTo(contactId.toString()))
                .body("contacts[0].details.name", equalTo("Karl Kontakt"))
                .body("contacts[0].details.profile.hobby", equalTo("sailing"));
        String storedPayloads = pool.preparedQuery("SELECT string_agg(payload::text, ' ') FROM events WHERE stream_id = $1")
                .executeAndAwait(Tuple.of(customerId)).iterator().next().getString(0);
        Assertions.assertFalse(storedPayloads.contains("Karl Kontakt"), "the contact's name is stored encrypted");
        as(second, "rep").get("/customers/" + customerId + "/activities").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].activityDate", equalTo("2019-06-01T09:00:00Z"))
                .body("[0].summary", equalTo("Toured the plant"));
        as(ADMIN, "admin").get("/audit/verify").then().statusCode(200).body("ok", equalTo(true));

        // the same customer cannot be imported twice
        as(ADMIN, "admin").body(body).post("/import/customers").then().statusCode(409)
                .body("detail", startsWith("commands[0]:"));
    }

    @Test
    void aRuleBrokenAnywhereRefusesTheWholeImportAndStoresNothing() {
        UUID owner = staff("Petra Pastowner", null);
        UUID customerId = UUID.randomUUID();
        UUID contactId = UUID.randomUUID();
        // the fourth command hands the account to the owner it already has
        as(ADMIN, "admin").body("""
                        {"customerId":"%1$s","commands":[
                          {"command":"register","occurredAt":"2018-01-01T00:00:00Z","name":"Doomed AG","ownerId":"%2$s"},
                          {"command":"contact","occurredAt":"2018-02-01T00:00:00Z","contactId":"%3$s","name":"Dora",
                           "buyingRole":"USER"},
                          {"command":"activity","occurredAt":"2018-03-01T00:00:00Z","type":"CALL","summary":"Hello"},
                          {"command":"owner","occurredAt":"2018-04-01T00:00:00Z","staffId":"%2$s","reason":"again"}
                        ]}""".formatted(customerId, owner, contactId))
                .post("/import/customers").then().statusCode(409)
                .body("code", equalTo("same-owner"))
                .body("detail", startsWith("commands[3]:"));
        assertNothingStored(customerId, contactId);

        // an input rule of the domain, named with its index
        as(ADMIN, "admin").body("""
                        {"customerId":"%1$s","commands":[
                          {"command":"register","occurredAt":"2018-01-01T00:00:00Z","name":"Doomed AG","ownerId":"%2$s"},
                          {"command":"activity","occurredAt":"2018-03-01T00:00:00Z","type":"CALL","summary":" "}
                        ]}""".formatted(customerId, owner))
                .post("/import/customers").then().statusCode(400)
                .body("detail", startsWith("commands[1]:"));
        assertNothingStored(customerId, contactId);

        // owners named must be known staff
        as(ADMIN, "admin").body("""
                        {"customerId":"%1$s","commands":[
                          {"command":"register","occurredAt":"2018-01-01T00:00:00Z","name":"Doomed AG","ownerId":"%2$s"},
                          {"command":"owner","occurredAt":"2018-04-01T00:00:00Z","staffId":"%3$s","reason":"new rep"}
                        ]}""".formatted(customerId, owner, UUID.randomUUID()))
                .post("/import/customers").then().statusCode(400)
                .body("detail", startsWith("commands[1]:"))
                .body("detail", containsString("unknown staff member"));
        assertNothingStored(customerId, contactId);

        // time order is kept; nothing lies in the future
        as(ADMIN, "admin").body("""
                        {"customerId":"%1$s","commands":[
                          {"command":"register","occurredAt":"2018-05-01T00:00:00Z","name":"Doomed AG","ownerId":"%2$s"},
                          {"command":"status","occurredAt":"2018-04-01T00:00:00Z","status":"ACTIVE"}
                        ]}""".formatted(customerId, owner))
                .post("/import/customers").then().statusCode(400)
                .body("detail", startsWith("commands[1]:"));
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(2) + "T00:00:00Z";
        as(ADMIN, "admin").body("""
                        {"customerId":"%1$s","commands":[
                          {"command":"register","occurredAt":"%3$s","name":"Doomed AG","ownerId":"%2$s"}
                        ]}""".formatted(customerId, owner, tomorrow))
                .post("/import/customers").then().statusCode(400)
                .body("detail", startsWith("commands[0]:"));
        // an import starts by registering the customer; unknown commands are named
        as(ADMIN, "admin").body("""
                        {"customerId":"%1$s","commands":[
                          {"command":"status","occurredAt":"2018-04-01T00:00:00Z","status":"ACTIVE"}
                        ]}""".formatted(customerId))
                .post("/import/customers").then().statusCode(400)
                .body("detail", startsWith("commands[0]:"));
        as(ADMIN, "admin").body("""
                        {"customerId":"%1$s","commands":[
                          {"command":"register","occurredAt":"2018-01-01T00:00:00Z","name":"Doomed AG","ownerId":"%2$s"},
                          {"command":"teleport","occurredAt":"2018-04-01T00:00:00Z"}
                        ]}""".formatted(customerId, owner))
                .post("/import/customers").then().statusCode(400)
                .body("detail", startsWith("commands[1]:"));
        assertNothingStored(customerId, contactId);
    }

    @Test
    void aDepartedPersonIsGivenNothingAfterTheirDeparture() {
        UUID leaver = staff("Dieter Departed", null);
        UUID stayer = staff("Stefan Stayer", null);
        String departed = LocalDate.now(ZoneOffset.UTC).minusDays(10).toString();
        as(ADMIN, "admin").body(Map.of("effectiveDate", departed, "reason", "resigned"))
                .post("/staff/" + leaver + "/departure").then().statusCode(201);
        String before = LocalDate.now(ZoneOffset.UTC).minusDays(400) + "T09:00:00Z";
        String after = LocalDate.now(ZoneOffset.UTC).minusDays(5) + "T09:00:00Z";
        // while they were still there, they could hold the account
        as(ADMIN, "admin").body("""
                        {"commands":[
                          {"command":"register","occurredAt":"%s","name":"Then Held","ownerId":"%s"},
                          {"command":"owner","occurredAt":"%s","staffId":"%s","reason":"OWNER_LEFT"}
                        ]}""".formatted(before, leaver, after, stayer))
                .post("/import/customers").then().statusCode(201)
                .body("ownership[0].staffId", equalTo(leaver.toString()));
        // after their departure, not
        UUID customerId = UUID.randomUUID();
        as(ADMIN, "admin").body("""
                        {"customerId":"%s","commands":[
                          {"command":"register","occurredAt":"%s","name":"Never Held","ownerId":"%s"}
                        ]}""".formatted(customerId, after, leaver))
                .post("/import/customers").then().statusCode(400)
                .body("code", equalTo("staff-departed"))
                .body("detail", startsWith("commands[0]:"));
        as(ADMIN, "admin").get("/customers/" + customerId).then().statusCode(404);
    }

    @Test
    void onlyAnAdminImports() {
        UUID owner = staff("Olaf Onlyadmin", null);
        String body = """
                {"commands":[{"command":"register","occurredAt":"2018-01-01T00:00:00Z","name":"Nope","ownerId":"%s"}]}"""
                .formatted(owner);
        for (String role : List.of("rep", "manager", "executive", "auditor", "bi")) {
            as(owner, role).body(body).post("/import/customers").then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body(body).post("/import/customers").then().statusCode(401);
    }

    private void assertNothingStored(UUID customerId, UUID contactId) {
        as(ADMIN, "admin").get("/customers/" + customerId).then().statusCode(404);
        long events = pool.preparedQuery("SELECT count(*) FROM events WHERE stream_id = $1")
                .executeAndAwait(Tuple.of(customerId)).iterator().next().getLong(0);
        long keys = pool.preparedQuery("SELECT count(*) FROM personal_data_key WHERE subject_id = $1")
                .executeAndAwait(Tuple.of(contactId)).iterator().next().getLong(0);
        long views = pool.preparedQuery("SELECT count(*) FROM customer_view WHERE id = $1")
                .executeAndAwait(Tuple.of(customerId)).iterator().next().getLong(0);
        Assertions.assertEquals(0, events, "no event stored");
        Assertions.assertEquals(0, keys, "no personal-data key kept");
        Assertions.assertEquals(0, views, "no view row");
    }
}
