package io.dealstream.customer.rest;

import static io.dealstream.customer.CustomerTestSupport.ADMIN;
import static io.dealstream.customer.CustomerTestSupport.as;
import static io.dealstream.customer.CustomerTestSupport.customer;
import static io.dealstream.customer.CustomerTestSupport.staff;
import static io.dealstream.customer.CustomerTestSupport.team;
import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every customer-service endpoint × every role, and without a token: the exact status of each cell.
 *
 * <p>The caller of each role is a real staff member: {@code rep} owns {@code {customer}} and is in the team of
 * {@code manager}; {@code {otherCustomer}} belongs to a rep of another team, so it is invisible (404) to both.
 * Writes by {@code auditor} and {@code bi} are 403; no token is 401. Placeholders named {@code fresh…} or
 * {@code orphan…} are created anew for each cell, so a write that succeeds for one role cannot change what the next
 * role meets.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    static final List<String> CALLERS = List.of("none", "rep", "manager", "executive", "admin", "auditor", "bi");

    /** One endpoint (with the resource it acts on) and the status expected for rep, manager, executive, admin, auditor, bi. */
    record Row(String method, String path, String body, int rep, int manager, int executive, int admin, int auditor,
               int bi) {
        int expected(String caller) {
            return switch (caller) {
                case "none" -> 401;
                case "rep" -> rep;
                case "manager" -> manager;
                case "executive" -> executive;
                case "admin" -> admin;
                case "auditor" -> auditor;
                case "bi" -> bi;
                default -> throw new IllegalArgumentException(caller);
            };
        }
    }

    static Row row(String method, String path, String body, int rep, int manager, int executive, int admin,
                   int auditor, int bi) {
        return new Row(method, path, body, rep, manager, executive, admin, auditor, bi);
    }

    static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

    //                                                                      rep  mgr  exec admin aud  bi
    static final List<Row> TABLE = List.of(
            // teams and staff
            row("POST", "/teams", """
                    {"name":"Matrix team","managerId":"{freshStaff}","timeZone":"Europe/Berlin"}""",
                                                                             403, 403, 403, 201, 403, 403),
            row("GET", "/teams", null,                                        200, 200, 200, 200, 200, 200),
            row("POST", "/staff", """
                    {"name":"Nina New","email":"nina.new@dealstream.test","title":"Rep","capabilities":["SALES_REP"]}""",
                                                                             403, 403, 403, 201, 403, 403),
            row("GET", "/staff", null,                                        200, 200, 200, 200, 200, 200),
            row("GET", "/staff/{rep}", null,                                  200, 200, 200, 200, 200, 200),
            row("GET", "/staff/{rep}/holdings", null,                         403, 200, 200, 200, 200, 403),
            row("POST", "/staff/{freshStaff}/departure", """
                    {"effectiveDate":"{today}","reason":"resigned"}""",       403, 201, 201, 201, 403, 403),
            // a manager records departures of their own teams' staff only
            row("POST", "/staff/{freshOtherStaff}/departure", """
                    {"effectiveDate":"{today}","reason":"resigned"}""",       403, 403, 201, 201, 403, 403),
            // handovers
            row("GET", "/handovers", null,                                    403, 200, 200, 200, 200, 403),
            row("GET", "/handovers?status=OPEN", null,                        403, 200, 200, 200, 200, 403),
            row("GET", "/handovers/{handover}", null,                         403, 200, 200, 200, 200, 403),
            row("POST", "/handovers/{orphanHandover}/assignments", """
                    [{"customerId":"{orphanAccount}","newOwnerId":"{rep2}"}]""",
                                                                             403, 200, 200, 200, 403, 403),
            // a manager assigns the orphaned accounts of their own teams' departures only
            row("POST", "/handovers/{orphanOtherHandover}/assignments", """
                    [{"customerId":"{orphanOtherAccount}","newOwnerId":"{otherRep2}"}]""",
                                                                             403, 403, 200, 200, 403, 403),
            // customers: register (owner defaults to the caller), with another owner, list, read, history
            row("POST", "/customers", """
                    {"name":"Matrix Mills","industry":"Steel"}""",           201, 201, 201, 201, 403, 403),
            row("POST", "/customers", """
                    {"name":"Foreign Forge","ownerId":"{otherRep}"}""",      403, 403, 201, 201, 403, 403),
            row("POST", "/customers", """
                    {"name":"Team Tools","ownerId":"{rep2}"}""",             403, 201, 201, 201, 403, 403),
            row("GET", "/customers", null,                                    200, 200, 200, 200, 200, 200),
            row("GET", "/customers/{customer}", null,                         200, 200, 200, 200, 200, 200),
            row("GET", "/customers/{otherCustomer}", null,                    404, 404, 200, 200, 200, 200),
            row("GET", "/customers/{customer}/history", null,                 200, 200, 200, 200, 200, 200),
            row("GET", "/customers/{otherCustomer}/history", null,            404, 404, 200, 200, 200, 200),
            row("PATCH", "/customers/{customer}", """
                    {"tags":["matrix"]}""",                                  200, 200, 200, 200, 403, 403),
            row("PATCH", "/customers/{otherCustomer}", """
                    {"tags":["matrix"]}""",                                  404, 404, 200, 200, 403, 403),
            row("PUT", "/customers/{freshCustomer}/owner", """
                    {"staffId":"{rep2}","reason":"rebalancing"}""",          403, 200, 200, 200, 403, 403),
            row("PUT", "/customers/{freshOtherCustomer}/owner", """
                    {"staffId":"{otherRep2}","reason":"rebalancing"}""",     403, 404, 200, 200, 403, 403),
            row("POST", "/customers/{customer}/team", """
                    {"staffId":"{rep2}","role":"PRESALES_ENGINEER"}""",      200, 200, 200, 200, 403, 403),
            row("POST", "/customers/{otherCustomer}/team", """
                    {"staffId":"{otherRep2}","role":"PRESALES_ENGINEER"}""", 404, 404, 200, 200, 403, 403),
            row("DELETE", "/customers/{customer}/team/{rep3}", null,          200, 200, 200, 200, 403, 403),
            row("DELETE", "/customers/{otherCustomer}/team/{otherRep2}", null, 404, 404, 200, 200, 403, 403),
            // contacts
            row("POST", "/customers/{customer}/contacts", """
                    {"name":"Carl Contact","email":"carl@acme.test","buyingRole":"DECISION_MAKER"}""",
                                                                             201, 201, 201, 201, 403, 403),
            row("POST", "/customers/{otherCustomer}/contacts", """
                    {"name":"Olga Other","buyingRole":"USER"}""",            404, 404, 201, 201, 403, 403),
            row("PATCH", "/customers/{customer}/contacts/{contact}", """
                    {"title":"CFO","buyingRole":"ECONOMIC_BUYER"}""",        200, 200, 200, 200, 403, 403),
            row("PATCH", "/customers/{otherCustomer}/contacts/{otherContact}", """
                    {"title":"CTO"}""",                                      404, 404, 200, 200, 403, 403),
            row("DELETE", "/customers/{customer}/contacts/{freshContact}/personal-data", null,
                                                                             403, 200, 200, 200, 403, 403),
            row("DELETE", "/customers/{otherCustomer}/contacts/{freshOtherContact}/personal-data", null,
                                                                             403, 404, 200, 200, 403, 403),
            // activities
            row("POST", "/customers/{customer}/activities", """
                    {"type":"CALL","summary":"Called about the press line","nextStep":"Visit"}""",
                                                                             201, 201, 201, 201, 403, 403),
            row("POST", "/customers/{otherCustomer}/activities", """
                    {"type":"EMAIL","summary":"Sent the brochure"}""",       404, 404, 201, 201, 403, 403),
            row("GET", "/customers/{customer}/activities", null,              200, 200, 200, 200, 200, 200),
            row("GET", "/customers/{otherCustomer}/activities", null,         404, 404, 200, 200, 200, 200),
            // audit and historical import
            row("GET", "/audit/verify", null,                                 403, 403, 403, 200, 200, 403),
            row("POST", "/import/customers", """
                    {"commands":[{"command":"register","occurredAt":"2020-03-01T09:00:00Z","name":"Imported Ltd",
                                  "ownerId":"{rep}"}]}""",                   403, 403, 403, 201, 403, 403));

    /** Who plays each role, and the shared resources; created once. */
    record World(Map<String, UUID> callers, Map<String, String> ids) {
    }

    private static World world;

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Row r : TABLE) {
            for (String caller : CALLERS) {
                cells.add(Arguments.of(r.method() + " " + r.path() + " as " + caller + " → " + r.expected(caller), r, caller));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void statusIsExactlyAsSpecified(String name, Row row, String caller) {
        World w = world();
        Map<String, String> vars = new HashMap<>(w.ids());
        String path = resolve(row.path(), vars);
        String body = row.body() == null ? null : resolve(row.body(), vars);
        RequestSpecification request = "none".equals(caller) ? given().contentType(ContentType.JSON)
                : as(w.callers().get(caller), caller);
        if (body != null) {
            request = request.body(body);
        }
        Response response = request.request(row.method(), path);
        Assertions.assertEquals(row.expected(caller), response.statusCode(),
                () -> row.method() + " " + path + " as " + caller + ": " + response.asString());
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9]+)}");

    /** Replaces placeholders; the fresh ones are created now, for this cell only. */
    private static String resolve(String template, Map<String, String> vars) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            if (!vars.containsKey(key)) {
                create(key, vars);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(vars.get(key)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void create(String key, Map<String, String> vars) {
        UUID team = UUID.fromString(vars.get("team"));
        UUID otherTeam = UUID.fromString(vars.get("otherTeam"));
        switch (key) {
            case "freshStaff" -> vars.put(key, staff("Fresh Staff", team).toString());
            case "freshOtherStaff" -> vars.put(key, staff("Fresh Outsider", otherTeam).toString());
            case "freshCustomer" -> vars.put(key, customer(UUID.fromString(vars.get("rep")), "Fresh Fittings").toString());
            case "freshOtherCustomer" -> vars.put(key,
                    customer(UUID.fromString(vars.get("otherRep")), "Fresh Foreign").toString());
            case "freshContact" -> vars.put(key, contact(vars.get("customer"), "Fiona Fresh"));
            case "freshOtherContact" -> vars.put(key, contact(vars.get("otherCustomer"), "Felix Foreign"));
            case "orphanHandover", "orphanAccount" -> {
                UUID leaver = staff("Orphan Maker", team);
                UUID account = customer(leaver, "Orphaned Optics");
                String handover = as(ADMIN, "admin").body(Map.of("effectiveDate", TODAY, "reason", "resigned"))
                        .post("/staff/" + leaver + "/departure").then().statusCode(201).extract().path("id");
                vars.put("orphanHandover", handover);
                vars.put("orphanAccount", account.toString());
            }
            case "orphanOtherHandover", "orphanOtherAccount" -> {
                UUID leaver = staff("Orphan Outsider", otherTeam);
                UUID account = customer(leaver, "Orphaned Outfitters");
                String handover = as(ADMIN, "admin").body(Map.of("effectiveDate", TODAY, "reason", "resigned"))
                        .post("/staff/" + leaver + "/departure").then().statusCode(201).extract().path("id");
                vars.put("orphanOtherHandover", handover);
                vars.put("orphanOtherAccount", account.toString());
            }
            default -> throw new IllegalArgumentException("unknown placeholder {" + key + "}");
        }
    }

    private static String contact(String customerId, String name) {
        String location = as(ADMIN, "admin").body(Map.of("name", name, "buyingRole", "INFLUENCER"))
                .post("/customers/" + customerId + "/contacts").then().statusCode(201).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static synchronized World world() {
        if (world != null) {
            return world;
        }
        UUID manager = staff("Mira Matrix", null);
        UUID team = team(manager);
        UUID rep = staff("Rene Rep", team);
        UUID rep2 = staff("Rita Rep", team);
        UUID rep3 = staff("Rolf Rep", team);
        UUID otherManager = staff("Otto Othermanager", null);
        UUID otherTeam = team(otherManager);
        UUID otherRep = staff("Olli Otherrep", otherTeam);
        UUID otherRep2 = staff("Ona Otherrep", otherTeam);
        Map<String, UUID> callers = Map.of("rep", rep, "manager", manager,
                "executive", staff("Edda Executive", null), "admin", staff("Adam Admin", null),
                "auditor", staff("Aud Auditor", null), "bi", staff("Bea Bi", null));
        UUID customer = customer(rep, "Matrix Presses");
        UUID otherCustomer = customer(otherRep, "Other Cranes");
        Map<String, String> ids = new HashMap<>();
        ids.put("today", TODAY);
        ids.put("team", team.toString());
        ids.put("otherTeam", otherTeam.toString());
        ids.put("rep", rep.toString());
        ids.put("rep2", rep2.toString());
        ids.put("rep3", rep3.toString());
        ids.put("otherRep", otherRep.toString());
        ids.put("otherRep2", otherRep2.toString());
        ids.put("customer", customer.toString());
        ids.put("otherCustomer", otherCustomer.toString());
        ids.put("contact", contact(customer.toString(), "Karla Contact"));
        ids.put("otherContact", contact(otherCustomer.toString(), "Oskar Contact"));
        // a departure with a successor: the handover every reader looks at
        UUID leaver = staff("Lea Leaver", team);
        customer(leaver, "Leaver Looms");
        ids.put("handover", as(ADMIN, "admin").body(Map.of("effectiveDate", TODAY, "reason", "resigned",
                        "successorId", rep.toString())).post("/staff/" + leaver + "/departure").then().statusCode(201)
                .extract().path("id"));
        world = new World(callers, ids);
        return world;
    }
}
