package dev.vigil.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run of consecutive anomalous rows: detected (flagged rows) or labelled (rows labelled 1).
 *
 * @param firstRow index of the run's first row
 * @param lastRow index of its last row (inclusive)
 * @param start timestamp of the first row, epoch milliseconds
 * @param end timestamp of the last row, epoch milliseconds
 */
public record Event(int firstRow, int lastRow, long start, long end) {
    public Event {
        if (firstRow < 0 || lastRow < firstRow) {
            throw new IllegalArgumentException("rows " + firstRow + ".." + lastRow + " are not a run");
        }
        if (end < start) {
            throw new IllegalArgumentException("an event ends (" + Instant.ofEpochMilli(end) + ") before it starts ("
                    + Instant.ofEpochMilli(start) + "): rows must be in time order");
        }
    }

    /**
     * The runs of {@code true} in {@code flags}, in row order. A run is broken only by a row that is
     * not flagged, never by a gap in time.
     *
     * @param times timestamps of the rows, in time order (epoch milliseconds)
     * @param flags one per row
     */
    public static List<Event> runs(long[] times, boolean[] flags) {
        if (times.length != flags.length) {
            throw new IllegalArgumentException("flags has " + flags.length + " rows but times has " + times.length);
        }
        List<Event> events = new ArrayList<>();
        int first = -1;
        for (int i = 0; i <= flags.length; i++) {
            boolean on = i < flags.length && flags[i];
            if (on && first < 0) {
                first = i;
            } else if (!on && first >= 0) {
                events.add(new Event(first, i - 1, times[first], times[i - 1]));
                first = -1;
            }
        }
        return List.copyOf(events);
    }

    /**
     * Events that are at most {@code gapRows} rows apart merged into one (a gap of 0 merges only
     * adjacent events): anomalous stretches that flicker around a threshold read as one event.
     *
     * @param events in row order, not overlapping
     */
    public static List<Event> merge(List<Event> events, int gapRows) {
        if (gapRows < 0) {
            throw new IllegalArgumentException("gapRows must not be negative: " + gapRows);
        }
        List<Event> out = new ArrayList<>();
        Event current = null;
        for (Event e : events) {
            if (current != null && e.firstRow - current.lastRow - 1 <= gapRows) {
                current = new Event(current.firstRow, e.lastRow, current.start, e.end);
            } else {
                if (current != null) {
                    out.add(current);
                }
                current = e;
            }
        }
        if (current != null) {
            out.add(current);
        }
        return List.copyOf(out);
    }

    /** Number of rows. */
    public int rows() {
        return lastRow - firstRow + 1;
    }

    /** Time from the first to the last row (zero for a single row). */
    public Duration duration() {
        return Duration.ofMillis(end - start);
    }

    /**
     * The event as a JSON-ready map: {@code start} and {@code end} (ISO-8601 instants), {@code
     * duration} (ISO-8601) and {@code rows}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("start", Instant.ofEpochMilli(start).toString());
        x.put("end", Instant.ofEpochMilli(end).toString());
        x.put("duration", duration().toString());
        x.put("rows", rows());
        return x;
    }

    /** Whether both events share at least one row. */
    public boolean overlaps(Event other) {
        return firstRow <= other.lastRow && other.firstRow <= lastRow;
    }

    /** Its span and rows, as a person reads them. */
    @Override
    public String toString() {
        return "Event[" + Instant.ofEpochMilli(start) + " to " + Instant.ofEpochMilli(end) + ", rows " + firstRow + ".." + lastRow + "]";
    }
}
