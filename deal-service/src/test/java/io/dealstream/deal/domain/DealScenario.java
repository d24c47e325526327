package io.dealstream.deal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dealstream.deal.domain.DealEvent.DealOpened;
import io.dealstream.deal.domain.DealEvent.DealStageChanged;
import io.dealstream.deal.domain.DealEvent.MilestoneCompleted;
import io.dealstream.deal.domain.DealEvent.StageRoleAssigned;
import io.dealstream.support.domain.Money;
import io.dealstream.support.domain.Rejection;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Given-when-then fixture for {@link DealDecider}: given past events (folded through {@link DealState#evolve}),
 * when a command, then exactly these events or this rejection. Also builds typical histories.
 */
final class DealScenario {

    static final Instant NOW = Instant.parse("2025-03-05T10:00:00Z");
    static final CommandContext REP = new CommandContext("rep-1", NOW, false);
    static final CommandContext MANAGER = new CommandContext("manager-1", NOW, true);

    static final UUID DEAL = UUID.fromString("00000000-0000-0000-0000-00000000d001");
    static final UUID CUSTOMER = UUID.fromString("00000000-0000-0000-0000-00000000c001");
    static final UUID OWNER = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    static final Money AMOUNT = new Money(new BigDecimal("125000.00"), "EUR");
    static final LocalDate CLOSE = LocalDate.parse("2025-06-30");

    static final DealProcess PROCESS = DealProcess.defaults();
    private static final DealDecider DECIDER = new DealDecider(PROCESS);

    private final List<DealEvent> history;
    private DealCommand command;
    private CommandContext context = REP;

    private DealScenario(List<DealEvent> history) {
        this.history = history;
    }

    static DealScenario given(DealEvent... events) {
        return new DealScenario(List.of(events));
    }

    static DealScenario given(List<DealEvent> history, DealEvent... more) {
        List<DealEvent> all = new ArrayList<>(history);
        all.addAll(Arrays.asList(more));
        return new DealScenario(all);
    }

    DealScenario when(DealCommand command) {
        this.command = command;
        return this;
    }

    DealScenario by(CommandContext context) {
        this.context = context;
        return this;
    }

    /** The command yields exactly these events, in this order (none: the command changes nothing). */
    void then(DealEvent... expected) {
        assertThat(DECIDER.decide(state(), command, context)).containsExactly(expected);
    }

    /** The command is refused; returns the rejection for further checks (violations). */
    Rejection thenRejected(Rejection.Kind kind, String code) {
        Rejection rejection = catchThrowableOfType(() -> DECIDER.decide(state(), command, context), Rejection.class);
        assertThat(rejection).as("expected a rejection of " + command).isNotNull();
        assertThat(rejection.kind()).isEqualTo(kind);
        assertThat(rejection.code()).isEqualTo(code);
        return rejection;
    }

    /** The given history folded from {@link DealState#NONE}, one event a minute from {@link #NOW} minus an hour. */
    DealState state() {
        return fold(history);
    }

    static DealState fold(List<DealEvent> events) {
        DealState state = DealState.NONE;
        Instant at = NOW.minusSeconds(3600);
        for (DealEvent event : events) {
            state = state.evolve(event, at);
            at = at.plusSeconds(60);
        }
        return state;
    }

    // --- typical histories -------------------------------------------------------------------------------------

    static DealOpened opened() {
        return new DealOpened(DEAL, CUSTOMER, "Fleet telematics", AMOUNT, CLOSE, OWNER, 1);
    }

    /** Deterministic staff id per stage role. */
    static UUID staff(String role) {
        return UUID.nameUUIDFromBytes(role.getBytes());
    }

    /** Events that complete every exit milestone of the stage. */
    static List<DealEvent> milestonesOf(int stage) {
        return PROCESS.stage(stage).milestones().stream()
                .map(m -> (DealEvent) new MilestoneCompleted(stage, m)).toList();
    }

    /** Events that assign every stage role of the stage. */
    static List<DealEvent> rolesOf(int stage) {
        return PROCESS.stage(stage).roles().stream()
                .map(r -> (DealEvent) new StageRoleAssigned(r, staff(r), null)).toList();
    }

    /** Events that meet the whole gate of the stage: milestones, then roles. */
    static List<DealEvent> gateOf(int stage) {
        List<DealEvent> events = new ArrayList<>(milestonesOf(stage));
        events.addAll(rolesOf(stage));
        return events;
    }

    static DealStageChanged moved(int from, int to) {
        return new DealStageChanged(from, to, null, false, Map.of());
    }

    /** A deal opened and moved through every gate up to {@code stage}, arriving there with nothing of it done. */
    static List<DealEvent> inStage(int stage) {
        List<DealEvent> events = new ArrayList<>(List.of(opened()));
        for (int n = 1; n < stage; n++) {
            events.addAll(gateOf(n));
            events.add(moved(n, n + 1));
        }
        return events;
    }

    /** {@code base} followed by {@code more}. */
    static List<DealEvent> plus(List<DealEvent> base, List<DealEvent> more) {
        List<DealEvent> all = new ArrayList<>(base);
        all.addAll(more);
        return all;
    }
}
