package dev.vigil.core.normal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The time-of-day slot of a timestamp for daily-cycle models: slot {@code k} (1-based) serves the
 * local times {@code (k−1)·Δ} of each day, Δ the sampling period, which must divide one day.
 */
final class TimeOfDay {
    static final long DAY = 86_400_000L;

    private TimeOfDay() {
    }

    /** Number of slots in a day. */
    static int slots(long periodMillis) {
        return (int) (DAY / periodMillis);
    }

    /** Whether the period divides one day. */
    static boolean divides(long periodMillis) {
        return periodMillis > 0 && DAY % periodMillis == 0;
    }

    /** Slot (1-based) of a timestamp in a zone. */
    static int slot(long epochMillis, ZoneId zone, long periodMillis) {
        long offset = zone instanceof ZoneOffset fixed ? fixed.getTotalSeconds() * 1000L
                : zone.getRules().getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds() * 1000L;
        return (int) (Math.floorMod(epochMillis + offset, DAY) / periodMillis) + 1;
    }

    /** The local time a slot serves, {@code HH:mm:ss}. */
    static String dayTime(int slot, long periodMillis) {
        long seconds = (slot - 1) * periodMillis / 1000;
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
