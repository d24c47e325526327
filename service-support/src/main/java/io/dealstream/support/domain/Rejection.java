package io.dealstream.support.domain;

import java.util.List;

/**
 * A command refused by domain rules. Pure domain code throws it; the REST layer turns it into problem+json
 * (INVALID → 400, FORBIDDEN → 403, NOT_FOUND → 404, CONFLICT → 409).
 */
public class Rejection extends RuntimeException {

    /** Why a command was refused; decides the HTTP status. */
    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT }

    /** One problem with one input field or one unmet condition. */
    public record Violation(String field, String message) {
    }

    private final Kind kind;
    private final String code;
    private final List<Violation> violations;

    public Rejection(Kind kind, String code, String message, List<Violation> violations) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    public Rejection(Kind kind, String code, String message) {
        this(kind, code, message, List.of());
    }

    public static Rejection invalid(String field, String message) {
        return new Rejection(Kind.INVALID, "invalid-input", message, List.of(new Violation(field, message)));
    }

    public static Rejection conflict(String code, String message) {
        return new Rejection(Kind.CONFLICT, code, message);
    }

    public static Rejection forbidden(String message) {
        return new Rejection(Kind.FORBIDDEN, "forbidden", message);
    }

    public static Rejection notFound(String message) {
        return new Rejection(Kind.NOT_FOUND, "not-found", message);
    }

    public Kind kind() {
        return kind;
    }

    /** A stable, machine-readable slug, e.g. {@code stage-gate-unmet}; ends up in the problem type URI. */
    public String code() {
        return code;
    }

    public List<Violation> violations() {
        return violations;
    }
}
