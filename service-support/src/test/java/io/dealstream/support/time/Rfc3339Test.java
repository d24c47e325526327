package io.dealstream.support.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-11-27T10:05:28Z", "2026-11-27T10:05:28.1Z", "2026-11-27T10:05:28.123456Z",
            "2026-11-27T10:05:28.123456789Z", "2026-11-27T10:05:28+01:00", "2026-11-27T00:05:28.5-05:30",
            "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00Z", "2099-12-31T23:59:59+14:00",
            // not the common shape: the formatter decides
            "2026-11-27t10:05:28z", "2026-11-27T10:05Z", "2026-11-27T10:00:00.Z"})
    void gives_what_offset_date_time_gives(String text) {
        assertEquals(OffsetDateTime.parse(text).toInstant(), Rfc3339.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-27T24:00:00Z",
            "2026-11-27T10:60:00Z", "2026-11-27T10:00:00", "2026-11-27T10:00:00+1:00",
            "2026-11-27 10:00:00Z", "2026-11-27T10:05:28.1234567890Z", "yesterday", ""})
    void rejects_what_offset_date_time_rejects(String text) {
        assertThrows(DateTimeException.class, () -> OffsetDateTime.parse(text));
        assertThrows(DateTimeException.class, () -> Rfc3339.parse(text));
    }

    @Test
    void random_instants_and_offsets_round_trip() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 5_000_000_000L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(-18 * 4, 18 * 4 + 1)) * 900);
            String text = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(offset));
            assertEquals(instant, Rfc3339.parse(text), text);
        }
    }

    @Test
    void formats_as_instant_to_string() {
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            long second = switch (i % 4) {
                case 0 -> random.nextLong(-62_167_219_200L - 1000, 253_402_300_800L + 1000); // years -1 .. 10000
                case 1 -> random.nextLong(-2_000_000_000L, 5_000_000_000L);
                case 2 -> random.nextLong(-100_000_000_000L, 400_000_000_000L);
                default -> random.nextInt(86_400 * 3) - 86_400; // around the epoch
            };
            int nano = switch (random.nextInt(5)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nano);
            assertEquals(instant.toString(), Rfc3339.format(instant));
        }
        for (Instant edge : new Instant[] {Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("2030-01-01T10:00:00.100Z")}) {
            assertEquals(edge.toString(), Rfc3339.format(edge));
        }
    }

    @Test
    void datesAreReadAsLocalDateParseReadsThem() {
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            java.time.LocalDate date = java.time.LocalDate.ofEpochDay(random.nextInt(800_000) - 400_000); // years ~900-3100
            assertEquals(date, Rfc3339.parseDate(date.toString()));
        }
        for (String text : new String[] {"2030-02-29", "2031-02-29", "2030-04-31", "2030-13-01", "2030-00-10",
            "2030-01-00", "2030-1-01", "2030/01/01", "+12030-01-01", "2030-01-01T00:00", "20300101", "2O30-01-01",
            "", "2030-01-32", "2028-02-29", "0000-01-01"}) {
            java.time.LocalDate expected;
            try {
                expected = java.time.LocalDate.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                assertThrows(java.time.format.DateTimeParseException.class, () -> Rfc3339.parseDate(text), text);
                continue;
            }
            assertEquals(expected, Rfc3339.parseDate(text), text);
        }
    }
}
