package io.dealstream.eventstore;

import java.time.Instant;

/**
 * A stream folded to a state: the state, its version (number of events), the hash of its last event and when that
 * event occurred (so appends keep business time monotonic).
 */
public record StreamState<S>(S state, long version, String lastHash, Instant lastOccurredAt) {

    public boolean isNew() {
        return version == 0;
    }
}
