package io.dealstream.eventstore;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads an old shape of one event type as the next version. Stored rows never change; a chain of upcasters
 * lifts an old payload step by step to the shape the code knows.
 */
public interface Upcaster {

    /** The event type this upcaster reads, e.g. {@code deal.stage-changed}. */
    String type();

    /** The schema version it reads; it produces {@code fromVersion() + 1}. */
    int fromVersion();

    ObjectNode upcast(ObjectNode payload);
}
