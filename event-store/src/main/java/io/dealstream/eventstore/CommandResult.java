package io.dealstream.eventstore;

import java.util.List;

/** The outcome of a command: the state after it, its version, and the events it appended (maybe none). */
public record CommandResult<S, E>(S state, long version, List<Recorded<E>> appended) {
}
