package io.dealstream.customer.rest;

import static io.dealstream.customer.CustomerTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Contact details are stored encrypted per contact; erasure destroys the key and leaves the audit green. */
@QuarkusTest
class PersonalDataTest {

    @Inject
    Pool pool;

    @Test
    void contactDataIsEncryptedAndErasable() {
        UUID rep = staff("Rita Rep", null);
        UUID customer = customer(rep, "Delta Forge");
        String contactId = as(rep, "rep").body(Map.of("name", "Anna Keller", "title", "Plant director",
                        "email", "anna.keller@delta.example", "phone", "+49 30 1234", "buyingRole", "DECISION_MAKER",
                        "profile", Map.of("preferences", "prefers morning calls")))
                .post("/customers/" + customer + "/contacts").then().statusCode(201)
                .body("contacts[0].details.email", equalTo("anna.keller@delta.example"))
                .extract().path("contacts[0].contactId");
        // Never in plain text in the event store.
        assertThat(count("SELECT count(*) FROM events WHERE payload::text LIKE '%anna.keller%'")).isZero();
        assertThat(count("SELECT count(*) FROM events WHERE payload::text LIKE '%morning calls%'")).isZero();

        as(rep, "rep").body(Map.of("phone", "+49 30 9999")).patch("/customers/" + customer + "/contacts/" + contactId)
                .then().statusCode(200).body("contacts[0].details.phone", equalTo("+49 30 9999"))
                .body("contacts[0].details.name", equalTo("Anna Keller"));

        as(rep, "rep").delete("/customers/" + customer + "/contacts/" + contactId + "/personal-data").then().statusCode(403);
        as(UUID.randomUUID(), "admin").delete("/customers/" + customer + "/contacts/" + contactId + "/personal-data")
                .then().statusCode(200).body("contacts[0].erased", equalTo(true))
                .body("contacts[0].details", nullValue()).body("contacts[0].buyingRole", equalTo("DECISION_MAKER"));
        assertThat(count("SELECT count(*) FROM personal_data_key WHERE subject_id = '" + contactId + "'")).isZero();
        as(rep, "rep").get("/customers/" + customer).then().body("contacts[0].erased", equalTo(true))
                .body("contacts[0].details", nullValue());
        as(UUID.randomUUID(), "auditor").get("/audit/verify").then().statusCode(200).body("ok", equalTo(true));
        as(rep, "rep").body(Map.of("phone", "+1")).patch("/customers/" + customer + "/contacts/" + contactId)
                .then().statusCode(409);
    }

    private long count(String sql) {
        return pool.query(sql).executeAndAwait().iterator().next().getLong(0);
    }

}
