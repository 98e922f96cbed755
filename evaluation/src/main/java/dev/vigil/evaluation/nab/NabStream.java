package dev.vigil.evaluation.nab;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.evaluation.ErrorMeasures;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.RebuildType;
import dev.vigil.spi.settings.RowSelection;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Vigil on one NAB file as the rows arrive, under NAB's rules: nothing is learnt from a row before it
 * has been scored.
 *
 * <ol>
 *   <li>The first model is built on the probation rows, NAB's {@code min(⌊0.15·N⌋, 750)} first rows of
 *       the file; they get no indicator (NAB does not score them).</li>
 *   <li>The next {@link Schedule#batch} rows are detected with that model, in parts: a part ends at the
 *       batch's end and after every row that a later row of the batch does not follow in time (a
 *       duplicate timestamp or a step back). The data up to the last row of a part are prepared
 *       (sorted, de-duplicated, put on the sampling grid) and each row of the part gets the indicators of
 *       its timestamp. Within a part every row comes before the later ones in time, and lags, windows
 *       and imputation look back only, so a row's indicators depend on it and earlier rows of the file
 *       only.</li>
 *   <li>Then the model is rebuilt on the rows seen so far (at most the last {@link Schedule#history}):
 *       every {@link Schedule#fullRebuild} rows both models afresh (rebuild type All), in between every
 *       {@link Schedule#densityRefit} rows the perspectives' densities and thresholds (type
 *       AnomalousBehaviorModel, each density refined from the current one), and after the other
 *       batches the thresholds only (type DomainSpecifics). Steps 2 and 3 repeat to the end of the
 *       file.</li>
 * </ol>
 *
 * <p>Rows are taken in file order, duplicates and steps back in time included: a row's indicator is the
 * one of its timestamp once the rows up to it, and no later one, have been seen (of rows sharing a
 * timestamp, preparation keeps the last seen, which for the earlier duplicate is the row itself). So
 * the indicators of a file's first rows are the same whether or not the rest of the file follows. The
 * sampling period is the one found in the probation rows, so that irregular data are read the same way
 * by every model of the file. One decision of preparation still looks at a whole part: whether its rows
 * lie on the sampling grid (a timestamp off the grid, or a grid more than four times as long as the rows, makes lags
 * and windows count rows instead). Stateless and thread-safe.
 */
public final class NabStream {
    /**
     * Rows before a batch that warm up lags, moving averages and windows when detecting it: more than
     * the longest the NAB configuration reads back (KPI lags of up to 288 samples, moving averages of
     * up to 6 × 30 samples behind them, perspective windows of up to 73 samples).
     */
    static final int CONTEXT = 1_000;

    private NabStream() {
    }

    /**
     * How often the model is refreshed, and on how much of the past.
     *
     * @param batch rows detected by one model before it is refreshed
     * @param fullRebuild rows between two fits of both models
     * @param history most recent rows a model learns from
     * @param densityRefit rows between two refits of the perspectives' densities (rebuild type
     *     AnomalousBehaviorModel); after the other batches only their thresholds are recalibrated on the
     *     recent rows (rebuild type DomainSpecifics), which costs no EM
     */
    public record Schedule(int batch, int fullRebuild, int history, int densityRefit) {
        /**
         * Refresh after every 100 rows, both models every 2,000 rows, the densities every 100 rows, on at
         * most the last 4,032 rows.
         */
        public static final Schedule DEFAULT = new Schedule(100, 2_000, 4_032);

        public Schedule {
            if (batch < 1 || fullRebuild < batch || history < 2 || densityRefit < batch) {
                throw new IllegalArgumentException("need batch ≥ 1, fullRebuild ≥ batch, history ≥ 2, densityRefit ≥ batch; got " + batch
                        + ", " + fullRebuild + ", " + history + ", " + densityRefit);
            }
        }

        /** The densities refitted after every batch. */
        public Schedule(int batch, int fullRebuild, int history) {
            this(batch, fullRebuild, history, batch);
        }
    }

    /**
     * What one file gave.
     *
     * @param indicators each row's largest anomaly indicator, in file order; {@code NaN} for probation
     *     rows and rows without a calculated indicator
     * @param samplingPeriod the sampling period the models used
     * @param perspectives the perspectives' names, in the order of {@code byPerspective}
     * @param byPerspective each perspective's indicator of each row, in file order; {@code NaN} as above
     */
    public record Result(double[] indicators, Duration samplingPeriod, List<String> perspectives, double[][] byPerspective) {
        public Result {
            Objects.requireNonNull(indicators, "indicators is null");
            Objects.requireNonNull(samplingPeriod, "samplingPeriod is null");
            perspectives = List.copyOf(perspectives);
            if (byPerspective.length != perspectives.size()) {
                throw new IllegalArgumentException(byPerspective.length + " indicator series for perspectives " + perspectives);
            }
        }
    }

    /**
     * Runs the detector over a file's rows as they arrive, the first model being built on NAB's
     * probation rows of the whole file ({@link NabScorer#probationRows}).
     *
     * @param raw the file as read: one KPI column, rows in file order
     * @param detector builds the models (its settings name the KPI column)
     * @param done told how many more rows have been scored, as batches finish
     */
    public static Result run(TimeFrame raw, AnomalyDetector detector, Schedule schedule, IntConsumer done) {
        return run(raw, NabScorer.probationRows(raw.rows()), detector, schedule, done);
    }

    /**
     * Runs the detector over a file's rows as they arrive, the first model being built on its first
     * {@code probation} rows.
     *
     * @param probation rows the first model is built on; they get no indicator
     */
    public static Result run(TimeFrame raw, int probation, AnomalyDetector detector, Schedule schedule, IntConsumer done) {
        int n = raw.rows();
        if (probation < 0 || probation > n) {
            throw new IllegalArgumentException("probation must be 0 to " + n + " rows of " + raw.source() + ", got " + probation);
        }
        long[] time = raw.times();
        double[][] columns = new double[raw.columnCount()][];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = raw.values(raw.columnNames().get(c));
        }
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        int m = probation;
        done.accept(m);
        DetectionModel model = detector.build(rows(raw, time, columns, 0, m, null)).model();
        List<String> names = model.anomalousBehavior().perspectives();
        double[][] each = new double[names.size()][n];
        for (double[] e : each) {
            Arrays.fill(e, Double.NaN);
        }
        Duration period = model.samplingPeriod();
        int lastFull = m;
        int lastDensity = m;
        while (m < n) {
            int end = Math.min(n, m + schedule.batch());
            int start = Math.max(0, m - CONTEXT);
            int a = m;
            for (int b : partEnds(time, m, end)) {
                detect(model, rows(raw, time, columns, start, b, period), time, a, b, out, each);
                a = b;
            }
            done.accept(end - m);
            m = end;
            if (m < n) {
                TimeFrame history = rows(raw, time, columns, Math.max(0, m - schedule.history()), m, period);
                if (m - lastFull >= schedule.fullRebuild()) {
                    model = detector.build(history).model();
                    lastFull = m;
                    lastDensity = m;
                } else if (m - lastDensity >= schedule.densityRefit()) {
                    model = model.rebuildModel(history, RebuildType.AnomalousBehaviorModel, null, null);
                    lastDensity = m;
                } else {
                    model = model.rebuildModel(history, RebuildType.DomainSpecifics, null, null);
                }
            }
        }
        return new Result(out, period, names, each);
    }

    /**
     * Where the batch of rows {@code [from, to)} is cut into parts: after every row that some later row
     * of the batch does not follow in time (same timestamp or earlier), and at {@code to}. Within a part
     * each row's timestamp is then below those of all later rows of the part.
     *
     * @return the parts' ends, ascending; the last is {@code to}
     */
    static int[] partEnds(long[] time, int from, int to) {
        int[] ends = new int[to - from];
        int count = 0;
        long earliestLater = Long.MAX_VALUE;
        for (int i = to - 1; i >= from; i--) {
            if (i == to - 1 || time[i] >= earliestLater) {
                ends[count++] = i + 1;
            }
            earliestLater = Math.min(earliestLater, time[i]);
        }
        int[] ascending = new int[count];
        for (int k = 0; k < count; k++) {
            ascending[k] = ends[count - 1 - k];
        }
        return ascending;
    }

    /** Gives rows {@code [from, to)} of the file, the last rows of {@code seen}, the largest indicator of their timestamps. */
    private static void detect(DetectionModel model, TimeFrame seen, long[] time, int from, int to, double[] out, double[][] each) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = from; i < to; i++) {
            first = Math.min(first, time[i]);
            last = Math.max(last, time[i]);
        }
        DetectionResult result = model.detect(seen, RowSelection.ranges(List.of(new RowSelection.TimeRange(Instant.ofEpochMilli(first),
                Instant.ofEpochMilli(last)))));
        TimeFrame table = result.table();
        List<double[]> columns = result.indicatorColumns().stream().map(table::values).toList();
        double[] largest = ErrorMeasures.largestCalculated(columns);
        for (int i = from; i < to; i++) {
            int k = table.indexOf(time[i]);
            out[i] = k >= 0 ? largest[k] : Double.NaN;
            for (int p = 0; p < each.length; p++) {
                each[p][i] = k >= 0 ? columns.get(p)[k] : Double.NaN;
            }
        }
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
