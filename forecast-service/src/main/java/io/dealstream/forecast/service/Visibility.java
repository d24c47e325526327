package io.dealstream.forecast.service;

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
 * those of the members of the teams they manage (as staff-events last said); a rep their own.
 */
@ApplicationScoped
public class Visibility {

    private final ReadModel readModel;

    public Visibility(ReadModel readModel) {
        this.readModel = readModel;
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
