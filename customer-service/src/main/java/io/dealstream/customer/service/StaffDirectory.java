package io.dealstream.customer.service;

import io.dealstream.customer.view.StaffView;
import io.dealstream.support.domain.Rejection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Questions about staff and teams that commands ask before they decide. */
@ApplicationScoped
public class StaffDirectory implements io.dealstream.support.security.DepartedStaff {

    private final Mutiny.SessionFactory sessions;
    private final Pool pool;

    public StaffDirectory(Mutiny.SessionFactory sessions, Pool pool) {
        this.sessions = sessions;
        this.pool = pool;
    }

    /** The staff member, or a 400 naming the field when unknown. */
    public Uni<StaffView> require(UUID staffId, String field) {
        return sessions.withSession(s -> s.find(StaffView.class, staffId)).invoke(v -> {
            if (v == null) {
                throw Rejection.invalid(field, "unknown staff member " + staffId);
            }
        });
    }

    public Uni<Boolean> departed(UUID staffId) {
        return pool.preparedQuery("SELECT 1 FROM staff_view WHERE id = $1 AND status = 'DEPARTED'")
                .execute(Tuple.of(staffId)).map(rows -> rows.size() > 0);
    }

    public Uni<Void> requireTeam(UUID teamId) {
        return pool.preparedQuery("SELECT 1 FROM team_view WHERE id = $1").execute(Tuple.of(teamId)).invoke(rows -> {
            if (rows.size() == 0) {
                throw Rejection.invalid("teamId", "unknown team " + teamId);
            }
        }).replaceWithVoid();
    }

    /** Staff of every team the manager manages. */
    public Uni<List<UUID>> teamOf(UUID managerId) {
        return sessions.withSession(s -> s.createSelectionQuery("select st.id from StaffView st where st.teamId in "
                + "(select t.id from TeamView t where t.managerId = :m)", UUID.class).setParameter("m", managerId)
                .getResultList());
    }
}
