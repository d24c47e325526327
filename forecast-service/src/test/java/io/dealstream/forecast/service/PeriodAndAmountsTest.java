package io.dealstream.forecast.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealstream.forecast.model.ProcessConfig;
import io.dealstream.forecast.model.ProcessDoc;
import io.dealstream.support.domain.Rejection;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Periods, amounts, concentration and the configuration in force (plain JUnit, no servers). */
class PeriodAndAmountsTest {

    @Test
    void periods() {
        assertThat(Period.parse("2027-Q1", LocalDate.now())).isEqualTo(
                new Period("2027-Q1", LocalDate.of(2027, 1, 1), LocalDate.of(2027, 3, 31)));
        assertThat(Period.parse("2028-02", LocalDate.now()).to()).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(Period.parse("2027", LocalDate.now()).to()).isEqualTo(LocalDate.of(2027, 12, 31));
        assertThat(Period.parse(null, LocalDate.of(2027, 8, 15)).name()).isEqualTo("2027-Q3");
        assertThat(Period.parse("2027-q4", LocalDate.now()).from()).isEqualTo(LocalDate.of(2027, 10, 1));
        for (String bad : List.of("2027-Q0", "2027-00", "2027-13", "27", "Q1", "2027-1", "x")) {
            assertThatThrownBy(() -> Period.parse(bad, LocalDate.now())).isInstanceOf(Rejection.class);
        }
    }

    @Test
    void amountsAreExactWithAtLeastTwoDecimals() {
        assertThat(Amounts.text(new BigDecimal("45000.0000"))).isEqualTo("45000.00");
        assertThat(Amounts.text(new BigDecimal("0.0045"))).isEqualTo("0.0045");
        assertThat(Amounts.text(new BigDecimal("1E+3"))).isEqualTo("1000.00");
        assertThat(Amounts.share(BigDecimal.ONE, new BigDecimal(3))).isEqualByComparingTo("0.3333");
        assertThat(Amounts.ratio(1, 0)).isNull();
    }

    @Test
    void topTwentyPercentIsAtLeastOneRepRoundedUp() {
        UUID a = UUID.fromString("00000000-0000-0000-0000-00000000000a");
        UUID b = UUID.fromString("00000000-0000-0000-0000-00000000000b");
        var six = new java.util.TreeMap<UUID, BigDecimal>();
        for (int i = 0; i < 6; i++) {
            six.put(UUID.randomUUID(), new BigDecimal(10 * (i + 1)));
        }
        // 6 reps: 20% = 1.2 → 2 reps: 60 + 50 of 210
        assertThat(Turnover.concentration(Map.of("EUR", six), new BigDecimal("0.20")).get(0))
                .satisfies(c -> {
                    assertThat(c.topReps()).isEqualTo(2);
                    assertThat(c.topAmount()).isEqualTo("110.00");
                    assertThat(c.share()).isEqualByComparingTo("0.5238");
                });
        // ties broken by rep id
        var tie = new java.util.TreeMap<UUID, BigDecimal>(Map.of(b, BigDecimal.TEN, a, BigDecimal.TEN));
        assertThat(Turnover.concentration(Map.of("EUR", tie), new BigDecimal("0.20")).get(0).topRepIds()).containsExactly(a);
    }

    @Test
    void theConfigurationInForceIsTheLatestByBusinessTime() {
        ProcessConfig defaults = ProcessConfig.defaults();
        ProcessConfig other = new ProcessConfig(List.of(new ProcessConfig.Stage(1, "only", BigDecimal.ONE, "COMMIT")),
                2, BigDecimal.ONE, "CLOSED");
        ProcessDoc doc = new ProcessDoc(UUID.randomUUID(), 2, List.of(
                new ProcessDoc.Configured(1, Instant.parse("2040-01-01T00:00:00Z"), other),
                new ProcessDoc.Configured(2, Instant.parse("2030-01-01T00:00:00Z"), defaults)));
        assertThat(ProcessDoc.inForce(doc, Instant.parse("2029-01-01T00:00:00Z"))).isEqualTo(defaults); // none yet
        assertThat(ProcessDoc.inForce(doc, Instant.parse("2035-01-01T00:00:00Z"))).isSameAs(defaults);
        assertThat(ProcessDoc.inForce(doc, Instant.parse("2041-01-01T00:00:00Z"))).isSameAs(other);
    }
}
