package io.dealstream.deal.rest;

import static io.dealstream.deal.DealTestSupport.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import io.dealstream.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input is a clear 4xx problem+json and changes nothing; never a 5xx. */
@QuarkusTest
class BadInputTest {

    final UUID rep = UUID.randomUUID();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON          | {\"title\": \"x\",                                                                  | 400",
            "amount of wrong type    | {\"customerId\":\"%s\",\"title\":\"t\",\"amount\":{\"v\":1},\"currency\":\"EUR\",\"expectedCloseDate\":\"2027-01-01\"} | 400",
            "negative amount         | {\"customerId\":\"%s\",\"title\":\"t\",\"amount\":\"-5\",\"currency\":\"EUR\",\"expectedCloseDate\":\"2027-01-01\"} | 400",
            "non-numeric amount      | {\"customerId\":\"%s\",\"title\":\"t\",\"amount\":\"lots\",\"currency\":\"EUR\",\"expectedCloseDate\":\"2027-01-01\"} | 400",
            "unknown currency        | {\"customerId\":\"%s\",\"title\":\"t\",\"amount\":\"5\",\"currency\":\"ZZZ\",\"expectedCloseDate\":\"2027-01-01\"} | 400",
            "lower-case currency     | {\"customerId\":\"%s\",\"title\":\"t\",\"amount\":\"5\",\"currency\":\"eur\",\"expectedCloseDate\":\"2027-01-01\"} | 400",
            "malformed customer id   | {\"customerId\":\"nope\",\"title\":\"t\",\"amount\":\"5\",\"currency\":\"EUR\",\"expectedCloseDate\":\"2027-01-01\"} | 400",
            "bad date                | {\"customerId\":\"%s\",\"title\":\"t\",\"amount\":\"5\",\"currency\":\"EUR\",\"expectedCloseDate\":\"31/12/2027\"} | 400",
            "missing title           | {\"customerId\":\"%s\",\"amount\":\"5\",\"currency\":\"EUR\",\"expectedCloseDate\":\"2027-01-01\"} | 400",
            "JSON array body         | [1,2,3]                                                                             | 400",
            "empty body              | ''                                                                                  | 400"})
    void openRefusesBadBodies(String name, String body, int status) {
        as(rep, "rep").body(body.formatted(UUID.randomUUID())).post("/deals").then()
                .statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("title", notNullValue());
        as(rep, "rep").get("/deals").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void unknownStageAndWrongTypesOnCommands() {
        String id = open(rep, "1", "EUR", "2027-01-01");
        as(rep, "rep").body(Map.of("to", 9)).post("/deals/" + id + "/stage").then().statusCode(400)
                .body("errors.field", hasItem("to"));
        as(rep, "rep").body("{\"to\":\"three\"}").post("/deals/" + id + "/stage").then().statusCode(400)
                .contentType("application/problem+json");
        as(rep, "rep").body(Map.of("stage", 0)).put("/deals/" + id + "/buyer-stage").then().statusCode(400);
        as(rep, "rep").post("/deals/" + id + "/milestones/no-such-milestone").then().statusCode(400);
        as(rep, "rep").body(Map.of("staffId", "x")).put("/deals/" + id + "/roles/PRESALES_ENGINEER").then().statusCode(400);
        as(rep, "rep").body(Map.of("staffId", UUID.randomUUID().toString())).put("/deals/" + id + "/roles/JANITOR")
                .then().statusCode(400);
        as(rep, "rep").header("If-Match", "garbage").post("/deals/" + id + "/milestones/first-meeting-booked")
                .then().statusCode(400);
        as(rep, "rep").get("/deals/" + id).then().header("ETag", "\"1\"");
    }

    @Test
    void unknownAndMalformedIdsAre404() {
        as(rep, "rep").get("/deals/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        as(rep, "rep").get("/deals/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        as(rep, "rep").post("/deals/" + UUID.randomUUID() + "/reopen").then().statusCode(404);
    }

    @Test
    void badQueryParametersAre400() {
        as(rep, "rep").get("/deals?stage=abc").then().statusCode(400).body("errors.field", hasItem("stage"));
        as(rep, "rep").get("/deals?limit=0").then().statusCode(400);
        as(rep, "rep").get("/deals?limit=501").then().statusCode(400);
        as(rep, "rep").get("/deals?cursor=%%%").then().statusCode(400);
        as(rep, "rep").get("/deals?status=MAYBE").then().statusCode(400);
        as(rep, "rep").get("/deals/" + UUID.randomUUID() + "?asOf=yesterday").then().statusCode(400);
    }

    @Test
    void oversizeBodyIs413() {
        String huge = "{\"title\":\"" + "x".repeat(300 * 1024) + "\"}";
        as(rep, "rep").body(huge).post("/deals").then().statusCode(413);
    }

    @Test
    void wrongMediaTypeIs415() {
        as(rep, "rep").contentType(ContentType.TEXT).body("hello").post("/deals").then().statusCode(415);
    }

    @Test
    void missingForgedOrExpiredTokensAre401() {
        given().get("/deals").then().statusCode(401);
        given().header("Authorization", "Bearer not.a.jwt").get("/deals").then().statusCode(401);
        given().header("Authorization", "Bearer " + TestTokens.forged(rep.toString(), "admin"))
                .get("/deals").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("to", 2)).post("/deals/" + UUID.randomUUID() + "/stage")
                .then().statusCode(401);
    }
}
