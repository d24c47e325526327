package io.dealstream.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A deal's timeline packed and unpacked: every kind and field, exact bytes, and damaged input refused. */
class PackedHistoryTest {

    static final UUID OWNER = new UUID(0x0102030405060708L, 0x1112131415161718L);

    @Test
    void everyKindAndFieldComesBackAsItWas() {
        List<Change> history = List.of(
                Change.of(1, Instant.parse("2030-01-01T00:00:00.123456789Z"), Change.Kind.OPENED).withStage(1)
                        .withMoney("100.50", "EUR").withDate(LocalDate.parse("2030-03-31")).withOwner(OWNER, null),
                Change.of(2, Instant.parse("2030-01-10T00:00:00Z"), Change.Kind.STAGE).withStage(4).withFrom(1),
                Change.of(3, Instant.parse("2030-01-11T00:00:00Z"), Change.Kind.AMOUNT).withMoney("-0.01", "CHF"),
                Change.of(4, Instant.parse("1969-12-31T23:59:59.5Z"), Change.Kind.CLOSE_DATE)
                        .withDate(LocalDate.parse("1900-01-01")),
                Change.of(5, Instant.parse("2030-01-12T00:00:00Z"), Change.Kind.OWNER)
                        .withOwner(UUID.randomUUID(), UUID.randomUUID()).withReason("DEPARTURE", null),
                Change.of(6, Instant.parse("2030-01-13T00:00:00Z"), Change.Kind.BUYER_STAGE).withStage(3),
                Change.of(7, Instant.parse("2030-01-14T00:00:00Z"), Change.Kind.LOST).withStage(-2)
                        .withReason("PRICE", "Grüße \uD83D\uDE00 Ltd"),
                Change.of(8, Instant.parse("2030-01-15T00:00:00Z"), Change.Kind.REOPENED),
                Change.of(Long.MAX_VALUE, Instant.parse("2030-01-16T00:00:00Z"), Change.Kind.WON)
                        .withMoney("1000000000000.00", "EUR").withDate(LocalDate.parse("2030-01-16")));
        assertThat(Arrays.stream(Change.Kind.values())).allMatch(k -> history.stream().anyMatch(c -> c.kind() == k));
        assertThat(PackedHistory.unpack(PackedHistory.pack(history))).isEqualTo(history);
        assertThat(PackedHistory.unpack(PackedHistory.pack(List.of()))).isEmpty();
    }

    @Test
    void randomTimelinesComeBackAsTheyWere() {
        Random random = new Random(7);
        for (int n = 0; n < 200; n++) {
            List<Change> history = new ArrayList<>();
            int size = random.nextInt(40);
            for (int i = 0; i < size; i++) {
                Change c = Change.of(random.nextLong(), Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000)),
                        Change.Kind.values()[random.nextInt(Change.Kind.values().length)]);
                c = random.nextBoolean() ? c.withStage(random.nextInt()) : c;
                c = random.nextBoolean() ? c.withFrom(random.nextInt(9)) : c;
                c = random.nextBoolean() ? c.withMoney(random.nextInt() + ".00", random.nextBoolean() ? "EUR" : null) : c;
                c = random.nextBoolean() ? c.withDate(LocalDate.ofEpochDay(random.nextInt(100_000) - 50_000)) : c;
                c = random.nextBoolean() ? c.withOwner(UUID.randomUUID(), random.nextBoolean() ? UUID.randomUUID() : null) : c;
                c = random.nextBoolean() ? c.withReason("r" + random.nextInt(), random.nextBoolean() ? "" : null) : c;
                history.add(c);
            }
            byte[] packed = PackedHistory.pack(history);
            assertThat(PackedHistory.unpack(packed)).isEqualTo(history);
            assertThat(PackedHistory.pack(history)).isEqualTo(packed); // deterministic
        }
    }

    @Test
    void aTimelineHeldPackedGrowsByItsChangesBytesAndLeavesTheOldOneAsItWas() {
        Random random = new Random(3);
        List<Change> changes = new ArrayList<>();
        List<PackedHistory> grown = new ArrayList<>(List.of(PackedHistory.empty()));
        for (int v = 1; v <= 30; v++) {
            Change c = Change.of(v, Instant.ofEpochSecond(1_900_000_000L + v * 3600L, random.nextInt(1_000_000_000)),
                    v == 1 ? Change.Kind.OPENED : Change.Kind.STAGE).withStage(random.nextInt(8) + 1);
            c = v == 1 ? c.withMoney("10.00", "EUR").withOwner(OWNER, null) : c.withFrom(random.nextInt(8) + 1);
            changes.add(c);
            grown.add(grown.get(grown.size() - 1).with(c));
        }
        for (int n = 0; n <= 30; n++) {
            PackedHistory h = grown.get(n);
            assertThat(h).hasSize(n).isEqualTo(changes.subList(0, n)); // each step as it was, the later ones appended
            assertThat(h.bytes()).isEqualTo(PackedHistory.pack(changes.subList(0, n))); // the bytes of packing it whole
            assertThat(PackedHistory.unpack(h.bytes())).isEqualTo(h);
        }
        assertThat(PackedHistory.of(grown.get(5))).isSameAs(grown.get(5));
        assertThat(grown.get(30).get(29)).isEqualTo(changes.get(29));
    }

    @Test
    void theBytesAreTheDocumentedFormat() {
        // OPENED (code 0) v1 at 1 s + 5 ns, stage 1, 1.5 EUR, closing on epoch day 2, owned by OWNER
        Change opened = Change.of(1, Instant.ofEpochSecond(1, 5), Change.Kind.OPENED).withStage(1).withMoney("1.5", "EUR")
                .withDate(LocalDate.ofEpochDay(2)).withOwner(OWNER, null);
        // REOPENED (code 8) v300 at -1 s, nothing else
        Change reopened = Change.of(300, Instant.ofEpochSecond(-1), Change.Kind.REOPENED);
        byte[] expected = {
            1, 2, // format, two changes
            0, 1 + 4 + 8 + 16 + 32, 2, 2, 5, // kind, fields present (stage, amount, currency, date, owner), v, s (zigzag), ns (unsigned)
            2, 3, '1', '.', '5', 3, 'E', 'U', 'R', 4, // stage 1, "1.5", "EUR", day 2
            1, 2, 3, 4, 5, 6, 7, 8, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, // owner
            8, 0, (byte) 0xD8, 4, 1, 0 // kind 8, no fields, v 300 (zigzag 600 = 0xD8 0x04), -1 s (zigzag 1), 0 ns
        };
        assertThat(PackedHistory.pack(List.of(opened, reopened))).isEqualTo(expected);
        // a bench deal's twenty changes: about 16 bytes each (as sub-documents they took about 90)
        List<Change> twenty = new ArrayList<>(List.of(opened));
        for (int v = 2; v <= 20; v++) {
            twenty.add(Change.of(v, Instant.parse("2030-06-01T00:00:00Z").plusSeconds(3600L * v), Change.Kind.STAGE)
                    .withStage(v % 8 + 1).withFrom((v + 7) % 8 + 1));
        }
        assertThat(PackedHistory.pack(twenty).length).isLessThan(20 * 16);
    }

    @Test
    void damagedBytesAreRefused() {
        byte[] packed = PackedHistory.pack(List.of(Change.of(1, Instant.EPOCH, Change.Kind.REOPENED).withReason("x", "y")));
        assertThatThrownBy(() -> PackedHistory.unpack(Arrays.copyOf(packed, packed.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] longer = Arrays.copyOf(packed, packed.length + 1);
        assertThatThrownBy(() -> PackedHistory.unpack(longer)).isInstanceOf(IllegalArgumentException.class);
        byte[] otherFormat = packed.clone();
        otherFormat[0] = 2;
        assertThatThrownBy(() -> PackedHistory.unpack(otherFormat)).isInstanceOf(IllegalArgumentException.class);
        byte[] unknownKind = packed.clone();
        unknownKind[2] = 9;
        assertThatThrownBy(() -> PackedHistory.unpack(unknownKind)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numbersOutOfTheirRangeAreRefused() {
        byte[] max = {-1, -1, -1, -1, -1, -1, -1, -1, -1}; // nine bytes of 7 bits set, continued: 63 bits so far
        // a kind code of 2^64 - 1 (negative as a long): refused, not an index out of bounds
        assertRefused(concat(new byte[] {1, 1}, max, new byte[] {1}, new byte[] {0, 0, 0, 0}));
        // an eleven-byte number, a tenth byte above 1: more than 64 bits
        assertRefused(concat(new byte[] {1, 1}, max, new byte[] {2}));
        // a count of 2^64 - 1 (negative as a long)
        assertRefused(concat(new byte[] {1}, max, new byte[] {1}));
        // an unknown field bit (1 << 9)
        assertRefused(new byte[] {1, 1, 0, (byte) 0x80, 4, 2, 0, 0});
        // a stage beyond an int: 2^32 (zigzag 2^33)
        assertRefused(new byte[] {1, 1, 5, 1, 2, 0, 0, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x20});
        // 10^9 nanoseconds (0x80 0x94 0xEB 0xDC 0x03)
        assertRefused(new byte[] {1, 1, 8, 0, 2, 0, (byte) 0x80, (byte) 0x94, (byte) 0xEB, (byte) 0xDC, 0x03});
        // a time beyond Instant.MAX (2^62 s, zigzag 2^63: nine 0x80 then 1)
        assertRefused(concat(new byte[] {1, 1, 8, 0, 2},
                new byte[] {-128, -128, -128, -128, -128, -128, -128, -128, -128, 1}, new byte[] {0}));
        // a text whose length is negative as a long (2^64 - 1)
        assertRefused(concat(new byte[] {1, 1, 7, (byte) 0x80, 1, 2, 0, 0}, max, new byte[] {1}));
        // a number longer than it needs (v = 1 as 0x82 0x00)
        assertRefused(new byte[] {1, 1, 8, 0, (byte) 0x82, 0, 0, 0});
        // text that is no UTF-8 (a reason of the one byte 0xFF)
        assertRefused(new byte[] {1, 1, 7, (byte) 0x80, 1, 2, 0, 0, 1, (byte) 0xFF});
        // a date beyond LocalDate.MAX (epoch day 2^40, zigzag 2^41)
        assertRefused(new byte[] {1, 1, 3, 16, 2, 0, 0, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
            (byte) 0x80, 0x40});
    }

    @Test
    void anyDamageIsAnIllegalArgumentNeverAnotherException() {
        Random random = new Random(11);
        List<Change> history = List.of(
                Change.of(1, Instant.parse("2030-01-01T00:00:00.5Z"), Change.Kind.OPENED).withStage(1)
                        .withMoney("100.50", "EUR").withDate(LocalDate.parse("2030-03-31")).withOwner(OWNER, null),
                Change.of(2, Instant.parse("2030-01-10T00:00:00Z"), Change.Kind.LOST).withStage(4)
                        .withReason("PRICE", "Acme"));
        byte[] packed = PackedHistory.pack(history);
        int refused = 0;
        for (int n = 0; n < 20_000; n++) {
            byte[] damaged = packed.clone();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                damaged[1 + random.nextInt(damaged.length - 1)] = (byte) random.nextInt(256);
            }
            try {
                assertThat(PackedHistory.unpack(damaged)).isNotNull();
            } catch (IllegalArgumentException expected) {
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(1000);
    }

    private static void assertRefused(byte[] bytes) {
        assertThatThrownBy(() -> PackedHistory.unpack(bytes)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
