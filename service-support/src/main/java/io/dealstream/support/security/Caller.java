package io.dealstream.support.security;

import io.dealstream.support.domain.Rejection;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The authenticated caller of this request: staff id from the token's {@code sub}, roles from {@code groups}.
 * Every event records {@link #actor()} as who did it.
 */
@RequestScoped
public class Caller {

    private final JsonWebToken token;

    public Caller(JsonWebToken token) {
        this.token = token;
    }

    /** The token subject, recorded as the actor of every event. */
    public String actor() {
        return token.getSubject();
    }

    /** The caller's staff id; a token whose subject is not a staff id (UUID) cannot act as staff. */
    public UUID staffId() {
        try {
            return UUID.fromString(token.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Rejection.forbidden("the token's subject is not a staff id (UUID)");
        }
    }

    /** The caller's staff id, or null when the token subject is not one (such a caller owns nothing). */
    public UUID staffIdOrNull() {
        try {
            return token.getSubject() == null ? null : UUID.fromString(token.getSubject());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public Set<String> roles() {
        return token.getGroups();
    }

    public boolean has(String role) {
        return token.getGroups().contains(role);
    }

    /** Executives, admins, auditors and BI read every customer, deal and figure (ARCHITECTURE.md, Security). */
    public boolean readsEverything() {
        return has(Roles.EXECUTIVE) || has(Roles.ADMIN) || has(Roles.AUDITOR) || has(Roles.BI);
    }

    /** Managers and above may override stage gates and record reviews. */
    public boolean isManagerOrAbove() {
        return has(Roles.MANAGER) || has(Roles.EXECUTIVE) || has(Roles.ADMIN);
    }
}
