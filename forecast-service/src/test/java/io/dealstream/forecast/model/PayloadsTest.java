package io.dealstream.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The payload readers' own number and date parsing reads what the JDK's does, and refuses what it refuses. */
class PayloadsTest {

    @Test
    void datesAreReadAsLocalDateParseReadsThem() {
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            LocalDate date = LocalDate.ofEpochDay(random.nextInt(800_000) - 400_000); // years about 900 to 3100
            String text = date.toString();
            assertThat(Payloads.isoDate(text)).isEqualTo(date);
        }
        for (String text : new String[] {"2030-02-29", "2031-02-29", "2030-04-31", "2030-13-01", "2030-00-10",
            "2030-01-00", "2030-1-01", "2030/01/01", "+12030-01-01", "2030-01-01T00:00", "20300101", "2O30-01-01",
            "", "2030-01-32"}) {
            assertSame(text);
        }
        assertThat(Payloads.isoDate("2028-02-29")).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(Payloads.isoDate("0000-01-01")).isEqualTo(LocalDate.of(0, 1, 1));
        assertThat(Payloads.isoDate("+12030-01-01")).isEqualTo(LocalDate.of(12030, 1, 1));
    }

    private static void assertSame(String text) {
        LocalDate expected;
        try {
            expected = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            assertThatThrownBy(() -> Payloads.isoDate(text)).as(text).isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(Payloads.isoDate(text)).as(text).isEqualTo(expected);
    }

    @Test
    void amountsAreWrittenAsBigDecimalWritesThemPlain() {
        for (String text : new String[] {"0", "0.00", "00", "007.50", "7.50", "123", "-0.00", "-5.10", "+5", ".5",
            "5.", "1E+3", "1e-2", "12345678901234567890.123456789", "0.", "1.2.3", "", "-", "abc", "1,5", " 1"}) {
            String expected;
            try {
                expected = new BigDecimal(text).toPlainString();
            } catch (NumberFormatException e) {
                assertThatThrownBy(() -> Payloads.plain(text)).as(text).isInstanceOf(NumberFormatException.class);
                continue;
            }
            assertThat(Payloads.plain(text)).as(text).isEqualTo(expected);
        }
        Random random = new Random(9);
        String alphabet = "0123456789.-+eE";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(8); k >= 0; k--) {
                text.append(alphabet.charAt(random.nextInt(random.nextBoolean() ? 10 : alphabet.length())));
            }
            String t = text.toString();
            String expected;
            try {
                expected = new BigDecimal(t).toPlainString();
            } catch (NumberFormatException e) {
                assertThatThrownBy(() -> Payloads.plain(t)).as(t).isInstanceOf(NumberFormatException.class);
                continue;
            }
            assertThat(Payloads.plain(t)).as(t).isEqualTo(expected);
        }
    }
}
