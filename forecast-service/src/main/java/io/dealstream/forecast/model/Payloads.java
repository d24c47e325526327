package io.dealstream.forecast.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealstream.support.messaging.IncomingEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Strict readers of the payload fields the read models need: a field that is required but missing or malformed makes
 * the event poison (an {@link IllegalArgumentException}, so it is dead-lettered), unknown fields are ignored.
 */
final class Payloads {

    private Payloads() {
    }

    static String text(IncomingEvent e, String field) {
        String text = e.text(field);
        if (text == null) {
            throw new IllegalArgumentException(e.type() + " without " + field);
        }
        return text;
    }

    static int integer(IncomingEvent e, String field) {
        Integer value = e.integer(field); // refuses what is no whole number
        if (value == null) {
            throw new IllegalArgumentException(e.type() + " without " + field);
        }
        return value;
    }

    /** Leniently, as it always was read: a value that is no whole number is what {@link JsonNode#asInt} makes of it. */
    static Integer optionalInteger(IncomingEvent e, String field) {
        if (!e.has(field)) {
            return null;
        }
        try {
            return e.integer(field);
        } catch (IllegalArgumentException notWhole) {
            return e.payload().get(field).asInt();
        }
    }

    static UUID uuid(IncomingEvent e, String field) {
        return UUID.fromString(text(e, field));
    }

    static LocalDate date(IncomingEvent e, String field) {
        return isoDate(text(e, field));
    }

    static LocalDate optionalDate(IncomingEvent e, String field) {
        String text = e.text(field);
        return text == null || text.isBlank() ? null : isoDate(text);
    }

    /** A date as {@link LocalDate#parse} reads it (without its formatter where it can: a twentieth of a rebuild's folding). */
    static LocalDate isoDate(String text) {
        return io.dealstream.support.time.Rfc3339.parseDate(text);
    }

    static Instant optionalInstant(IncomingEvent e, String field) {
        String text = e.text(field);
        return text == null || text.isBlank() ? null : Instant.parse(text);
    }

    /** A Money object {@code {"amount":"1.00","currency":"EUR"}}: [amount as a plain decimal string, currency]. */
    static String[] money(IncomingEvent e, String field) {
        if (!e.has(field)) {
            throw new IllegalArgumentException(e.type() + " without " + field);
        }
        String amount = e.text(field, "amount");
        String currency = e.text(field, "currency");
        if (amount == null || currency == null || !isCurrencyCode(currency)) {
            throw new IllegalArgumentException(e.type() + "." + field + " is not an amount with a currency");
        }
        return new String[] {plain(amount), currency};
    }

    /**
     * A decimal as {@code new BigDecimal(text).toPlainString()} writes it: text that is already so (digits without a
     * leading zero or sign, a point followed by digits) as it is, anything else through BigDecimal (which also refuses
     * what is no number).
     */
    static String plain(String text) {
        int n = text.length();
        int i = 0;
        if (n > 1 && text.charAt(0) == '0' && text.charAt(1) != '.') {
            return new BigDecimal(text).toPlainString(); // a leading zero goes
        }
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (i > 0 && i < n - 1 && text.charAt(i) == '.') {
            int point = i++;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            if (i > point + 1 && i == n) {
                return text;
            }
        } else if (i > 0 && i == n) {
            return text;
        }
        return new BigDecimal(text).toPlainString();
    }

    /** Three upper-case ASCII letters (ISO 4217's shape). */
    private static boolean isCurrencyCode(String text) {
        if (text.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            if (text.charAt(i) < 'A' || text.charAt(i) > 'Z') {
                return false;
            }
        }
        return true;
    }

    static List<UUID> uuids(IncomingEvent e, String field) {
        List<UUID> out = new ArrayList<>();
        JsonNode node = e.payload().get(field);
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(UUID.fromString(n.asText())));
        }
        return out;
    }
}
