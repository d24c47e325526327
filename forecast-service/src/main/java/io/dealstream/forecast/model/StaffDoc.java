package io.dealstream.forecast.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dealstream.support.messaging.IncomingEvent;
import java.time.LocalDate;
import java.util.UUID;

/** The read model of one staff member ({@code staff} stream): team, and the departure if they left. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StaffDoc(@JsonProperty("_id") UUID id, long v, UUID teamId, boolean departed, LocalDate effectiveDate,
                       UUID departureId, UUID successorId, String departureReason) {

    public static final String STREAM_TYPE = "staff";

    public static StaffDoc evolve(StaffDoc doc, IncomingEvent e) {
        StaffDoc s = doc != null ? doc : new StaffDoc(e.streamId(), 0, null, false, null, null, null, null);
        return switch (e.type()) {
            case "staff.joined", "staff.team-changed" -> new StaffDoc(s.id, e.streamVersion(), e.uuid("teamId"),
                    s.departed, s.effectiveDate, s.departureId, s.successorId, s.departureReason);
            case "staff.departed" -> new StaffDoc(s.id, e.streamVersion(), s.teamId, true,
                    Payloads.date(e, "effectiveDate"), e.uuid("departureId"), e.uuid("successorId"), e.text("reason"));
            default -> new StaffDoc(s.id, e.streamVersion(), s.teamId, s.departed, s.effectiveDate, s.departureId,
                    s.successorId, s.departureReason);
        };
    }
}
