package io.dealstream.forecast.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/** Decimal amounts as the API shows them: exact, at least two decimal places, never floating point. */
public final class Amounts {

    private Amounts() {
    }

    public static String text(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return amount.setScale(Math.max(2, stripped.scale()), RoundingMode.UNNECESSARY).toPlainString();
    }

    /** A share (0..1) with four decimal places, or null when there is nothing to share. */
    public static BigDecimal share(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.divide(whole, 4, RoundingMode.HALF_EVEN);
    }

    /** A ratio of counts with four decimal places, or null when the denominator is zero. */
    public static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
    }

    /** An average of days with one decimal place, or null without values. */
    public static BigDecimal averageDays(long totalDays, long count) {
        return count == 0 ? null : BigDecimal.valueOf(totalDays).divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_EVEN);
    }

    /** Sums per currency, in currency order. */
    public static final class PerCurrency {
        private final Map<String, BigDecimal> sums = new TreeMap<>();

        public void add(String currency, BigDecimal amount) {
            sums.merge(currency, amount, BigDecimal::add);
        }

        public Map<String, String> texts() {
            Map<String, String> out = new TreeMap<>();
            sums.forEach((c, a) -> out.put(c, text(a)));
            return out;
        }

        public Map<String, BigDecimal> values() {
            return sums;
        }
    }
}
