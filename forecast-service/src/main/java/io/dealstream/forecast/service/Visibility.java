package io.dealstream.forecast.service;

import io.dealstream.forecast.model.ProcessDoc;
import io.dealstream.forecast.model.TeamDoc;
import io.dealstream.support.security.Caller;
import io.dealstream.support.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The {@link Scope} of a caller: executive, admin, auditor and bi see everyone's figures; a manager their own and
 * those of the members of the teams they manage (as staff-events last said); a rep their own. Queries that also need
 * the process configuration get it read alongside ({@link #scopeAndProcess}).
 */
@ApplicationScoped
public class Visibility {

    private final ReadModel readModel;

    public Visibility(ReadModel readModel) {
        this.readModel = readModel;
    }

    /** A caller's scope and the process configurations received (null while none). */
    public record ScopeAndProcess(Scope scope, ProcessDoc process) {
    }

    /**
     * The caller's scope and the process configurations, read at once: neither depends on the other, so a query
     * that needs both waits for the slower of the two reads, not for one after the other.
     */
    public Uni<ScopeAndProcess> scopeAndProcess(Caller caller) {
        // the process document is absent until deal-service published one: a null item, which combine() passes on
        return Uni.combine().all().unis(of(caller), readModel.process()).with(ScopeAndProcess::new);
    }

    public Uni<Scope> of(Caller caller) {
        if (caller.readsEverything()) {
            return Uni.createFrom().item(Scope.ALL);
        }
        UUID self = caller.staffIdOrNull();
        Set<UUID> staff = new HashSet<>();
        if (self != null) {
            staff.add(self);
        }
        if (!caller.has(Roles.MANAGER) || self == null) {
            return Uni.createFrom().item(new Scope(Set.copyOf(staff)));
        }
        return readModel.teamsManagedBy(self).chain(teams -> teams.isEmpty()
                ? Uni.createFrom().item(new Scope(Set.copyOf(staff)))
                : readModel.membersOf(teams.stream().map(TeamDoc::id).toList()).map(members -> {
                    members.forEach(s -> staff.add(s.id()));
                    return new Scope(Set.copyOf(staff));
                }));
    }
}
