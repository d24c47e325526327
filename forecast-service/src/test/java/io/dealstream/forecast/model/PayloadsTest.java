package io.dealstream.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The payload readers' own number parsing reads what the JDK's does, and refuses what it refuses. */
class PayloadsTest {

    @Test
    void amountsAreWrittenAsBigDecimalWritesThemPlain() {
        for (String text : new String[] {"0", "0.00", "00", "007.50", "7.50", "123", "-0.00", "-5.10", "+5", ".5",
            "5.", "1E+3", "1e-2", "12345678901234567890.123456789", "0.", "1.2.3", "", "-", "abc", "1,5", " 1"}) {
            assertPlainAsBigDecimal(text);
        }
        Random random = new Random(9);
        String alphabet = "0123456789.-+eE";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(8); k >= 0; k--) {
                text.append(alphabet.charAt(random.nextInt(random.nextBoolean() ? 10 : alphabet.length())));
            }
            assertPlainAsBigDecimal(text.toString());
        }
    }

    /** {@code plain(text)} is {@code new BigDecimal(text).toPlainString()}, or refuses it as BigDecimal does. */
    private static void assertPlainAsBigDecimal(String text) {
        String expected;
        try {
            expected = new BigDecimal(text).toPlainString();
        } catch (NumberFormatException e) {
            assertThatThrownBy(() -> Payloads.plain(text)).as(text).isInstanceOf(NumberFormatException.class);
            return;
        }
        assertThat(Payloads.plain(text)).as(text).isEqualTo(expected);
    }
}
