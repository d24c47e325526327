package io.dealstream.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Turns a service's event records into stored JSON and back, through upcasters for old schema versions.
 *
 * @param <E> the service's sealed event type
 */
public final class EventCodec<E> {

    private final ObjectMapper json;
    private final Map<String, Class<? extends E>> types;
    private final Function<E, String> typeOf;
    private final ToIntFunction<E> schemaVersionOf;
    private final List<Upcaster> upcasters;

    public EventCodec(ObjectMapper json, Map<String, Class<? extends E>> types, Function<E, String> typeOf,
                      ToIntFunction<E> schemaVersionOf, List<Upcaster> upcasters) {
        this.json = json;
        this.types = Map.copyOf(types);
        this.typeOf = typeOf;
        this.schemaVersionOf = schemaVersionOf;
        this.upcasters = List.copyOf(upcasters);
    }

    public String type(E event) {
        return typeOf.apply(event);
    }

    public int schemaVersion(E event) {
        return schemaVersionOf.applyAsInt(event);
    }

    public String toJson(E event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event, e);
        }
    }

    /** Reads a stored payload of any known schema version as the current record. */
    public E fromJson(String type, int schemaVersion, String payload) {
        Class<? extends E> target = types.get(type);
        if (target == null) {
            throw new IllegalStateException("unknown event type " + type);
        }
        try {
            ObjectNode node = (ObjectNode) json.readTree(payload);
            int version = schemaVersion;
            for (Upcaster u : upcasters) {
                if (u.type().equals(type) && u.fromVersion() == version) {
                    node = u.upcast(node);
                    version++;
                }
            }
            return json.treeToValue(node, target);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read stored event " + type + " v" + schemaVersion, e);
        }
    }

    public ObjectMapper json() {
        return json;
    }
}
