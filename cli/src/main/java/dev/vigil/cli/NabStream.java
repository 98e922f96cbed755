package dev.vigil.cli;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.core.detection.ProgressListener;
import dev.vigil.core.frame.TimeFrame;
import dev.vigil.core.settings.RebuildType;
import dev.vigil.core.settings.RowSelection;
import dev.vigil.evaluation.ErrorMeasures;
import dev.vigil.evaluation.nab.NabScorer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Vigil on one NAB file as the rows arrive, under NAB's rules: nothing is learnt from a row before it
 * has been scored.
 *
 * <ol>
 *   <li>The first model is built on the probation rows, NAB's {@code min(⌊0.15·N⌋, 750)} first rows of
 *       the file; they get no indicator (NAB does not score them).</li>
 *   <li>The next {@link Schedule#batch} rows are detected with that model: the data up to the last of
 *       them are prepared (sorted, de-duplicated, put on the sampling grid) and each of them gets the
 *       indicators of its timestamp. Lags, windows and imputation look back only, so a row's indicators
 *       depend on it and earlier rows.</li>
 *   <li>Then the model is rebuilt on the rows seen so far (at most the last {@link Schedule#history}):
 *       every {@link Schedule#fullRebuild} rows both models afresh (rebuild type All), in between the
 *       perspectives' densities and thresholds only (type AnomalousBehaviorModel, each density refined
 *       from the current one). Steps 2 and 3 repeat to the end of the file.</li>
 * </ol>
 *
 * <p>Rows are taken in file order, duplicates and steps back in time included: a row's indicator is the
 * one of its timestamp once the rows up to it have been seen (of rows sharing a timestamp, preparation
 * keeps the last). The sampling period is the one found in the probation rows, so that irregular data
 * are read the same way by every model of the file. Stateless and thread-safe.
 */
final class NabStream {
    /** Rows before a model's history that warm up lags and windows when detecting. */
    static final int WARM_UP = 500;

    private NabStream() {
    }

    /**
     * How often the model is refreshed, and on how much of the past.
     *
     * @param batch rows detected by one model before it is refreshed
     * @param fullRebuild rows between two fits of both models; the perspectives' densities are refitted
     *     after every batch
     * @param history most recent rows a model learns from
     */
    record Schedule(int batch, int fullRebuild, int history) {
        /** Refresh after every 100 rows, both models every 2,000 rows, on at most the last 4,032 rows. */
        static final Schedule DEFAULT = new Schedule(100, 2_000, 4_032);

        Schedule {
            if (batch < 1 || fullRebuild < batch || history < 2) {
                throw new IllegalArgumentException("need batch ≥ 1, fullRebuild ≥ batch, history ≥ 2; got " + batch + ", " + fullRebuild
                        + ", " + history);
            }
        }
    }

    /**
     * What one file gave.
     *
     * @param indicators each row's largest anomaly indicator, in file order; {@code NaN} for probation
     *     rows and rows without a calculated indicator
     * @param samplingPeriod the sampling period the models used
     */
    record Result(double[] indicators, Duration samplingPeriod) {
    }

    /**
     * Runs the detector over a file's rows as they arrive.
     *
     * @param raw the file as read: one KPI column, rows in file order
     * @param detector builds the models (its settings name the KPI column)
     * @param done told how many more rows have been scored, as batches finish
     */
    static Result run(TimeFrame raw, AnomalyDetector detector, Schedule schedule, IntConsumer done) {
        int n = raw.rows();
        long[] time = raw.times();
        double[][] columns = new double[raw.columnCount()][];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = raw.values(raw.columnNames().get(c));
        }
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        int m = NabScorer.probationRows(n);
        done.accept(m);
        DetectionModel model = detector.build(rows(raw, time, columns, 0, m, null)).model();
        Duration period = model.samplingPeriod();
        int lastFull = m;
        while (m < n) {
            int end = Math.min(n, m + schedule.batch());
            long from = Long.MAX_VALUE;
            long to = Long.MIN_VALUE;
            for (int i = m; i < end; i++) {
                from = Math.min(from, time[i]);
                to = Math.max(to, time[i]);
            }
            TimeFrame seen = rows(raw, time, columns, Math.max(0, m - schedule.history() - WARM_UP), end, period);
            DetectionResult result = model.detect(seen, RowSelection.ranges(List.of(new RowSelection.TimeRange(Instant.ofEpochMilli(from),
                    Instant.ofEpochMilli(to)))));
            TimeFrame table = result.table();
            double[] largest = ErrorMeasures.largestCalculated(result.indicatorColumns().stream().map(table::values).toList());
            for (int i = m; i < end; i++) {
                int k = table.indexOf(time[i]);
                out[i] = k >= 0 ? largest[k] : Double.NaN;
            }
            done.accept(end - m);
            m = end;
            if (m < n) {
                TimeFrame history = rows(raw, time, columns, Math.max(0, m - schedule.history()), m, period);
                if (m - lastFull >= schedule.fullRebuild()) {
                    model = detector.build(history).model();
                    lastFull = m;
                } else {
                    model = model.rebuild(history, RebuildType.AnomalousBehaviorModel, null, null, ProgressListener.NONE).model();
                }
            }
        }
        return new Result(out, period);
    }

    /** Rows [from, to) of the file as a frame of their own, at the given sampling period ({@code null}: the rows' own). */
    private static TimeFrame rows(TimeFrame raw, long[] time, double[][] columns, int from, int to, Duration period) {
        TimeFrame.Builder b = TimeFrame.builder(Arrays.copyOfRange(time, from, to)).zone(raw.zone()).source(raw.source());
        for (int c = 0; c < columns.length; c++) {
            b.column(raw.columnNames().get(c), Arrays.copyOfRange(columns[c], from, to));
        }
        if (period != null) {
            b.samplingPeriod(period);
        }
        return b.build();
    }
}
