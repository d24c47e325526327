package io.dealstream.deal;

import static io.restassured.RestAssured.given;

import io.dealstream.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** Small REST helpers for deal-service tests: tokens per role and the common calls. */
public final class DealTestSupport {

    private DealTestSupport() {
    }

    public static RequestSpecification as(UUID staffId, String... roles) {
        return given().header("Authorization", TestTokens.bearer(staffId, roles)).contentType(ContentType.JSON);
    }

    /** Opens a deal for a customer freshly registered by (a stand-in for) customer-service. */
    public static String open(UUID owner, String amount, String currency, String closeDate) {
        return as(owner, "rep").body(Map.of("customerId", DirectoryEvents.customer(owner).toString(), "title", "Press line",
                        "amount", amount, "currency", currency, "expectedCloseDate", closeDate))
                .post("/deals").then().statusCode(201).extract().path("id");
    }

    public static Response milestone(UUID actor, String dealId, String key) {
        return as(actor, "rep").post("/deals/" + dealId + "/milestones/" + key);
    }

    public static Response role(UUID actor, String dealId, String role, UUID staff) {
        return as(actor, "rep").body(Map.of("staffId", staff.toString())).put("/deals/" + dealId + "/roles/" + role);
    }

    public static Response stage(UUID actor, String dealId, int to) {
        return as(actor, "rep").body(Map.of("to", to)).post("/deals/" + dealId + "/stage");
    }

    /** Completes the gate of stages 1..n-1 and moves the deal, stage by stage, into stage n. */
    public static void advanceTo(UUID owner, String dealId, int n) {
        String[][] milestones = {
                {"customer-profile-recorded", "first-meeting-booked"},
                {"site-visit-held", "pains-documented", "decision-maker-identified"},
                {"preliminary-proposal-delivered"},
                {"demo-held"},
                {"requirements-confirmed", "formal-proposal-submitted"},
                {"budget-confirmed", "shortlisted"},
                {"commercial-terms-agreed", "legal-review-done"}};
        String[][] roles = {{}, {}, {}, {"PRESALES_ENGINEER"}, {"CONSULTANT"}, {"EXECUTIVE"}, {"COMMERCIAL", "FINANCE", "LEGAL"}};
        for (int s = 1; s < n; s++) {
            for (String m : milestones[s - 1]) {
                milestone(owner, dealId, m).then().statusCode(200);
            }
            for (String r : roles[s - 1]) {
                role(owner, dealId, r, UUID.randomUUID()).then().statusCode(200);
            }
            stage(owner, dealId, s + 1).then().statusCode(200);
        }
    }
}
