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

    static JsonNode required(IncomingEvent e, String field) {
        JsonNode node = e.payload().get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException(e.type() + " without " + field);
        }
        return node;
    }

    static String text(IncomingEvent e, String field) {
        return required(e, field).asText();
    }

    static int integer(IncomingEvent e, String field) {
        JsonNode node = required(e, field);
        if (!node.canConvertToInt()) {
            throw new IllegalArgumentException(e.type() + "." + field + " is not a whole number");
        }
        return node.asInt();
    }

    static Integer optionalInteger(IncomingEvent e, String field) {
        JsonNode node = e.payload().get(field);
        return node == null || node.isNull() ? null : node.asInt();
    }

    static UUID uuid(IncomingEvent e, String field) {
        return UUID.fromString(text(e, field));
    }

    static LocalDate date(IncomingEvent e, String field) {
        return LocalDate.parse(text(e, field));
    }

    static LocalDate optionalDate(IncomingEvent e, String field) {
        String text = e.text(field);
        return text == null || text.isBlank() ? null : LocalDate.parse(text);
    }

    static Instant optionalInstant(IncomingEvent e, String field) {
        String text = e.text(field);
        return text == null || text.isBlank() ? null : Instant.parse(text);
    }

    /** A Money object {@code {"amount":"1.00","currency":"EUR"}}: [amount as a plain decimal string, currency]. */
    static String[] money(IncomingEvent e, String field) {
        JsonNode money = required(e, field);
        String amount = money.path("amount").asText(null);
        String currency = money.path("currency").asText(null);
        if (amount == null || currency == null || !isCurrencyCode(currency)) {
            throw new IllegalArgumentException(e.type() + "." + field + " is not an amount with a currency");
        }
        return new String[] {new BigDecimal(amount).toPlainString(), currency};
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
