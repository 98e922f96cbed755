package dev.vigil.core.anomaly;

import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.DetectionInterval;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.List;

/**
 * Where indicators are calculated ({@code detectionIntervals}, docs/models.md#detection-intervals): a row is in detection
 * when its local day of week (Monday = 1), hour, minute and second are each allowed by the interval of
 * that type, if there is one.
 */
final class DetectionCalendar {
    private final BitSet days;
    private final BitSet hours;
    private final BitSet minutes;
    private final BitSet seconds;
    private final boolean everywhere;
    private final List<DetectionInterval> intervals;

    DetectionCalendar(List<DetectionInterval> intervals) {
        this.intervals = List.copyOf(intervals);
        BitSet d = null;
        BitSet h = null;
        BitSet m = null;
        BitSet s = null;
        for (DetectionInterval i : intervals) {
            switch (i.type()) {
                case Day -> d = i.allowed();
                case Hour -> h = i.allowed();
                case Minute -> m = i.allowed();
                case Second -> s = i.allowed();
            }
        }
        this.days = d;
        this.hours = h;
        this.minutes = m;
        this.seconds = s;
        this.everywhere = intervals.isEmpty();
    }

    List<DetectionInterval> intervals() {
        return intervals;
    }

    /** Whether each row of the frame is in detection. */
    boolean[] inDetection(TimeFrame frame) {
        boolean[] in = new boolean[frame.rows()];
        ZoneId zone = frame.zone();
        for (int r = 0; r < in.length; r++) {
            in[r] = inDetection(frame.time(r), zone);
        }
        return in;
    }

    /** Whether a timestamp is in detection, its calendar fields read in {@code zone}. */
    boolean inDetection(long t, ZoneId zone) {
        if (everywhere) {
            return true;
        }
        long offset = zone instanceof ZoneOffset fixed ? fixed.getTotalSeconds()
                : zone.getRules().getOffset(Instant.ofEpochMilli(t)).getTotalSeconds();
        return inDetectionLocal(t + offset * 1000);
    }

    /** Whether a local time (milliseconds since 1970-01-01T00:00 local) is in detection. */
    boolean inDetectionLocal(long localMillis) {
        if (everywhere) {
            return true;
        }
        long local = Math.floorDiv(localMillis, 1000);
        long secondOfDay = Math.floorMod(local, 86_400L);
        int dow = (int) Math.floorMod(Math.floorDiv(local, 86_400L) + 3, 7L) + 1;
        return (days == null || days.get(dow))
                && (hours == null || hours.get((int) (secondOfDay / 3600)))
                && (minutes == null || minutes.get((int) (secondOfDay / 60 % 60)))
                && (seconds == null || seconds.get((int) (secondOfDay % 60)));
    }
}
