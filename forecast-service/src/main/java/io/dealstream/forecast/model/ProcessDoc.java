package io.dealstream.forecast.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.support.messaging.IncomingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Every process configuration deal-service put in force ({@code process} stream, one fixed id), each from its
 * occurredAt on: the forecast of a date uses the configuration in force at that date.
 */
public record ProcessDoc(@JsonProperty("_id") UUID id, long v, List<Configured> configs) {

    public static final String STREAM_TYPE = "process";
    private static final ObjectMapper TOLERANT = new ObjectMapper()
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A configuration in force from {@code at}. */
    public record Configured(long v, Instant at, ProcessConfig config) {
    }

    public static ProcessDoc evolve(ProcessDoc doc, IncomingEvent e) {
        List<Configured> configs = new ArrayList<>(doc == null ? List.of() : doc.configs);
        if (e.type().equals("process.configured")) {
            ProcessConfig config;
            try {
                config = TOLERANT.treeToValue(e.payload(), ProcessConfig.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                throw new IllegalArgumentException("unreadable process configuration: " + ex.getOriginalMessage(), ex);
            }
            configs.add(new Configured(e.streamVersion(), e.occurredAt(), config));
        }
        return new ProcessDoc(e.streamId(), e.streamVersion(), List.copyOf(configs));
    }

    /**
     * The configuration in force at {@code instant}: the last one deal-service configured at or before it; DOMAIN.md's
     * defaults before the first one (and while none has arrived).
     */
    public static ProcessConfig inForce(ProcessDoc doc, Instant instant) {
        Configured c = configured(doc, instant);
        return c == null ? ProcessConfig.defaults() : c.config();
    }

    /** The configuration recorded last at or before {@code instant}, or null when DOMAIN.md's defaults apply. */
    public static Configured configured(ProcessDoc doc, Instant instant) {
        Configured found = null;
        if (doc != null) {
            for (Configured c : doc.configs) {
                // the latest by business time; configurations arrive in stream order, which normally agrees
                if (!c.at().isAfter(instant) && (found == null || !c.at().isBefore(found.at()))) {
                    found = c;
                }
            }
        }
        return found;
    }
}
