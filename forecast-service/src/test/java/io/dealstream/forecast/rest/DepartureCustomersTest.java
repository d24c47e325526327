package io.dealstream.forecast.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dealstream.forecast.Feed;
import io.dealstream.forecast.TestClock;
import io.dealstream.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A departure reads only the customers of its deals, not the whole company; this checks that a deal on an account
 * the departed rep never owned keeps its activities. Judged at 2037-05-01T00:00Z.
 *
 * <pre>
 * team T (manager M): X, Y; Z owns cz and is in no team
 * kx (X), cz (Z); X's open deals dx (kx) and dz (cz), opened 2037-02-01
 * X departs (effective 2037-03-01), successor Y; the handover leaves account kx and deals dx, dz
 * dx → Y and dz → Y on 2037-03-02
 * Y logs an activity on dx at kx on 03-05 (3 days after the handover) and on dz at cz on 03-09 (7 days)
 *   → average days to the next activity (3 + 7) / 2 = 5.0, none without activity yet
 * </pre>
 * Were cz (neither a handed-over account nor owned by X or Y) not read, dz would count as without activity and the
 * average would be 3.0.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DepartureCustomersTest {

    @Inject
    TestClock clock;

    final UUID manager = UUID.randomUUID();
    final UUID x = UUID.randomUUID();
    final UUID y = UUID.randomUUID();
    final UUID z = UUID.randomUUID();
    final UUID departure = UUID.randomUUID();
    UUID dx;
    UUID dz;

    @BeforeAll
    void scenario() {
        Feed feed = new Feed();
        UUID team = feed.team("2037-01-01T00:00:00Z", manager);
        feed.joined(x, team, "2037-01-01T00:00:00Z");
        feed.joined(y, team, "2037-01-01T00:00:00Z");
        UUID kx = feed.customer(x, "North", "ACTIVE", "2037-01-02T00:00:00Z");
        UUID cz = feed.customer(z, "North", "ACTIVE", "2037-01-02T00:00:00Z");
        dx = feed.deal(kx, x, "10000.00", "EUR", "2037-12-31", "2037-02-01T00:00:00Z");
        dz = feed.deal(cz, x, "20000.00", "EUR", "2037-12-31", "2037-02-01T00:00:00Z");
        feed.departed(x, "2037-03-01", departure, y, "2037-02-25T09:00:00Z");
        Map<UUID, UUID> deals = new LinkedHashMap<>();
        deals.put(dx, kx);
        deals.put(dz, cz);
        feed.handoverOpened(departure, x, "2037-03-01", y, List.of(kx), deals, "2037-02-25T10:00:00Z");
        feed.handoverAssigned(departure, "ACCOUNT", kx, y, 1, "2037-03-02T00:00:00Z");
        feed.accountOwner(kx, x, y, departure, "2037-03-02T00:00:00Z");
        for (UUID deal : List.of(dx, dz)) {
            feed.handoverAssigned(departure, "DEAL", deal, y, 1, "2037-03-02T00:00:00Z");
            feed.owner(deal, x, y, departure, "2037-03-02T00:00:00Z");
        }
        feed.activity(kx, y, dx, "2037-03-05T00:00:00Z");
        feed.activity(cz, y, dz, "2037-03-09T00:00:00Z");
        feed.awaitApplied();
    }

    @BeforeEach
    void now() {
        clock.set("2037-05-01T00:00:00Z");
    }

    private JsonPath get(String path) {
        return given().auth().oauth2(TestTokens.token(manager, "manager")).when().get(path).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void aDepartureSeesTheActivitiesOnItsDealsWhoeverOwnsTheirAccounts() {
        JsonPath d = get("/turnover/departures/" + x);
        assertThat(d.getInt("afterHandover.handedOverDeals")).isEqualTo(2);
        assertThat(d.getFloat("afterHandover.averageDaysToNextActivity")).isEqualTo(5.0f);
        assertThat(d.getInt("afterHandover.withoutActivityYet")).isZero();
        List<Map<String, Object>> deals = d.getList("items.findAll { it.itemType == 'DEAL' }");
        assertThat(deals).extracting(i -> i.get("itemId"), i -> i.get("daysToNextActivity"))
                .containsExactly(tuple(dx.toString(), 3), tuple(dz.toString(), 7));
    }

    @Test
    void theListOfDeparturesToo() {
        JsonPath list = get("/turnover/departures");
        assertThat(list.getList("items.departureId")).containsExactly(departure.toString());
        assertThat(list.getFloat("items[0].afterHandover.averageDaysToNextActivity")).isEqualTo(5.0f);
        assertThat(list.getInt("items[0].afterHandover.withoutActivityYet")).isZero();
    }
}
