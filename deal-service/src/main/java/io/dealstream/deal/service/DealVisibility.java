package io.dealstream.deal.service;

import io.dealstream.deal.directory.Directory;
import io.dealstream.deal.domain.DealState;
import io.dealstream.support.security.Caller;
import io.dealstream.support.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;

/**
 * Who sees which deal: executives, admins, auditors and BI see all; a manager sees the deals owned by the staff of
 * the teams they manage; everyone sees the deals they own or hold a stage role on. Invisible is 404, never 403.
 */
@ApplicationScoped
public class DealVisibility {

    /** What one caller may see: everything, or deals they own or hold a role on, or owned by one of {@code owners}. */
    public record Scope(boolean all, UUID me, Set<UUID> owners) {

        public static final Scope ALL = new Scope(true, null, Set.of());

        public boolean canSee(DealState deal) {
            return all || (me != null && (me.equals(deal.ownerId()) || deal.roles().containsValue(me)))
                    || owners.contains(deal.ownerId());
        }
    }

    private final Directory directory;

    public DealVisibility(Directory directory) {
        this.directory = directory;
    }

    public Uni<Scope> scope(Caller caller) {
        if (caller.readsEverything()) {
            return Uni.createFrom().item(Scope.ALL);
        }
        UUID me = caller.staffIdOrNull();
        if (me != null && caller.has(Roles.MANAGER)) {
            return directory.teamOf(me).map(team -> new Scope(false, me, Set.copyOf(team)));
        }
        return Uni.createFrom().item(new Scope(false, me, Set.of()));
    }
}
