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

    /**
     * One statement whatever the deal's state: no read-before-write on the hot path of every command. (The document
     * goes through text: a parameter PostgreSQL types as jsonb would receive a Java string as a JSON string.)
     */
    private static final String UPSERT = """
            INSERT INTO deal_view (id, customer_id, owner_id, title, amount, currency, expected_close_date, stage,
                                   buyer_stage, misaligned, status, opened_at, updated_at, version, document)
            VALUES (:id, :customer, :owner, :title, :amount, :currency, :close, :stage, cast(:buyer as integer),
                    :misaligned, :status, :opened, :updated, :version, cast(cast(:document as text) as jsonb))
            ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, title = excluded.title,
                amount = excluded.amount, currency = excluded.currency,
                expected_close_date = excluded.expected_close_date, stage = excluded.stage,
                buyer_stage = excluded.buyer_stage, misaligned = excluded.misaligned, status = excluded.status,
                updated_at = excluded.updated_at, version = excluded.version, document = excluded.document""";

    @Override
    public Uni<Void> apply(Mutiny.Session session, UUID streamId, DealState s, long version,
                           List<Recorded<DealEvent>> appended) {
        Uni<Integer> view = session.createNativeQuery(UPSERT)
                .setParameter("id", s.id())
                .setParameter("customer", s.customerId())
                .setParameter("owner", s.ownerId())
                .setParameter("title", s.title())
                .setParameter("amount", s.amount().amount())
                .setParameter("currency", s.amount().currency())
                .setParameter("close", s.expectedCloseDate())
                .setParameter("stage", s.stage())
                .setParameter("buyer", s.buyerStage())
                .setParameter("misaligned", s.misaligned())
                .setParameter("status", s.status().name())
                .setParameter("opened", s.openedAt())
                .setParameter("updated", s.updatedAt())
                .setParameter("version", version)
                .setParameter("document", document(s))
                .executeUpdate();
        if (appended.stream().noneMatch(r -> changesParticipants(r.event()))) {
            return view.replaceWithVoid();
        }
        Set<UUID> participants = new LinkedHashSet<>();
        participants.add(s.ownerId());
        participants.addAll(s.roles().values());
        return view
                .chain(() -> session.createMutationQuery("delete from DealParticipant p where p.dealId = :id")
                        .setParameter("id", s.id()).executeUpdate())
                .chain(() -> session.persistAll(participants.stream().map(p -> new DealParticipant(s.id(), p)).toArray()))
                .chain(session::flush);
    }

    /** Only these change who may see the deal as a rep (its owner and stage-role holders). */
    private static boolean changesParticipants(DealEvent e) {
        return e instanceof DealEvent.DealOpened || e instanceof DealEvent.DealOwnerReassigned
                || e instanceof DealEvent.StageRoleAssigned;
    }

    private String document(DealState s) {
        try {
            return json.writeValueAsString(DealDocument.of(s, process));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
