package dev.vigil.core.prepare;

import dev.vigil.spi.frame.TimeFrame;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a frame holds, as read, before any preparation: what {@code vigil inspect} reports.
 *
 * @param rows number of rows
 * @param columns value column names
 * @param firstTimestamp earliest timestamp
 * @param lastTimestamp latest timestamp
 * @param samplingPeriod most common step between distinct timestamps, or {@code null} with fewer than
 *     two distinct timestamps
 * @param duplicateTimestamps rows whose timestamp an earlier row already has
 * @param unorderedRows rows whose timestamp is earlier than the previous row's
 * @param gaps steps between consecutive distinct timestamps longer than the sampling period
 * @param largestGap the longest such step, or {@code null} without gaps
 * @param missing number of missing values per column, in column order
 */
public record FrameSummary(
        int rows,
        List<String> columns,
        Instant firstTimestamp,
        Instant lastTimestamp,
        Duration samplingPeriod,
        int duplicateTimestamps,
        int unorderedRows,
        int gaps,
        Duration largestGap,
        Map<String, Integer> missing) {

    public FrameSummary {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(firstTimestamp, "firstTimestamp is null");
        requireNonNull(lastTimestamp, "lastTimestamp is null");
        missing = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(missing, "missing is null")));
    }

    /** Summarises a non-empty frame in one pass over its sorted timestamps and one over each column. */
    public static FrameSummary of(TimeFrame frame) {
        if (frame.isEmpty()) {
            throw new IllegalArgumentException("cannot summarise an empty frame");
        }
        long[] t = frame.times();
        int unordered = 0;
        for (int i = 1; i < t.length; i++) {
            unordered += t[i] < t[i - 1] ? 1 : 0;
        }
        long[] sorted = unordered == 0 ? t : t.clone();
        if (unordered > 0) {
            Arrays.sort(sorted);
        }
        long period = frame.samplingPeriodMillis();
        int duplicates = 0;
        int gaps = 0;
        long largest = 0;
        for (int i = 1; i < sorted.length; i++) {
            long step = sorted[i] - sorted[i - 1];
            if (step == 0) {
                duplicates++;
            } else if (period > 0 && step > period) {
                gaps++;
                largest = Math.max(largest, step);
            }
        }
        Map<String, Integer> missing = new LinkedHashMap<>();
        for (String c : frame.columnNames()) {
            missing.put(c, frame.missing(c));
        }
        return new FrameSummary(frame.rows(), frame.columnNames(), Instant.ofEpochMilli(sorted[0]),
                Instant.ofEpochMilli(sorted[sorted.length - 1]), period > 0 ? Duration.ofMillis(period) : null,
                duplicates, unordered, gaps, gaps > 0 ? Duration.ofMillis(largest) : null, missing);
    }

    /** The sampling period, if known. */
    public Optional<Duration> period() {
        return Optional.ofNullable(samplingPeriod);
    }

    /** Total number of missing values. */
    public long totalMissing() {
        return missing.values().stream().mapToLong(Integer::longValue).sum();
    }
}
