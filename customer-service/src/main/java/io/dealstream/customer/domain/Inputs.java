package io.dealstream.customer.domain;

import io.dealstream.support.domain.Rejection;
import io.dealstream.support.domain.Rejection.Violation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Checks and normalises what callers type, the same way for every decider of this service. */
final class Inputs {

    static final int MAX_NAME = 200;
    static final int MAX_SHORT = 100;
    static final int MAX_LABEL = 50;
    static final int MAX_TEXT = 2000;
    static final int MAX_SUMMARY = 4000;
    static final int MAX_ITEMS = 100;

    private Inputs() {
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw Rejection.invalid(field, field + " is required");
        }
        return value;
    }

    /** Stripped text; refused when missing, blank or longer than {@code max}. */
    static String requiredText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw Rejection.invalid(field, field + " is required");
        }
        return limited(value.strip(), field, max);
    }

    /** Stripped text, or null when missing or blank. */
    static String optionalText(String value, String field, int max) {
        return value == null || value.isBlank() ? null : limited(value.strip(), field, max);
    }

    /** For partial updates: null stays null (unchanged), blank becomes "" (clear), anything else is stripped. */
    static String changedText(String value, String field, int max) {
        if (value == null) {
            return null;
        }
        return value.isBlank() ? "" : limited(value.strip(), field, max);
    }

    /** Stripped, blanks dropped, duplicates dropped, order kept; null is an empty list. */
    static List<String> textList(List<String> values, String field, int maxLength) {
        if (values == null) {
            return List.of();
        }
        Set<String> kept = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                kept.add(limited(v.strip(), field, maxLength));
            }
        }
        if (kept.size() > MAX_ITEMS) {
            throw Rejection.invalid(field, field + " may have at most " + MAX_ITEMS + " entries");
        }
        return List.copyOf(kept);
    }

    /** Duplicates dropped, order kept; null is an empty list, a null element is refused. No size limit: a key
     * person's handover may list hundreds of accounts. */
    static <T> List<T> distinct(List<T> values, String field) {
        if (values == null) {
            return List.of();
        }
        Set<T> kept = new LinkedHashSet<>();
        for (T v : values) {
            kept.add(required(v, field + "[]"));
        }
        return List.copyOf(kept);
    }

    static EncryptedPersonalData personal(EncryptedPersonalData personal, String field) {
        required(personal, field);
        if (personal.keyId() == null || personal.keyId().isBlank()
                || personal.ciphertext() == null || personal.ciphertext().isBlank()) {
            throw Rejection.invalid(field, field + " must carry a key id and ciphertext");
        }
        return personal;
    }

    /** A departed staff member was named to receive something: an owner, a team seat, a successor, a handover item. */
    static Rejection departed(String field, UUID staffId) {
        String message = "staff member " + staffId + " has departed and cannot be assigned anything";
        return new Rejection(Rejection.Kind.INVALID, "staff-departed", message, List.of(new Violation(field, message)));
    }

    private static String limited(String value, String field, int max) {
        if (value.length() > max) {
            throw Rejection.invalid(field, field + " must be at most " + max + " characters");
        }
        return value;
    }
}
