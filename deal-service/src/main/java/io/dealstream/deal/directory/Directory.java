package io.dealstream.deal.directory;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;

/** Questions deal-service asks of its view of customers, staff and teams. */
@ApplicationScoped
public class Directory implements io.dealstream.support.security.DepartedStaff {

    private static final long POLL_MILLIS = 50;

    private final Mutiny.SessionFactory sessions;
    private final Pool pool;
    private final Vertx vertx;
    private final Duration customerWait;

    public Directory(Mutiny.SessionFactory sessions, Pool pool, Vertx vertx,
                     @ConfigProperty(name = "dealstream.directory.customer-wait", defaultValue = "5s") Duration customerWait) {
        this.sessions = sessions;
        this.pool = pool;
        this.vertx = vertx;
        this.customerWait = customerWait;
    }

    /**
     * Whether the customer exists. A customer registered a moment ago may not have reached this view yet: an unknown
     * id is looked up again until {@code dealstream.directory.customer-wait} has passed (the event normally arrives
     * within milliseconds of the registration).
     */
    public Uni<Boolean> customerExists(UUID customerId) {
        long deadline = System.nanoTime() + customerWait.toNanos();
        return customerExists(customerId, deadline);
    }

    private Uni<Boolean> customerExists(UUID customerId, long deadline) {
        return sessions.withSession(s -> s.find(KnownCustomer.class, customerId)).flatMap(c -> {
            if (c != null) {
                return Uni.createFrom().item(true);
            }
            if (System.nanoTime() > deadline) {
                return Uni.createFrom().item(false);
            }
            return pause().chain(() -> customerExists(customerId, deadline));
        });
    }

    /**
     * Whether the staff member has departed (their tokens are refused). Asked by a request filter on any thread,
     * so it goes through the plain reactive client, not a Hibernate session.
     */
    public Uni<Boolean> departed(UUID staffId) {
        return pool.preparedQuery("SELECT 1 FROM known_staff WHERE id = $1 AND departed")
                .execute(Tuple.of(staffId)).map(rows -> rows.size() > 0);
    }

    /** The staff of every team the manager manages (the manager included when on one of them). */
    public Uni<List<UUID>> teamOf(UUID managerId) {
        return sessions.withSession(s -> s.createSelectionQuery(
                        "select st.id from KnownStaff st where st.teamId in "
                                + "(select t.id from KnownTeam t where t.managerId = :manager)", UUID.class)
                .setParameter("manager", managerId)
                .getResultList());
    }

    /** Who departed with this departure, or null while staff-events has not told yet. */
    public Uni<UUID> departedWith(UUID departureId) {
        return pool.preparedQuery("SELECT id FROM known_staff WHERE departure_id = $1")
                .execute(Tuple.of(departureId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID(0));
    }

    /** Records a manager's per-deal decision of a handover (the latest one for the deal counts). */
    public Uni<Void> recordHandoverDecision(UUID dealId, UUID departureId, UUID newOwnerId) {
        return pool.preparedQuery("INSERT INTO handover_decision (deal_id, departure_id, new_owner_id) VALUES ($1, $2, $3)"
                        + " ON CONFLICT (deal_id) DO UPDATE SET departure_id = EXCLUDED.departure_id,"
                        + " new_owner_id = EXCLUDED.new_owner_id")
                .execute(Tuple.of(dealId, departureId, newOwnerId)).replaceWithVoid();
    }

    /** The new owner a handover named for this deal, or null. */
    public Uni<UUID> handoverDecision(UUID dealId, UUID departureId) {
        return pool.preparedQuery("SELECT new_owner_id FROM handover_decision WHERE deal_id = $1 AND departure_id = $2")
                .execute(Tuple.of(dealId, departureId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID(0));
    }

    /** Every per-deal decision of a departure's handover: deal id → new owner. */
    public Uni<java.util.Map<UUID, UUID>> handoverDecisions(UUID departureId) {
        return pool.preparedQuery("SELECT deal_id, new_owner_id FROM handover_decision WHERE departure_id = $1 ORDER BY deal_id")
                .execute(Tuple.of(departureId))
                .map(rows -> {
                    java.util.Map<UUID, UUID> decisions = new java.util.LinkedHashMap<>();
                    rows.forEach(r -> decisions.put(r.getUUID(0), r.getUUID(1)));
                    return decisions;
                });
    }

    /** Waits a little on the caller's Vert.x context (Hibernate Reactive must stay on it). */
    private Uni<Void> pause() {
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(em -> vertx.setTimer(POLL_MILLIS,
                id -> context.runOnContext(ignored -> em.complete(null))));
    }
}
