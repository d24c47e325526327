package io.dealstream.forecast.service;

import java.util.Set;
import java.util.UUID;

/**
 * Whose figures a caller may see: everyone's ({@code staff == null}: executive, admin, auditor, bi), or those of a set
 * of staff members (a rep: themselves; a manager: themselves and the members of the teams they manage).
 */
public record Scope(Set<UUID> staff) {

    public static final Scope ALL = new Scope(null);

    public boolean all() {
        return staff == null;
    }

    public boolean sees(UUID ownerId) {
        return staff == null || (ownerId != null && staff.contains(ownerId));
    }
}
