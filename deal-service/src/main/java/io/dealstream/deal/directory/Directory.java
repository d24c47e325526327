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

    /** Waits a little on the caller's Vert.x context (Hibernate Reactive must stay on it). */
    private Uni<Void> pause() {
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(em -> vertx.setTimer(POLL_MILLIS,
                id -> context.runOnContext(ignored -> em.complete(null))));
    }
}
