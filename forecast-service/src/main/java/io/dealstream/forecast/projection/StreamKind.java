package io.dealstream.forecast.projection;

import io.dealstream.forecast.model.CustomerDoc;
import io.dealstream.forecast.model.DealDoc;
import io.dealstream.forecast.model.HandoverDoc;
import io.dealstream.forecast.model.ProcessDoc;
import io.dealstream.forecast.model.StaffDoc;
import io.dealstream.forecast.model.TeamDoc;
import io.dealstream.support.messaging.IncomingEvent;
import java.util.function.BiFunction;

/** The kinds of stream the read models follow: one collection each, one document per stream, folded by its evolve. */
public enum StreamKind {
    DEAL("deals", DealDoc.class, DealDoc::evolve),
    CUSTOMER("customers", CustomerDoc.class, CustomerDoc::evolve),
    STAFF("staff", StaffDoc.class, StaffDoc::evolve),
    TEAM("teams", TeamDoc.class, TeamDoc::evolve),
    HANDOVER("handovers", HandoverDoc.class, HandoverDoc::evolve),
    PROCESS("process", ProcessDoc.class, ProcessDoc::evolve);

    private static final StreamKind[] KINDS = values();

    private final String collection;
    /** What the event types of this kind of stream begin with, before the dot: {@code deal}. */
    private final String prefix = name().toLowerCase(java.util.Locale.ROOT);
    private final Class<?> type;
    private final BiFunction<Object, IncomingEvent, Object> evolve;

    @SuppressWarnings("unchecked")
    <T> StreamKind(String collection, Class<T> type, BiFunction<T, IncomingEvent, T> evolve) {
        this.collection = collection;
        this.type = type;
        this.evolve = (BiFunction<Object, IncomingEvent, Object>) (BiFunction<?, IncomingEvent, ?>) evolve;
    }

    /** The kind of an event type ({@code deal.opened} → DEAL), or null for streams no read model follows. */
    public static StreamKind of(String eventType) {
        int dot = eventType.indexOf('.');
        if (dot < 0) {
            return null;
        }
        for (StreamKind k : KINDS) {
            if (k.prefix.length() == dot && eventType.startsWith(k.prefix)) {
                return k;
            }
        }
        return null;
    }

    /** The collection of this kind in one generation of the read models, e.g. {@code deals_g2}. */
    public String collection(int generation) {
        return collection + "_g" + generation;
    }

    public Class<?> type() {
        return type;
    }

    /** The document after one more event of its stream (pure; {@code current} is null before the first). */
    public Object evolve(Object current, IncomingEvent event) {
        return evolve.apply(current, event);
    }
}
