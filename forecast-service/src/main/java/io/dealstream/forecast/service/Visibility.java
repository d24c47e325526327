package io.dealstream.forecast.service;

import io.dealstream.forecast.model.StaffDoc;
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
        return readModel.teams().chain(teams -> readModel.staff().map(members -> {
            Set<UUID> managed = new HashSet<>();
            for (TeamDoc t : teams) {
                if (self.equals(t.managerId())) {
                    managed.add(t.id());
                }
            }
            for (StaffDoc s : members.values()) {
                if (s.teamId() != null && managed.contains(s.teamId())) {
                    staff.add(s.id());
                }
            }
            return new Scope(Set.copyOf(staff));
        }));
    }
}
