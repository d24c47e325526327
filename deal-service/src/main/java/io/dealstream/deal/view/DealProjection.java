package io.dealstream.deal.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.deal.domain.DealEvent;
import io.dealstream.deal.domain.DealProcess;
import io.dealstream.deal.domain.DealState;
import io.dealstream.eventstore.EventStore;
import io.dealstream.eventstore.Recorded;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Keeps {@code deal_view} and {@code deal_participant} in step with the events, inside the appending transaction. */
@ApplicationScoped
public class DealProjection implements EventStore.InlineProjection<DealState, DealEvent> {

    private final DealProcess process;
    private final ObjectMapper json;

    public DealProjection(DealProcess process, ObjectMapper json) {
        this.process = process;
        this.json = json;
    }

    @Override
    public Uni<Void> apply(Mutiny.Session session, UUID streamId, DealState s, long version,
                           List<Recorded<DealEvent>> appended) {
        DealView v = new DealView();
        v.id = s.id();
        v.customerId = s.customerId();
        v.ownerId = s.ownerId();
        v.title = s.title();
        v.amount = s.amount().amount();
        v.currency = s.amount().currency();
        v.expectedCloseDate = s.expectedCloseDate();
        v.stage = s.stage();
        v.buyerStage = s.buyerStage();
        v.misaligned = s.misaligned();
        v.status = s.status().name();
        v.openedAt = s.openedAt();
        v.updatedAt = s.updatedAt();
        v.version = version;
        v.document = document(s);
        Set<UUID> participants = new LinkedHashSet<>();
        participants.add(s.ownerId());
        participants.addAll(s.roles().values());
        return session.merge(v)
                .chain(session::flush)
                .chain(() -> session.createMutationQuery("delete from DealParticipant p where p.dealId = :id")
                        .setParameter("id", s.id()).executeUpdate())
                .chain(() -> session.persistAll(participants.stream().map(p -> new DealParticipant(s.id(), p)).toArray()))
                .chain(session::flush);
    }

    private String document(DealState s) {
        try {
            return json.writeValueAsString(DealDocument.of(s, process));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
