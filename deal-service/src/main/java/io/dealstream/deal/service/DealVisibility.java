package io.dealstream.deal.service;

import io.dealstream.deal.domain.DealState;
import io.dealstream.support.security.Caller;
import io.dealstream.support.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Who sees which deal: managers, executives, admins, auditors and BI see all (managers to be narrowed to their team
 * once staff data arrives from customer-service); a rep sees the deals they own or hold a stage role on.
 */
@ApplicationScoped
public class DealVisibility {

    public boolean seesAll(Caller caller) {
        return caller.seesAll() || caller.has(Roles.BI);
    }

    public boolean canSee(Caller caller, DealState deal) {
        if (seesAll(caller)) {
            return true;
        }
        UUID me = staffIdOrNull(caller);
        return me != null && (me.equals(deal.ownerId()) || deal.roles().containsValue(me));
    }

    /** The caller's staff id, or null when the token subject is not one (such a caller sees no deal as a rep). */
    public UUID staffIdOrNull(Caller caller) {
        try {
            return UUID.fromString(caller.actor());
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
