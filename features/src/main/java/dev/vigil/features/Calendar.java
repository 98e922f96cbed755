package dev.vigil.features;

import dev.vigil.spi.frame.TimeFrame;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/** Local calendar fields of every row of a frame, in the frame's time zone. */
final class Calendar {
    private Calendar() {
    }

    /** Local time as milliseconds since 1970-01-01T00:00 local. */
    static long[] localMillis(TimeFrame frame) {
        ZoneId zone = frame.zone();
        long[] local = new long[frame.rows()];
        if (zone instanceof ZoneOffset fixed) {
            long offset = fixed.getTotalSeconds() * 1000L;
            for (int i = 0; i < local.length; i++) {
                local[i] = frame.time(i) + offset;
            }
        } else {
            ZoneRules rules = zone.getRules();
            for (int i = 0; i < local.length; i++) {
                long t = frame.time(i);
                local[i] = t + rules.getOffset(Instant.ofEpochMilli(t)).getTotalSeconds() * 1000L;
            }
        }
        return local;
    }

    /** A feature's computation from a function of each row's local time. */
    static BasicFeature.Computation ofLocalTime(java.util.function.LongToDoubleFunction f) {
        return (frame, out) -> {
            long[] local = localMillis(frame);
            for (int i = 0; i < out.length; i++) {
                out[i] = f.applyAsDouble(local[i]);
            }
        };
    }

    /** ISO day of week (Monday = 1) of a local time. */
    static int dayOfWeek(long localMillis) {
        long day = Math.floorDiv(localMillis, 86_400_000L);
        return (int) Math.floorMod(day + 3, 7L) + 1; // 1970-01-01 was a Thursday
    }

    /** Month (1–12) of a local time. */
    static int month(long localMillis) {
        return java.time.LocalDate.ofEpochDay(Math.floorDiv(localMillis, 86_400_000L)).getMonthValue();
    }

    static final String[] DAYS = {"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    static final String[] MONTHS = {"", "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"};
}
