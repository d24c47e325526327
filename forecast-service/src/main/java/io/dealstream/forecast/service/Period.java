package io.dealstream.forecast.service;

import io.dealstream.support.domain.Rejection;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A forecast period: a month ({@code 2027-03}), a quarter ({@code 2027-Q1}) or a year ({@code 2027}), both days included. */
public record Period(String name, LocalDate from, LocalDate to) {

    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");

    /** Parses {@code ?period=}; without one, the quarter of {@code today}. A bad value is a 400 naming the parameter. */
    public static Period parse(String text, LocalDate today) {
        if (text == null || text.isBlank()) {
            return quarter(today.getYear(), (today.getMonthValue() - 1) / 3 + 1);
        }
        String t = text.trim().toUpperCase();
        Matcher m;
        if ((m = YEAR.matcher(t)).matches()) {
            int year = Integer.parseInt(m.group(1));
            return new Period(t, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
        }
        if ((m = QUARTER.matcher(t)).matches()) {
            return quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        if ((m = MONTH.matcher(t)).matches() && Integer.parseInt(m.group(2)) >= 1 && Integer.parseInt(m.group(2)) <= 12) {
            YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            return new Period(t, month.atDay(1), month.atEndOfMonth());
        }
        throw Rejection.invalid("period", "period must be a year (2027), a quarter (2027-Q1) or a month (2027-03), not '"
                + text + "'");
    }

    private static Period quarter(int year, int q) {
        LocalDate from = LocalDate.of(year, (q - 1) * 3 + 1, 1);
        return new Period(year + "-Q" + q, from, from.plusMonths(3).minusDays(1));
    }

    public boolean contains(LocalDate day) {
        return day != null && !day.isBefore(from) && !day.isAfter(to);
    }
}
