package io.dealstream.deal.view;

import io.dealstream.deal.domain.DealStatus;
import io.dealstream.support.rest.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Reads of {@code deal_view}: filtered, keyset-paged lists (newest first) and single rows. */
@ApplicationScoped
public class DealQueries {

    /**
     * List filters; null means "any". Unless {@code everything}, only deals owned by or with a stage role held by
     * {@code me}, or owned by one of {@code owners} (a manager's team), are listed.
     */
    public record Filter(UUID ownerId, UUID customerId, Integer stage, DealStatus status, LocalDate closeFrom,
                         LocalDate closeTo, boolean everything, UUID me, Set<UUID> owners) {
    }

    private final Mutiny.SessionFactory sessions;

    public DealQueries(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Uni<List<DealView>> list(Filter f, PageRequest page) {
        StringBuilder hql = new StringBuilder("from DealView v where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        where(hql, params, f.ownerId(), "v.ownerId = :owner", "owner");
        where(hql, params, f.customerId(), "v.customerId = :customer", "customer");
        where(hql, params, f.stage(), "v.stage = :stage", "stage");
        where(hql, params, f.status() == null ? null : f.status().name(), "v.status = :status", "status");
        where(hql, params, f.closeFrom(), "v.expectedCloseDate >= :closeFrom", "closeFrom");
        where(hql, params, f.closeTo(), "v.expectedCloseDate <= :closeTo", "closeTo");
        if (!f.everything()) {
            String mine = "(v.ownerId = :me or exists (select 1 from DealParticipant p where p.dealId = v.id and p.staffId = :me))";
            hql.append(" and (").append(f.owners().isEmpty() ? mine : mine + " or v.ownerId in :owners").append(")");
            params.put("me", f.me());
            if (!f.owners().isEmpty()) {
                params.put("owners", f.owners());
            }
        }
        if (!page.first()) {
            if (page.after().size() != 2) {
                throw io.dealstream.support.domain.Rejection.invalid("cursor", "cursor is not one this service issued");
            }
            try {
                params.put("afterOpened", Instant.parse(page.after().get(0)));
                params.put("afterId", UUID.fromString(page.after().get(1)));
            } catch (RuntimeException e) {
                throw io.dealstream.support.domain.Rejection.invalid("cursor", "cursor is not one this service issued");
            }
            hql.append(" and (v.openedAt < :afterOpened or (v.openedAt = :afterOpened and v.id < :afterId))");
        }
        hql.append(" order by v.openedAt desc, v.id desc");
        return sessions.withSession(s -> {
            var q = s.createSelectionQuery(hql.toString(), DealView.class);
            params.forEach(q::setParameter);
            return q.setMaxResults(page.limit() + 1).getResultList();
        });
    }

    /** Ids of the customer's open deals owned by {@code ownerId}. */
    public Uni<List<UUID>> openDealsOf(UUID customerId, UUID ownerId) {
        return sessions.withSession(s -> s.createSelectionQuery("select v.id from DealView v where v.customerId = :c"
                        + " and v.ownerId = :o and v.status = 'OPEN' order by v.openedAt", UUID.class)
                .setParameter("c", customerId).setParameter("o", ownerId).getResultList());
    }

    public static String cursorOf(DealView v) {
        return PageRequest.cursor(v.openedAt.toString(), v.id.toString());
    }

    private static void where(StringBuilder hql, Map<String, Object> params, Object value, String clause, String name) {
        if (value != null) {
            hql.append(" and ").append(clause);
            params.put(name, value);
        }
    }
}
