package io.dealstream.support.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Money#parse}: user input to a decimal amount with an ISO 4217 currency, or an INVALID rejection. */
class MoneyTest {

    private static Rejection rejected(String amount, String currency) {
        Rejection r = catchThrowableOfType(() -> Money.parse(amount, currency), Rejection.class);
        assertThat(r).as("expected %s %s to be refused", amount, currency).isNotNull();
        assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
        assertThat(r.code()).isEqualTo("invalid-input");
        return r;
    }

    private static void assertAmountRefused(String amount, String message) {
        assertThat(rejected(amount, "EUR").violations()).containsExactly(new Rejection.Violation("amount", message));
    }

    @Test
    void parsesADecimalKeepingItsScale() {
        assertThat(Money.parse("125000.50", "EUR")).isEqualTo(new Money(new BigDecimal("125000.50"), "EUR"));
        assertThat(Money.parse(" 0 ", "USD")).isEqualTo(new Money(BigDecimal.ZERO, "USD"));
        assertThat(Money.parse("1.2345", "JPY").amount()).isEqualByComparingTo("1.2345");
    }

    @Test
    void refusesANegativeAmount() {
        assertAmountRefused("-1.00", "amount must not be negative");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "12,50", "1.2.3", "NaN", "€100"})
    void refusesANonNumericAmount(String amount) {
        assertThat(rejected(amount, "EUR").violations()).extracting(Rejection.Violation::field).containsExactly("amount");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void refusesAMissingAmount(String amount) {
        assertThat(rejected(amount, "EUR").violations()).extracting(Rejection.Violation::field).containsExactly("amount");
    }

    @Test
    void refusesMoreThanFourDecimals() {
        assertAmountRefused("1.23456", "amount may have at most 4 decimal places");
    }

    @Test
    void refusesAmountsFrom10To15() {
        assertAmountRefused("1000000000000000", "amount must be less than 10^15");
        assertThat(Money.parse("999999999999999.99", "EUR").amount()).isEqualByComparingTo("999999999999999.99");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"eur", "EU", "EURO", "E1R"})
    void refusesAMalformedCurrency(String currency) {
        Rejection r = rejected("10", currency);
        assertThat(r.violations()).containsExactly(
                new Rejection.Violation("currency", "currency must be an ISO 4217 code such as EUR or USD"));
    }

    @Test
    void refusesAnUnknownCurrency() {
        Rejection r = rejected("10", "QQQ");
        assertThat(r.violations()).containsExactly(
                new Rejection.Violation("currency", "unknown ISO 4217 currency code: QQQ"));
    }
}
