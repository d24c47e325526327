package io.dealstream.customer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dealstream.support.domain.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Given-when-then fixture for any stream of this service: given past events (folded through the stream's evolve),
 * when a command, then exactly these events or this rejection. One per stream is built with {@link #of}; each
 * {@code given} starts a fresh scenario from it.
 *
 * @param <S> state
 * @param <E> event
 * @param <C> command
 */
final class Scenario<S, E, C> {

    static final Instant NOW = Instant.parse("2025-03-05T10:00:00Z");
    static final CommandContext ACTOR = new CommandContext("00000000-0000-0000-0000-00000000a0a0", NOW);

    /** How a stream applies an event. */
    interface Evolve<S, E> {
        S apply(S state, E event, Instant occurredAt);
    }

    /** How a stream decides a command. */
    interface Decide<S, C, E> {
        List<E> apply(S state, C command, CommandContext context);
    }

    private final S initial;
    private final Evolve<S, E> evolve;
    private final Decide<S, C, E> decide;
    private final List<E> history;
    private C command;
    private CommandContext context = ACTOR;

    private Scenario(S initial, Evolve<S, E> evolve, Decide<S, C, E> decide, List<E> history) {
        this.initial = initial;
        this.evolve = evolve;
        this.decide = decide;
        this.history = history;
    }

    static <S, E, C> Scenario<S, E, C> of(S initial, Evolve<S, E> evolve, Decide<S, C, E> decide) {
        return new Scenario<>(initial, evolve, decide, List.of());
    }

    @SafeVarargs
    final Scenario<S, E, C> given(E... events) {
        return new Scenario<>(initial, evolve, decide, List.of(events));
    }

    @SafeVarargs
    final Scenario<S, E, C> given(List<? extends E> history, E... more) {
        List<E> all = new ArrayList<>(history);
        all.addAll(Arrays.asList(more));
        return new Scenario<>(initial, evolve, decide, all);
    }

    Scenario<S, E, C> when(C command) {
        this.command = command;
        return this;
    }

    /** The command happens at another business time (a historical import, a late assignment). */
    Scenario<S, E, C> at(Instant occurredAt) {
        this.context = new CommandContext(context.actor(), occurredAt);
        return this;
    }

    /** The command yields exactly these events, in this order (none: the command changes nothing). */
    @SafeVarargs
    final void then(E... expected) {
        assertThat(decide.apply(state(), command, context)).containsExactly(expected);
    }

    /** The command is refused; returns the rejection for further checks (violations). */
    Rejection thenRejected(Rejection.Kind kind, String code) {
        Rejection rejection = catchThrowableOfType(() -> decide.apply(state(), command, context), Rejection.class);
        assertThat(rejection).as("expected a rejection of " + command).isNotNull();
        assertThat(rejection.kind()).as(rejection.getMessage()).isEqualTo(kind);
        assertThat(rejection.code()).as(rejection.getMessage()).isEqualTo(code);
        return rejection;
    }

    /** The given history folded from the empty state, one event a minute from {@link #NOW} minus an hour. */
    S state() {
        S state = initial;
        Instant at = NOW.minusSeconds(3600);
        for (E event : history) {
            state = evolve.apply(state, event, at);
            at = at.plusSeconds(60);
        }
        return state;
    }
}
