package io.dealstream.forecast.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dealstream.support.messaging.IncomingEvent;
import java.util.UUID;

/** The read model of one team ({@code team} stream): its name and manager. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TeamDoc(@JsonProperty("_id") UUID id, long v, String name, UUID managerId) {

    public static final String STREAM_TYPE = "team";

    public static TeamDoc evolve(TeamDoc doc, IncomingEvent e) {
        TeamDoc t = doc != null ? doc : new TeamDoc(e.streamId(), 0, null, null);
        return switch (e.type()) {
            case "team.created" -> new TeamDoc(t.id, e.streamVersion(), e.text("name"), e.uuid("managerId"));
            case "team.manager-changed" -> new TeamDoc(t.id, e.streamVersion(), t.name, e.uuid("managerId"));
            default -> new TeamDoc(t.id, e.streamVersion(), t.name, t.managerId);
        };
    }
}
