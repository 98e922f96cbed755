package dev.vigil.tablesaw;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import tech.tablesaw.columns.dates.PackedLocalDate;
import tech.tablesaw.columns.instant.PackedInstant;
import tech.tablesaw.columns.times.PackedLocalTime;

/**
 * Tablesaw's packed date-times and epoch milliseconds, converted without an object per row.
 *
 * <p>Tablesaw stores an instant or a local date-time as one {@code long}: the date (year as a 16-bit
 * number, month, day) in the high 32 bits and the time of day (hour, minute, millisecond of the minute)
 * in the low 32 bits; a date alone is that {@code int}. Both are read here with Tablesaw's own static
 * accessors, and written a day at a time (one {@link LocalDate} per distinct day, as the CSV writer
 * formats dates).
 */
final class Timestamps {
    static final long MILLIS_PER_DAY = 86_400_000L;
    /** The years a Tablesaw date can hold: its year is a 16-bit number. */
    static final int MIN_YEAR = Short.MIN_VALUE;
    static final int MAX_YEAR = Short.MAX_VALUE;
    private static final long MIN_DAY = LocalDate.of(MIN_YEAR, 1, 1).toEpochDay();
    private static final long MAX_DAY = LocalDate.of(MAX_YEAR, 12, 31).toEpochDay();

    private Timestamps() {
    }

    /**
     * Milliseconds since 1970-01-01T00:00 of a packed date-time, read as if it were UTC: the epoch
     * milliseconds of an {@code InstantColumn} value, the local milliseconds of a {@code
     * DateTimeColumn} value. The caller checks for Tablesaw's missing value first.
     */
    static long packedMillis(long packed) {
        return PackedLocalDate.toEpochDay(PackedInstant.date(packed)) * MILLIS_PER_DAY
                + PackedLocalTime.getMillisecondOfDay(PackedInstant.time(packed));
    }

    /** Milliseconds since 1970-01-01T00:00 of a packed date at midnight. */
    static long packedDayMillis(int packedDate) {
        return PackedLocalDate.toEpochDay(packedDate) * MILLIS_PER_DAY;
    }

    /** Packs epoch milliseconds for a Tablesaw {@code InstantColumn}, caching the date of the previous value. */
    static final class Packer {
        private long cachedDay = Long.MIN_VALUE;
        private long cachedDate;

        /**
         * The packed form of {@code epochMillis}, or {@link Long#MIN_VALUE} when its year is outside
         * {@link #MIN_YEAR}…{@link #MAX_YEAR} (the caller reports it).
         */
        long pack(long epochMillis) {
            long day = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
            if (day != cachedDay) {
                if (day < MIN_DAY || day > MAX_DAY) {
                    return Long.MIN_VALUE;
                }
                cachedDay = day;
                cachedDate = ((long) PackedLocalDate.pack(LocalDate.ofEpochDay(day))) << 32;
            }
            int ms = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
            int time = PackedLocalTime.of(ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
            return cachedDate | (time & 0xffffffffL);
        }
    }

    /**
     * Turns local milliseconds (a wall-clock reading in a zone, counted as if it were UTC) into epoch
     * milliseconds exactly as {@link LocalDateTime#atZone} does: in a gap (clocks set forward) the
     * time moves forward by the gap's length, in an overlap (clocks set back) the earlier offset wins.
     *
     * <p>The offset found for one value is reused for the next while that value lies in the stretch of
     * wall-clock time where the offset holds and is the only one, so a column in time order asks the zone
     * rules once per stretch (twice a year for a zone with summer time), not once per row. Not thread-safe.
     */
    static final class LocalClock {
        private final ZoneId zone;
        private final ZoneRules rules;
        private final long fixedOffset;
        private final boolean fixed;
        private long from = 1;
        private long to = 0;
        private long offset;

        LocalClock(ZoneId zone) {
            this.zone = zone;
            this.rules = zone.getRules();
            this.fixed = rules.isFixedOffset();
            this.fixedOffset = fixed ? rules.getOffset(Instant.EPOCH).getTotalSeconds() * 1000L : 0;
        }

        long toEpochMillis(long localMillis) {
            if (fixed) {
                return localMillis - fixedOffset;
            }
            if (localMillis >= from && localMillis < to) {
                return localMillis - offset;
            }
            return lookUp(localMillis);
        }

        private long lookUp(long localMillis) {
            LocalDateTime local = LocalDateTime.ofEpochSecond(Math.floorDiv(localMillis, 1000L),
                    (int) Math.floorMod(localMillis, 1000L) * 1_000_000, ZoneOffset.UTC);
            ZonedDateTime zoned = local.atZone(zone);
            long epochMillis = zoned.toInstant().toEpochMilli();
            long o = zoned.getOffset().getTotalSeconds() * 1000L;
            if (localMillis - o != epochMillis) {
                // In a gap: the wall-clock time does not exist and was moved; nothing to reuse.
                from = 1;
                to = 0;
                return epochMillis;
            }
            // The offset holds from the last transition at or before this instant to the next one after it.
            // Wall-clock times from that transition on read with this offset alone, except, after clocks were
            // set back, those the previous offset also reaches (atZone gives those the earlier offset). At the
            // end, times the next offset also reaches (clocks set back) take this, the earlier, offset.
            ZoneOffsetTransition previous = rules.previousTransition(Instant.ofEpochMilli(epochMillis + 1));
            ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochMilli(epochMillis));
            offset = o;
            from = previous == null ? Long.MIN_VALUE
                    : previous.getInstant().toEpochMilli() + Math.max(o, previous.getOffsetBefore().getTotalSeconds() * 1000L);
            to = next == null ? Long.MAX_VALUE : next.getInstant().toEpochMilli() + o;
            return epochMillis;
        }
    }
}
