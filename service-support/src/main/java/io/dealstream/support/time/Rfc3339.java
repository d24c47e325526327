package io.dealstream.support.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * RFC 3339 timestamps ({@code ce_time}, {@code occurredAt}) to instants and back, without
 * {@link java.time.format.DateTimeFormatter} for the common shapes: the formatter took half the time of reading an event
 * in a projection rebuild, and a tenth of writing its documents. {@link #parse} reads
 * {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)}; anything else (lower-case separators, leap seconds, ...) goes through
 * {@link OffsetDateTime#parse}, so the result is always what that would give, or its exception. {@link #format} writes
 * exactly what {@link Instant#toString} writes; {@link #parseDate} reads a full-date as {@link LocalDate#parse} does.
 */
public final class Rfc3339 {

    private Rfc3339() {
    }

    public static Instant parse(String text) {
        Instant fast = fast(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /**
     * An RFC 3339 full-date ({@code yyyy-MM-dd}, e.g. an expected close date) as {@link LocalDate#parse} reads it: the
     * usual ten characters directly, anything else (and any date that does not exist) by {@code LocalDate.parse},
     * which says why.
     */
    public static LocalDate parseDate(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            if ((year | month | day) >= 0 && month >= 1 && month <= 12 && day >= 1
                    && day <= java.time.Month.of(month).length(java.time.Year.isLeap(year))) {
                return LocalDate.of(year, month, day);
            }
        }
        return LocalDate.parse(text);
    }

    /**
     * The same text as {@link Instant#toString} ({@code 2030-01-01T10:00:00Z}, a fraction in groups of three digits when
     * there is one), written directly for the years 0 to 9999 and by {@code Instant.toString} otherwise.
     */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long epochDay = Math.floorDiv(seconds, 86_400);
        if (epochDay < YEAR_0 || epochDay > YEAR_9999_END) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        int nanos = instant.getNano();
        byte[] out = new byte[nanos == 0 ? 20 : nanos % 1000_000 == 0 ? 24 : nanos % 1000 == 0 ? 27 : 30];
        put(out, 0, date.getYear(), 4);
        out[4] = '-';
        put(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        if (out.length > 20) {
            out[19] = '.';
            int digits = out.length - 21;
            put(out, 20, nanos / POWERS[9 - digits], digits);
        }
        out[out.length - 1] = 'Z';
        return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static final long YEAR_0 = LocalDate.of(0, 1, 1).toEpochDay();
    private static final long YEAR_9999_END = LocalDate.of(9999, 12, 31).toEpochDay();
    private static final int[] POWERS = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

    /** Writes {@code value} as {@code count} decimal digits, zero-padded, at {@code at}. */
    private static void put(byte[] out, int at, int value, int count) {
        for (int k = at + count - 1; k >= at; k--) {
            out[k] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The instant, or null where the text is not of the common shape (the caller falls back to the formatter). */
    private static Instant fast(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return null;
            }
            nanos = digits(s, start, count);
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        if (i >= n) {
            return null;
        }
        int offsetSeconds;
        char zone = s.charAt(i);
        if (zone == 'Z' && i + 1 == n) {
            offsetSeconds = 0;
        } else if ((zone == '+' || zone == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if ((oh | om) < 0 || oh > 18 || om > 59) {
                return null;
            }
            offsetSeconds = (zone == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay(); // validates the day of the month
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
    }

    /** The decimal value of {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int k = from; k < from + count; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
