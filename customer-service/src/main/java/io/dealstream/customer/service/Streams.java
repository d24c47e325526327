package io.dealstream.customer.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.customer.domain.CustomerEvent;
import io.dealstream.customer.domain.CustomerState;
import io.dealstream.customer.domain.HandoverEvent;
import io.dealstream.customer.domain.HandoverState;
import io.dealstream.customer.domain.StaffEvent;
import io.dealstream.customer.domain.StaffState;
import io.dealstream.customer.domain.TeamEvent;
import io.dealstream.customer.domain.TeamState;
import io.dealstream.customer.view.CustomerTeamMember;
import io.dealstream.customer.view.CustomerView;
import io.dealstream.customer.view.Documents;
import io.dealstream.customer.view.HandoverView;
import io.dealstream.customer.view.StaffView;
import io.dealstream.customer.view.TeamView;
import io.dealstream.customer.view.ViewRow;
import io.dealstream.eventstore.Aggregate;
import io.dealstream.eventstore.EventCodec;
import io.dealstream.eventstore.EventStore;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The four kinds of stream customer-service keeps (customer, staff, team, handover) and the inline projection of
 * each into its query view. A singleton, not a normal-scoped bean: callers read its fields, which a client proxy
 * would not carry.
 */
@Singleton
public class Streams {

    public final Aggregate<CustomerState, CustomerEvent> customers;
    public final Aggregate<StaffState, StaffEvent> staff;
    public final Aggregate<TeamState, TeamEvent> teams;
    public final Aggregate<HandoverState, HandoverEvent> handovers;
    public final EventStore.InlineProjection<CustomerState, CustomerEvent> customerView;
    public final EventStore.InlineProjection<StaffState, StaffEvent> staffView;
    public final EventStore.InlineProjection<TeamState, TeamEvent> teamView;
    public final EventStore.InlineProjection<HandoverState, HandoverEvent> handoverView;
    private final ObjectMapper json;

    public Streams(ObjectMapper json) {
        this.json = json;
        customers = Aggregate.of("customer", CustomerState.NONE, CustomerState::evolve,
                codec(CustomerEvent.TYPES, CustomerEvent::type, CustomerEvent::schemaVersion));
        staff = Aggregate.of("staff", StaffState.NONE, StaffState::evolve,
                codec(StaffEvent.TYPES, StaffEvent::type, StaffEvent::schemaVersion));
        teams = Aggregate.of("team", TeamState.NONE, TeamState::evolve,
                codec(TeamEvent.TYPES, TeamEvent::type, TeamEvent::schemaVersion));
        handovers = Aggregate.of("handover", HandoverState.NONE, HandoverState::evolve,
                codec(HandoverEvent.TYPES, HandoverEvent::type, HandoverEvent::schemaVersion));
        EventStore.InlineProjection<CustomerState, CustomerEvent> customerRow = projection((s, version) -> {
            CustomerView v = row(new CustomerView(), s.id(), version, Documents.CustomerDocument.of(s));
            v.name = s.name();
            v.status = s.status().name();
            v.ownerId = s.ownerId();
            v.registeredAt = s.registeredAt();
            return v;
        });
        customerView = (session, streamId, state, version, appended) -> customerRow
                .apply(session, streamId, state, version, appended)
                .chain(() -> appended.stream().anyMatch(r -> r.event() instanceof CustomerEvent.AccountTeamMemberAdded
                        || r.event() instanceof CustomerEvent.AccountTeamMemberRemoved)
                        ? session.flush()
                        .chain(() -> session.createMutationQuery("delete from CustomerTeamMember m where m.customerId = :id")
                                .setParameter("id", streamId).executeUpdate())
                        .chain(() -> session.persistAll(state.accountTeam().keySet().stream()
                                .map(staff -> new CustomerTeamMember(streamId, staff)).toArray()))
                        .chain(session::flush)
                        : Uni.createFrom().voidItem());
        staffView = projection((s, version) -> {
            StaffView v = row(new StaffView(), s.id(), version, Documents.StaffDocument.of(s));
            v.teamId = s.teamId();
            v.status = s.status().name();
            v.joinedAt = s.joinedAt();
            return v;
        });
        teamView = projection((s, version) -> {
            TeamView v = row(new TeamView(), s.id(), version, Documents.TeamDocument.of(s));
            v.managerId = s.managerId();
            v.createdAt = s.createdAt();
            return v;
        });
        handoverView = projection((s, version) -> {
            HandoverView v = row(new HandoverView(), s.id(), version, Documents.HandoverDocument.of(s));
            v.staffId = s.staffId();
            v.status = s.status().name();
            v.openedAt = s.openedAt();
            return v;
        });
    }

    private <E> EventCodec<E> codec(Map<String, Class<? extends E>> types, Function<E, String> type,
                                    ToIntFunction<E> version) {
        return new EventCodec<>(json, types, type, version, List.of());
    }

    private static <S, E> EventStore.InlineProjection<S, E> projection(BiFunction<S, Long, ViewRow> toRow) {
        return (session, streamId, state, version, appended) -> session.merge(toRow.apply(state, version)).replaceWithVoid();
    }

    private <R extends ViewRow> R row(R row, java.util.UUID id, long version, Object document) {
        row.id = id;
        row.version = version;
        try {
            row.document = json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return row;
    }

}
