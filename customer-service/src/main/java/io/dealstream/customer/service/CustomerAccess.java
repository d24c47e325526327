package io.dealstream.customer.service;

import io.dealstream.customer.domain.CustomerState;
import io.dealstream.support.security.Caller;
import io.dealstream.support.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;

/**
 * Who sees which customer: executives, admins, auditors and BI all; a manager the accounts owned by their teams'
 * staff; a rep the accounts they own or are on the account team of. Invisible is 404.
 */
@ApplicationScoped
public class CustomerAccess {

    /** What one caller may see. */
    public record Scope(boolean all, UUID me, Set<UUID> owners) {
        public static final Scope ALL = new Scope(true, null, Set.of());

        public boolean canSee(CustomerState c) {
            return all || (me != null && (me.equals(c.ownerId()) || c.accountTeam().containsKey(me)))
                    || owners.contains(c.ownerId());
        }
    }

    private final StaffDirectory directory;

    public CustomerAccess(StaffDirectory directory) {
        this.directory = directory;
    }

    /**
     * A manager (who is not also executive or admin) acts only on staff of the teams they manage, and on themselves
     * when {@code selfAllowed}: 403 otherwise. Everyone else passes (their role was checked by the endpoint).
     */
    public Uni<Void> requireInCharge(Caller caller, UUID staffId, boolean selfAllowed, String what) {
        if (!caller.has(Roles.MANAGER) || caller.has(Roles.EXECUTIVE) || caller.has(Roles.ADMIN)) {
            return Uni.createFrom().voidItem();
        }
        UUID me = caller.staffId();
        if (selfAllowed && me.equals(staffId)) {
            return Uni.createFrom().voidItem();
        }
        return directory.teamOf(me).invoke(team -> {
            if (!team.contains(staffId)) {
                throw io.dealstream.support.domain.Rejection.forbidden("a manager " + what
                        + " only for staff of the teams they manage");
            }
        }).replaceWithVoid();
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
