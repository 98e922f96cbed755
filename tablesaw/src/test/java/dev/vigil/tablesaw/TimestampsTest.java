package dev.vigil.tablesaw;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.columns.dates.PackedLocalDate;
import tech.tablesaw.columns.instant.PackedInstant;

class TimestampsTest {
    @Test
    void packsEveryInstantAsTablesawPacksItAndReadsItBack() {
        Random random = new Random(7);
        Timestamps.Packer packer = new Timestamps.Packer();
        long min = LocalDate.of(Timestamps.MIN_YEAR, 1, 1).toEpochDay() * Timestamps.MILLIS_PER_DAY;
        long max = (LocalDate.of(Timestamps.MAX_YEAR, 12, 31).toEpochDay() + 1) * Timestamps.MILLIS_PER_DAY - 1;
        List<Long> samples = new ArrayList<>(List.of(0L, -1L, 1L, min, max, 1_709_532_000_123L, -86_400_000L, 951_782_400_000L));
        for (int i = 0; i < 20_000; i++) {
            samples.add(i % 2 == 0 ? min + (long) (random.nextDouble() * (max - min))
                    : 1_700_000_000_000L + random.nextInt() * 1000L + random.nextInt(1000));
        }
        for (long millis : samples) {
            long packed = packer.pack(millis);
            assertThat(packed).as("%d", millis).isEqualTo(PackedInstant.pack(Instant.ofEpochMilli(millis)));
            assertThat(Timestamps.packedMillis(packed)).isEqualTo(millis);
        }
    }

    @Test
    void refusesToPackYearsTablesawCannotHold() {
        Timestamps.Packer packer = new Timestamps.Packer();
        long firstOutside = (LocalDate.of(Timestamps.MAX_YEAR, 12, 31).toEpochDay() + 1) * Timestamps.MILLIS_PER_DAY;
        assertThat(packer.pack(firstOutside - 1)).isNotEqualTo(Long.MIN_VALUE);
        assertThat(packer.pack(firstOutside)).isEqualTo(Long.MIN_VALUE);
        assertThat(packer.pack(LocalDate.of(Timestamps.MIN_YEAR, 1, 1).toEpochDay() * Timestamps.MILLIS_PER_DAY - 1))
                .isEqualTo(Long.MIN_VALUE);
        assertThat(packer.pack(Long.MAX_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(packer.pack(Long.MIN_VALUE + 1)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void readsPackedDatesAsMidnight() {
        for (LocalDate d : List.of(LocalDate.of(1970, 1, 1), LocalDate.of(1969, 12, 31), LocalDate.of(2024, 2, 29),
                LocalDate.of(Timestamps.MIN_YEAR, 1, 1), LocalDate.of(Timestamps.MAX_YEAR, 12, 31))) {
            assertThat(Timestamps.packedDayMillis(PackedLocalDate.pack(d))).isEqualTo(d.toEpochDay() * Timestamps.MILLIS_PER_DAY);
        }
    }

    /**
     * Every wall-clock time, in time order and shuffled, reads as {@code LocalDateTime.atZone} reads it:
     * through summer-time gaps and overlaps, half-hour summer time (Lord Howe), a skipped day (Apia, 2011),
     * offsets with seconds (Amsterdam before 1937) and fixed zones.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Pacific/Apia", "Europe/Amsterdam",
        "Asia/Kolkata", "UTC", "+05:45"})
    void readsWallClockTimesAsAtZoneDoes(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        List<Long> locals = new ArrayList<>();
        for (int year : new int[] {1936, 1937, 2011, 2024}) {
            long from = LocalDate.of(year, 1, 1).toEpochDay() * Timestamps.MILLIS_PER_DAY;
            long to = LocalDate.of(year + 1, 1, 1).toEpochDay() * Timestamps.MILLIS_PER_DAY;
            for (long t = from; t < to; t += 37 * 60_000L + 250) {
                locals.add(t);
            }
        }
        assertReadAsAtZone(locals, zone);
        Collections.shuffle(locals, new Random(3));
        assertReadAsAtZone(locals.subList(0, 10_000), zone);
    }

    private static void assertReadAsAtZone(List<Long> locals, ZoneId zone) {
        Timestamps.LocalClock clock = new Timestamps.LocalClock(zone);
        long[] actual = new long[locals.size()];
        long[] expected = new long[locals.size()];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = clock.toEpochMillis(locals.get(i));
            expected[i] = atZone(locals.get(i), zone);
        }
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] != expected[i]) {
                assertThat(actual[i]).as("%s in %s", wallClock(locals.get(i)), zone).isEqualTo(expected[i]);
            }
        }
    }

    @Test
    void readsEveryMinuteAroundAParisTransitionAsAtZoneDoes() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        Timestamps.LocalClock clock = new Timestamps.LocalClock(paris);
        for (LocalDateTime around : List.of(LocalDateTime.of(2024, 3, 31, 2, 0), LocalDateTime.of(2024, 10, 27, 2, 0))) {
            long centre = around.toEpochSecond(ZoneOffset.UTC) * 1000;
            for (long t = centre - 3 * 3_600_000L; t <= centre + 3 * 3_600_000L; t += 60_000) {
                assertThat(clock.toEpochMillis(t)).as("%s", wallClock(t)).isEqualTo(atZone(t, paris));
            }
            // Backwards in time, so that the offset after a transition is cached when the times before it come.
            for (long t = centre + 3 * 3_600_000L; t >= centre - 3 * 3_600_000L; t -= 60_000) {
                assertThat(clock.toEpochMillis(t)).as("%s", wallClock(t)).isEqualTo(atZone(t, paris));
            }
        }
        // 02:30 on the spring day does not exist: it moves forward by the hour's gap, to 01:30Z.
        long gap = LocalDateTime.of(2024, 3, 31, 2, 30).toEpochSecond(ZoneOffset.UTC) * 1000;
        assertThat(clock.toEpochMillis(gap)).isEqualTo(Instant.parse("2024-03-31T01:30:00Z").toEpochMilli());
        // 02:30 on the autumn day exists twice: the earlier, summer offset wins.
        long overlap = LocalDateTime.of(2024, 10, 27, 2, 30).toEpochSecond(ZoneOffset.UTC) * 1000;
        assertThat(clock.toEpochMillis(overlap)).isEqualTo(Instant.parse("2024-10-27T00:30:00Z").toEpochMilli());
    }

    private static long atZone(long local, ZoneId zone) {
        return wallClock(local).atZone(zone).toInstant().toEpochMilli();
    }

    private static LocalDateTime wallClock(long local) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(local, 1000L), (int) Math.floorMod(local, 1000L) * 1_000_000, ZoneOffset.UTC);
    }
}
