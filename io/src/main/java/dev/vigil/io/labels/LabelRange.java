package dev.vigil.io.labels;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One labelled range of time, both ends included.
 *
 * @param start its first instant, epoch milliseconds
 * @param end its last instant, epoch milliseconds, not before {@code start}
 * @param label what it is labelled (a fault code, {@code ""} when the file gives none)
 */
public record LabelRange(long start, long end, String label) {
    public LabelRange {
        requireNonNull(label, "label is null");
        if (end < start) {
            throw new IllegalArgumentException("a range ends (" + Instant.ofEpochMilli(end) + ") before it starts ("
                    + Instant.ofEpochMilli(start) + ")");
        }
    }

    /** Whether the instant lies in the range. */
    public boolean contains(long time) {
        return time >= start && time <= end;
    }

    /** Whether the two ranges share an instant. */
    public boolean overlaps(LabelRange other) {
        return start <= other.end && other.start <= end;
    }

    @Override
    public String toString() {
        return Instant.ofEpochMilli(start) + " to " + Instant.ofEpochMilli(end) + (label.isEmpty() ? "" : " (" + label + ")");
    }
}
