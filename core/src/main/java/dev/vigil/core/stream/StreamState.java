package dev.vigil.core.stream;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Everything a {@link DetectionStream} holds between rows, as plain values: what a snapshot stores
 * (vigil-io writes it as versioned JSON) and {@link DetectionStream#restore} resumes from, giving the
 * same answers as the stream that was never interrupted. The model itself is not part of it, only its
 * {@code fingerprint}: restore with the model the snapshot was taken with.
 *
 * @param version {@link #VERSION}
 * @param fingerprint identifies the model (see {@link DetectionStream#fingerprint})
 * @param columns the stream's input columns, KPI first
 * @param zone the zone of local times
 * @param samplingPeriodMillis the grid's step
 * @param origin the first row's timestamp (the grid's origin); meaningless before the first row
 * @param lastTime the newest row's timestamp taken in
 * @param accepted rows taken in (rows of input, not gap rows)
 * @param skipped late or duplicate rows skipped (policy {@link DetectionStream.LateRows#SKIP})
 * @param rows the last input rows, after imputation
 * @param residuals the last residuals
 * @param imputation the rows waiting for imputation and each column's run of missing values
 * @param normalBehavior the normal-behaviour evaluator's state
 * @param perspectives each perspective evaluator's state
 * @param decision the decision rule's state
 */
public record StreamState(int version, String fingerprint, List<String> columns, String zone, long samplingPeriodMillis, long origin,
        long lastTime, long accepted, long skipped, Ring rows, Ring residuals, Waiting imputation, double[] normalBehavior,
        List<double[]> perspectives, double[] decision) {
    /** The version of this layout. */
    public static final int VERSION = 1;

    public StreamState {
        requireNonNull(fingerprint, "fingerprint is null");
        columns = List.copyOf(columns);
        requireNonNull(zone, "zone is null");
        requireNonNull(rows, "rows is null");
        requireNonNull(residuals, "residuals is null");
        requireNonNull(imputation, "imputation is null");
        requireNonNull(normalBehavior, "normalBehavior is null");
        perspectives = List.copyOf(perspectives);
        requireNonNull(decision, "decision is null");
    }

    /**
     * The last rows of a ring buffer, oldest first.
     *
     * @param count rows taken in so far (the ring holds the last of them)
     * @param times their timestamps
     * @param values row after row, one value per column
     */
    public record Ring(long count, long[] times, double[] values) {
        public Ring {
            requireNonNull(times, "times is null");
            requireNonNull(values, "values is null");
        }
    }

    /**
     * The imputation's state: rows waiting and, per column, the run of missing values in progress.
     *
     * @param count grid rows taken in so far
     * @param times the waiting rows' timestamps, oldest first
     * @param values their values, row after row
     * @param status per column: 0 no run, 1 a run that may be filled, 2 a run that stays missing
     * @param runStart per column, the grid row the run began at
     * @param runLength per column, the run's length so far
     * @param last per column, the last value
     * @param lastTime per column, its timestamp
     */
    public record Waiting(long count, long[] times, double[] values, int[] status, long[] runStart, long[] runLength, double[] last,
            long[] lastTime) {
        public Waiting {
            requireNonNull(times, "times is null");
            requireNonNull(values, "values is null");
            requireNonNull(status, "status is null");
            requireNonNull(runStart, "runStart is null");
            requireNonNull(runLength, "runLength is null");
            requireNonNull(last, "last is null");
            requireNonNull(lastTime, "lastTime is null");
        }
    }
}
