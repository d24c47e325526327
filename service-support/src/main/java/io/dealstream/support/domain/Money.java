package io.dealstream.support.domain;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * A decimal amount with an ISO 4217 currency. Never floating point; serialised with the amount as a string.
 */
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {

    /** Largest amount accepted: 10^15 units, far above any single deal. */
    private static final BigDecimal MAX = new BigDecimal("1000000000000000");
    private static final int MAX_SCALE = 4;

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    /** Parses and validates user input; throws an INVALID {@link Rejection} naming the field at fault. */
    public static Money parse(String amount, String currency) {
        if (amount == null || amount.isBlank()) {
            throw Rejection.invalid("amount", "amount is required, as a decimal string such as \"125000.00\"");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            throw Rejection.invalid("amount", "amount must be a decimal number such as \"125000.00\", not \"" + amount + "\"");
        }
        if (value.scale() < 0) {
            value = value.setScale(0); // "1e3" is stored and shown as "1000", never in exponent notation
        }
        if (value.signum() < 0) {
            throw Rejection.invalid("amount", "amount must not be negative");
        }
        if (value.compareTo(MAX) >= 0) {
            throw Rejection.invalid("amount", "amount must be less than 10^15");
        }
        if (value.scale() > MAX_SCALE) {
            throw Rejection.invalid("amount", "amount may have at most " + MAX_SCALE + " decimal places");
        }
        return new Money(value, currency(currency));
    }

    /** Validates an ISO 4217 currency code (three upper-case letters known to the JDK). */
    public static String currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw Rejection.invalid("currency", "currency must be an ISO 4217 code such as EUR or USD");
        }
        try {
            Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid("currency", "unknown ISO 4217 currency code: " + code);
        }
        return code;
    }

    public Money multiply(BigDecimal factor) {
        return new Money(amount.multiply(factor), currency);
    }
}
