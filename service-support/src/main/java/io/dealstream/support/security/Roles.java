package io.dealstream.support.security;

/** The roles a token's {@code groups} claim may carry (ARCHITECTURE.md, "Security"). */
public final class Roles {

    public static final String REP = "rep";
    public static final String MANAGER = "manager";
    public static final String EXECUTIVE = "executive";
    public static final String ADMIN = "admin";
    /** Reads everything, including history and audit; writes nothing. */
    public static final String AUDITOR = "auditor";
    /** Reads events and analytics; no personal data. */
    public static final String BI = "bi";

    private Roles() {
    }
}
