package dev.vigil.evaluation.nab;

import java.time.Instant;

/**
 * An anomaly window of a NAB file: every row whose timestamp lies between both limits, inclusive
 * (NAB repository: labels/combined_windows.json).
 *
 * @param start first timestamp, epoch milliseconds
 * @param end last timestamp, epoch milliseconds
 */
public record NabWindow(long start, long end) {
    public NabWindow {
        if (end < start) {
            throw new IllegalArgumentException("window ends before it starts: " + Instant.ofEpochMilli(start) + " to "
                    + Instant.ofEpochMilli(end));
        }
    }

    /** Whether a timestamp lies inside, limits included. */
    public boolean contains(long time) {
        return time >= start && time <= end;
    }

    @Override
    public String toString() {
        return "[" + Instant.ofEpochMilli(start) + ", " + Instant.ofEpochMilli(end) + "]";
    }
}
