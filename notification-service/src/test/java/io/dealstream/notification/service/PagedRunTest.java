package io.dealstream.notification.service;

import static io.dealstream.notification.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.dealstream.notification.Api;
import io.dealstream.notification.MongoReads;
import io.dealstream.notification.TestEnvironment;
import io.dealstream.notification.config.NotificationConfig;
import io.dealstream.notification.rules.Due;
import io.dealstream.notification.rules.RuleNames;
import io.dealstream.notification.rules.Rules;
import io.dealstream.notification.rules.Thresholds;
import io.dealstream.notification.state.Collections;
import io.dealstream.notification.state.EverythingAtOnce;
import io.dealstream.notification.state.StateReader;
import io.dealstream.support.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A run reads the deals a page at a time and still amounts to evaluating all the facts at once. A few thousand deal
 * state documents (as the consumer writes them) with their customers, teams and a departure, the tests' tiny pages
 * (page-size 7): the run delivers exactly the notifications {@link Rules#evaluate} finds in everything read at once,
 * with the same content (weekly reviews gathered across hundreds of pages included), and no reply MongoDB sends it
 * during the run carries more than a page of deals or customers. (Era: 2040, after every other test's.)
 */
@QuarkusTest
class PagedRunTest {

    static final Instant AT = Instant.parse("2040-03-14T10:00:00Z"); // a Wednesday: the week's reviews are due
    static final int DEALS = 3000;
    static final int CUSTOMERS = 800;

    @Inject
    MongoClient mongo;

    @Inject
    StateReader state;

    @Inject
    NotificationConfig config;

    @Inject
    MongoReads reads;

    @Inject
    RuleRunner runner;

    @Inject
    ObjectMapper json;

    final Random random = new Random(2040);
    final Map<String, List<Document>> inserted = new LinkedHashMap<>();
    final List<String> created = new ArrayList<>();

    MongoDatabase db() {
        return mongo.getDatabase(TestEnvironment.database());
    }

    @AfterEach
    void removeWhatThisTestWrote() { // the other tests share the database: their runs need not read it all again
        inserted.forEach((collection, docs) -> db().getCollection(collection)
                .deleteMany(Filters.in("_id", docs.stream().map(d -> d.get("_id")).toList())));
        db().getCollection(Collections.NOTIFICATIONS).deleteMany(Filters.in("_id", created));
    }

    @Test
    void aRunInTinyPagesDeliversWhatEvaluatingEverythingAtOnceFinds() {
        int pageSize = config.rules().pageSize();
        assertThat(pageSize).as("the test profile's pages are tiny").isLessThan(DEALS / 100);
        company();

        List<Due> expected = new Rules(Thresholds.of(config)).evaluate(EverythingAtOnce.read(db(), state, AT), AT);
        Map<String, Due> expectedById = expected.stream()
                .collect(Collectors.toMap(d -> d.id().toString(), Function.identity()));
        assertThat(expectedById).as("ids are distinct").hasSize(expected.size());
        assertThat(expected.stream().map(Due::rule).collect(Collectors.toSet())).as("every rule has something due")
                .containsExactlyInAnyOrderElementsOf(RuleNames.ALL);
        Set<String> before = ids();

        reads.listen();
        JsonPath result = as(Api.ADMIN, Roles.ADMIN).queryParam("at", AT.toString()).post("/admin/rules/run")
                .then().statusCode(200).extract().jsonPath();
        List<MongoReads.Read> duringTheRun = reads.stop();

        created.addAll(ids());
        created.removeAll(before);
        assertThat(created).containsExactlyInAnyOrderElementsOf(expectedById.keySet());
        assertThat(result.getInt("due")).isEqualTo(expected.size());
        assertThat(result.getInt("created")).isEqualTo(expected.size());
        Map<String, Long> byRule = expected.stream().collect(Collectors.groupingBy(Due::rule, Collectors.counting()));
        RuleNames.ALL.forEach(rule -> assertThat(result.getLong("createdByRule.'" + rule + "'")).as(rule)
                .isEqualTo(byRule.getOrDefault(rule, 0L)));
        db().getCollection(Collections.NOTIFICATIONS).find(Filters.in("_id", created)).forEach(stored -> {
            Due due = expectedById.get(stored.getString("_id"));
            assertThat(stored.getString("title")).isEqualTo(due.title());
            assertThat(stored.getString("body")).isEqualTo(due.body());
            assertThat(stored.getDate("dueAt").toInstant()).isEqualTo(due.dueAt());
            assertThat(tree(stored.get("data", Document.class).toJson())).as(due.key()).isEqualTo(detail(due));
        });

        List<MongoReads.Read> pages = duringTheRun.stream()
                .filter(r -> r.collection().equals(Collections.DEALS) || r.collection().equals(Collections.CUSTOMERS))
                .toList();
        assertThat(pages).allSatisfy(r -> assertThat(r.documents()).as(r.toString()).isLessThanOrEqualTo(pageSize));
        long openDeals = inserted.get(Collections.DEALS).stream()
                .filter(d -> "OPEN".equals(d.get("status")) || d.getDate("closedAt").toInstant().isAfter(AT)).count();
        assertThat(pages.stream().filter(r -> r.collection().equals(Collections.DEALS)).count())
                .as("pages of deals").isGreaterThanOrEqualTo(openDeals / pageSize);

        JsonPath again = as(Api.ADMIN, Roles.ADMIN).queryParam("at", AT.toString()).post("/admin/rules/run")
                .then().statusCode(200).extract().jsonPath();
        assertThat(again.getInt("due")).as("due as before").isEqualTo(expected.size());
        assertThat(again.getInt("created")).as("never twice").isZero();
    }

    /**
     * An on-demand run does not wait for a scheduled run that is pausing between its pages (it used to, for the whole
     * paced run: ≈ 8 s on a large platform), and the two together deliver each notification once.
     */
    @Test
    void anOnDemandRunDoesNotWaitForAPacedRun() throws Exception {
        company();
        int expected = new Rules(Thresholds.of(config)).evaluate(EverythingAtOnce.read(db(), state, AT), AT).size();
        Set<String> before = ids();
        CountDownLatch pausing = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        Pace held = new Pace(0.5, System::nanoTime, nanos -> { // the scheduled run's first pause lasts until resumed
            pausing.countDown();
            resume.await();
        });
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<RuleRunner.Result> paced = background.submit(() -> runner.run(AT, held));
            assertThat(pausing.await(60, TimeUnit.SECONDS)).as("the paced run reached its first pause").isTrue();

            CompletableFuture<JsonPath> onDemand = CompletableFuture.supplyAsync(() -> as(Api.ADMIN, Roles.ADMIN)
                    .queryParam("at", AT.toString()).post("/admin/rules/run").then().statusCode(200).extract().jsonPath());
            JsonPath result = onDemand.get(60, TimeUnit.SECONDS); // a TimeoutException: it waited for the paced run
            assertThat(paced.isDone()).as("the paced run is still pausing").isFalse();
            assertThat(result.getInt("due")).isEqualTo(expected);

            resume.countDown();
            RuleRunner.Result later = paced.get(60, TimeUnit.SECONDS);
            assertThat(later.due()).isEqualTo(expected);
            assertThat(result.getInt("created") + later.created()).as("each notification once").isEqualTo(expected);
        } finally {
            resume.countDown();
            background.shutdownNow();
            created.addAll(ids());
            created.removeAll(before);
        }
        assertThat(created).hasSize(expected);
    }

    /** The ids of every notification in the inbox. */
    private Set<String> ids() {
        Set<String> ids = new HashSet<>();
        db().getCollection(Collections.NOTIFICATIONS).find().projection(new Document("_id", 1))
                .forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    private JsonNode detail(Due due) {
        try {
            return json.readTree(due.detail() == null ? "{}" : json.writeValueAsString(due.detail()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // --- a company, as the consumer's state documents ------------------------------------------------------------

    /**
     * Ten teams (managers, reps, role holders, one departed rep), customers of every status with follow-ups, deals
     * open, won since and lost before, in every stage, some with assigned roles, misaligned, stalled; a departure whose
     * handover is due and one long settled. Times spread over the weeks before {@link #AT}, some after it.
     */
    private void company() {
        List<UUID> reps = new ArrayList<>();
        UUID departed = null;
        Map<UUID, UUID> presales = new HashMap<>();
        Map<UUID, UUID> consultants = new HashMap<>();
        Map<UUID, UUID> teamOf = new HashMap<>();
        for (int t = 0; t < 10; t++) {
            UUID team = UUID.randomUUID();
            UUID manager = staff(team, false, "SALES_MANAGER");
            insert(Collections.TEAMS, new Document("_id", team.toString()).append("version", 2L)
                    .append("name", "Team " + t).append("managerId", manager.toString())
                    .append("timeZone", t == 9 ? "America/New_York" : t == 8 ? null : "Europe/Berlin")
                    .append("createdAt", date(Instant.parse("2040-01-02T08:00:00Z"))));
            for (int r = 0; r < 6; r++) {
                UUID rep = staff(team, false, "SALES_REP");
                reps.add(rep);
                teamOf.put(rep, team);
            }
            presales.put(team, staff(team, false, "PRESALES_ENGINEER"));
            staff(team, false, "PRESALES_ENGINEER"); // a pool of two for an unassigned role
            consultants.put(team, staff(team, false, "CONSULTANT", "EXECUTIVE"));
            if (t == 0) {
                departed = staff(team, true, "SALES_REP");
                reps.add(departed);
                teamOf.put(departed, team);
            }
        }
        List<Document> customers = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            String status = List.of("ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "PROSPECT", "PROSPECT", "PROSPECT",
                    "DORMANT", "DORMANT", "LOST").get(random.nextInt(10));
            customers.add(customer(reps.get(random.nextInt(reps.size())), status, AT.minus(Duration.ofDays(40))));
        }
        Map<String, List<Document>> activities = new HashMap<>();
        List<Document> deals = new ArrayList<>();
        for (int n = 0; n < DEALS; n++) {
            Document customer = customers.get(random.nextInt(customers.size()));
            UUID owner = random.nextInt(10) == 0 ? reps.get(random.nextInt(reps.size()))
                    : UUID.fromString(customer.getString("ownerId"));
            Instant opened = random.nextInt(50) == 0 ? AT.plus(Duration.ofDays(1)) // opened later: not open yet
                    : between(AT.minus(Duration.ofDays(45)), AT);
            Document deal = deal(customer, owner, opened, "Deal " + n, presales.get(teamOf.get(owner)),
                    consultants.get(teamOf.get(owner)));
            deals.add(deal);
            for (int a = random.nextInt(4); a > 0; a--) {
                activities.computeIfAbsent(customer.getString("_id"), k -> new ArrayList<>())
                        .add(activity(opened, deal.getString("_id")));
            }
        }
        for (Document customer : customers) {
            List<Document> list = activities.computeIfAbsent(customer.getString("_id"), k -> new ArrayList<>());
            for (int a = random.nextInt(3); a > 0; a--) {
                list.add(activity(customer.getDate("registeredAt").toInstant(), null));
            }
            customer.append("activities", list).append("version", 1L + list.size());
        }

        // The departed rep's handover: opened two days ago, an account and a deal assigned yesterday.
        UUID successor = reps.get(1);
        Document account = customer(departed, "ACTIVE", AT.minus(Duration.ofDays(30)));
        Document other = customer(departed, "PROSPECT", AT.minus(Duration.ofDays(30)));
        customers.add(account.append("activities", List.of(activity(AT.minus(Duration.ofDays(20)), null))));
        customers.add(other.append("activities", List.of()));
        List<Document> left = new ArrayList<>();
        for (Document customer : List.of(account, account, other, other)) {
            left.add(deal(customer, departed, AT.minus(Duration.ofDays(25)), "Left behind", null, null));
        }
        left.get(3).append("status", "LOST").append("closedAt", date(AT.minus(Duration.ofDays(5))));
        deals.addAll(left);
        Instant assigned = AT.minus(Duration.ofDays(1));
        handover(departed, AT.minus(Duration.ofDays(2)), List.of(account, other), left, List.of(
                new Document("itemType", "ACCOUNT").append("itemId", account.getString("_id"))
                        .append("newOwnerId", successor.toString()).append("at", date(assigned)),
                new Document("itemType", "DEAL").append("itemId", left.get(2).getString("_id"))
                        .append("newOwnerId", successor.toString()).append("at", date(assigned))));
        handover(departed, AT.minus(Duration.ofDays(100)), List.of(other), List.of(), List.of());
        insert(Collections.CUSTOMERS, customers.toArray(Document[]::new));
        insert(Collections.DEALS, deals.toArray(Document[]::new));
    }

    private UUID staff(UUID team, boolean departed, String... capabilities) {
        UUID id = UUID.randomUUID();
        insert(Collections.STAFF, new Document("_id", id.toString()).append("version", departed ? 2L : 1L)
                .append("teamId", team.toString()).append("capabilities", List.of(capabilities))
                .append("departed", departed));
        return id;
    }

    private Document customer(UUID owner, String status, Instant earliest) {
        return new Document("_id", UUID.randomUUID().toString()).append("ownerId", owner.toString())
                .append("status", status).append("registeredAt", date(between(earliest, AT)));
    }

    private Document activity(Instant after, String deal) {
        return new Document("id", UUID.randomUUID().toString())
                .append("at", date(between(after, AT.plus(Duration.ofDays(3))))).append("type", "CALL")
                .append("dealId", deal);
    }

    private Document deal(Document customer, UUID owner, Instant opened, String title, UUID presales, UUID consultant) {
        Document deal = new Document("_id", UUID.randomUUID().toString())
                .append("customerId", customer.getString("_id")).append("title", title).append("ownerId", owner.toString())
                .append("amount", new Document("amount", random.nextInt(900) + "000.00").append("currency", "EUR"))
                .append("expectedCloseDate", "2040-" + pad(4 + random.nextInt(9)) + "-" + pad(1 + random.nextInt(28)))
                .append("openedAt", date(opened)).append("nextStep", random.nextBoolean() ? "Call back" : null);
        int stage = 1 + random.nextInt(8);
        Instant entered = stage == 1 ? opened : between(opened, AT);
        deal.append("stage", stage).append("stageEnteredAt", date(entered));
        deal.append("progress", stage == 1 ? List.of() : random.nextBoolean() ? List.of(date(entered))
                : List.of(date(between(opened, entered)), date(entered)));
        Document roles = new Document();
        UUID holder = stage == 4 ? presales : consultant;
        if (stage >= 4 && holder != null && random.nextBoolean()) { // else the role's pool in the owner's team is told
            roles.append(stage == 4 ? "PRESALES_ENGINEER" : stage == 5 ? "CONSULTANT" : "EXECUTIVE", holder.toString());
        }
        deal.append("stageRoles", roles);
        if (random.nextInt(10) == 0) {
            deal.append("misalignedAt", date(between(opened, AT))).append("misalignedStage", stage)
                    .append("buyerStage", Math.max(1, stage - 3));
        }
        int outcome = random.nextInt(20);
        if (outcome == 0) {
            deal.append("status", "WON").append("closedAt", date(between(AT, AT.plus(Duration.ofDays(3)))));
        } else if (outcome <= 2) {
            deal.append("status", "LOST").append("closedAt", date(between(opened, AT)));
        } else {
            deal.append("status", "OPEN");
        }
        List<Document> changes = new ArrayList<>();
        changes.add(new Document("v", 1L).append("type", "deal.opened").append("at", date(opened)));
        int events = 1 + random.nextInt(6);
        for (int v = 2; v <= events; v++) {
            changes.add(new Document("v", (long) v).append("type", random.nextBoolean() ? "deal.stage-changed"
                    : "deal.next-step-changed").append("at", date(between(opened, AT.plus(Duration.ofDays(2))))));
        }
        return deal.append("changes", changes).append("version", (long) changes.size());
    }

    private void handover(UUID staff, Instant opened, List<Document> accounts, List<Document> deals,
                          List<Document> assigned) {
        insert(Collections.HANDOVERS, new Document("_id", UUID.randomUUID().toString()).append("version", 1L)
                .append("staffId", staff.toString()).append("effectiveDate", opened.toString().substring(0, 10))
                .append("successorId", null).append("accounts", accounts.stream().map(d -> d.getString("_id")).toList())
                .append("deals", deals.stream().map(d -> d.getString("_id")).toList()).append("openedAt", date(opened))
                .append("assigned", assigned));
    }

    private void insert(String collection, Document... docs) {
        db().getCollection(collection).insertMany(List.of(docs));
        inserted.computeIfAbsent(collection, k -> new ArrayList<>()).addAll(List.of(docs));
    }

    /** A random instant in [from, to), to the minute. */
    private Instant between(Instant from, Instant to) {
        long span = Math.max(1, Duration.between(from, to).toMinutes());
        return from.plus(Duration.ofMinutes(random.nextLong(span)));
    }

    private static Date date(Instant instant) {
        return Date.from(instant);
    }

    private static String pad(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
