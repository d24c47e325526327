package io.dealstream.support.rest;

import io.dealstream.support.domain.Rejection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Parses query, path and header values that JAX-RS would otherwise turn into a bare 404 on bad input; a bad value
 * is a 400 naming the parameter.
 */
public final class Params {

    private Params() {
    }

    public static UUID uuid(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid(name, name + " must be a UUID");
        }
    }

    public static Integer integer(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw Rejection.invalid(name, name + " must be a whole number");
        }
    }

    public static LocalDate date(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw Rejection.invalid(name, name + " must be an ISO-8601 date such as 2027-03-31");
        }
    }

    /** An ISO-8601 instant, or a date meaning the end of that day (UTC). */
    public static Instant instant(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value.trim()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1000);
            } catch (DateTimeParseException e2) {
                throw Rejection.invalid(name, name + " must be an ISO-8601 instant such as 2027-01-15T10:00:00Z, or a date");
            }
        }
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid(name, name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** The version in an {@code If-Match} header ({@code "3"}, {@code W/"3"} or {@code 3}), or null when absent. */
    public static Long ifMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String v = header.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.valueOf(v);
        } catch (NumberFormatException e) {
            throw Rejection.invalid("If-Match", "If-Match must be an ETag this service issued, such as \"3\"");
        }
    }

    /** The ETag of a resource at a version. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
