package dev.vigil.core.quality;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.anomaly.GaussianMixture;
import dev.vigil.core.quality.SensorStatisticsSummary.Categorical;
import dev.vigil.core.quality.SensorStatisticsSummary.Count;
import dev.vigil.core.quality.SensorStatisticsSummary.Gaps;
import dev.vigil.core.quality.SensorStatisticsSummary.Modes;
import dev.vigil.core.quality.SensorStatisticsSummary.Monotonic;
import dev.vigil.spi.frame.Column;
import dev.vigil.spi.log.JobLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Amazon Lookout for Equipment's data-quality report, computed over data as read: per sensor, missing
 * and invalid values, invalid, duplicate and unordered timestamps, large gaps, a short date range,
 * monotonic, categorical and multi-modal values, with the rules and {@linkplain QualityThresholds
 * thresholds} of docs/file-formats.md#data-quality-report. Duplicates and order are judged per table (a
 * component's rows), the other checks per sensor on its values in time order (of rows sharing a
 * timestamp, the last). Operating modes compare one and two Gaussian components ({@link
 * GaussianMixture}) by BIC.
 *
 * <p>One pass per sensor plus a sort of each table's timestamps when they are out of order; the
 * mixtures see at most {@link QualityThresholds#modesSample()} values. Stateless and thread-safe.
 */
public final class DataQuality {
    private static final long DAY_MILLIS = 86_400_000L;
    /** The seed of the sample of values the mixtures are fitted to: the same data give the same report. */
    private static final long SAMPLE_SEED = 0x5EED_DA7AL;

    private DataQuality() {
    }

    /** The report with the default thresholds. */
    public static DataQualityReport assess(QualityInput input) {
        return assess(input, QualityThresholds.DEFAULT);
    }

    /** The report of a data set's tables and files. */
    public static DataQualityReport assess(QualityInput input, QualityThresholds thresholds) {
        requireNonNull(input, "input is null");
        requireNonNull(thresholds, "thresholds is null");
        List<SensorStatisticsSummary> sensors = new ArrayList<>();
        long unsupported = 0;
        long duplicates = 0;
        for (QualitySource source : input.sources()) {
            Table table = Table.of(source, thresholds);
            unsupported += source.unsupportedTimestamps();
            duplicates += table.duplicates;
            for (int c = 0; c < source.raw().columnCount(); c++) {
                sensors.add(sensor(source, table, source.raw().column(c), thresholds));
            }
        }
        int complete = 0;
        int shortRange = 0;
        int missingSensors = 0;
        long missing = 0;
        int invalidSensors = 0;
        long invalid = 0;
        for (SensorStatisticsSummary s : sensors) {
            complete += s.dataExists() ? 0 : 1;
            shortRange += s.shortDateRange() == Status.POTENTIAL_ISSUE_DETECTED ? 1 : 0;
            missingSensors += s.missingValues().count() > 0 ? 1 : 0;
            missing += s.missingValues().count();
            invalidSensors += s.invalidValues().count() > 0 ? 1 : 0;
            invalid += s.invalidValues().count();
        }
        DataQualitySummary summary = new DataQualitySummary(complete, shortRange, missingSensors, missing, invalidSensors, invalid,
                unsupported, duplicates);
        IngestedFilesSummary files = new IngestedFilesSummary(input.totalFiles(), input.totalFiles() - input.discarded().size(),
                input.discarded());
        return new DataQualityReport(summary, files, sensors);
    }

    /** The origin of {@link #log}'s entries. */
    public static final String ORIGIN = "Data quality";

    /**
     * Writes a report to the job log: one warning per sensor with an issue, naming what was found, and
     * one entry for the files; for a build to say what the data held before it says what it did about it.
     */
    public static void log(DataQualityReport report, JobLog log) {
        requireNonNull(report, "report is null");
        requireNonNull(log, "log is null");
        IngestedFilesSummary files = report.ingestedFilesSummary();
        List<SensorStatisticsSummary> issues = report.sensorsWithIssues();
        log.info(ORIGIN, "Checked " + report.sensorStatisticsSummaries().size() + " signals in " + files.ingestedNumberOfFiles() + " of "
                + files.totalNumberOfFiles() + (files.totalNumberOfFiles() == 1 ? " file" : " files") + ": "
                + (issues.isEmpty() ? "no issue found." : issues.size() + " with a potential issue."));
        for (DiscardedFile d : files.discardedFiles()) {
            log.warning(ORIGIN, "Left out " + d.file() + ": " + d.reason() + ".");
        }
        for (SensorStatisticsSummary s : issues) {
            log.warning(ORIGIN, "'" + s.signal() + "': " + String.join("; ", s.issues()) + ".");
        }
    }

    /** A table's rows in time order, de-duplicated (the last row of a timestamp kept), and its counts. */
    private static final class Table {
        long fileRows;
        int duplicates;
        int unordered;
        /** Rows of the raw frame, in time order, one per timestamp. */
        int[] rows;
        long[] times;
        long gapThreshold;

        static Table of(QualitySource source, QualityThresholds thresholds) {
            Table t = new Table();
            t.fileRows = source.fileRows();
            long[] time = source.raw().times();
            int n = time.length;
            boolean sorted = true;
            for (int i = 1; i < n; i++) {
                if (time[i] < time[i - 1]) {
                    t.unordered++;
                    sorted = false;
                }
            }
            int[] order = sorted ? identity(n) : stableOrder(time);
            int[] keep = new int[n];
            long[] keptTimes = new long[n];
            int kept = 0;
            for (int k = 0; k < n; k++) {
                if (k + 1 < n && time[order[k + 1]] == time[order[k]]) {
                    t.duplicates++; // an earlier row of the same timestamp: the last one is kept
                } else {
                    keep[kept] = order[k];
                    keptTimes[kept++] = time[order[k]];
                }
            }
            t.rows = Arrays.copyOf(keep, kept);
            t.times = Arrays.copyOf(keptTimes, kept);
            long median = medianStep(t.times);
            t.gapThreshold = Math.max(thresholds.minLargeGap().toMillis(), (long) Math.ceil(thresholds.largeGapSpacings() * median));
            return t;
        }

        Count count(long n) {
            return new Count(n, fileRows == 0 ? 0 : 100.0 * n / fileRows);
        }
    }

    private static SensorStatisticsSummary sensor(QualitySource source, Table table, Column column, QualityThresholds thresholds) {
        int n = column.size();
        long nan = 0;
        for (int i = 0; i < n; i++) {
            nan += Double.isNaN(column.get(i)) ? 1 : 0;
        }
        long invalid = source.invalidValues().getOrDefault(column.name(), 0L);
        long missing = Math.max(0, nan - invalid);
        double[] v = new double[table.rows.length];
        long[] vt = new long[table.rows.length];
        int m = 0;
        for (int k = 0; k < table.rows.length; k++) {
            double x = column.get(table.rows[k]);
            if (!Double.isNaN(x)) {
                v[m] = x;
                vt[m++] = table.times[k];
            }
        }
        boolean exists = m > 0;
        Instant start = exists ? Instant.ofEpochMilli(vt[0]) : null;
        Instant end = exists ? Instant.ofEpochMilli(vt[m - 1]) : null;
        boolean shortRange = exists && vt[m - 1] - vt[0] < thresholds.shortDateRange().toMillis();

        int largeGaps = 0;
        long maxGap = 0;
        int up = 0;
        int down = 0;
        for (int i = 1; i < m; i++) {
            long gap = vt[i] - vt[i - 1];
            maxGap = Math.max(maxGap, gap);
            largeGaps += gap > table.gapThreshold ? 1 : 0;
            up += v[i] > v[i - 1] ? 1 : 0;
            down += v[i] < v[i - 1] ? 1 : 0;
        }
        int distinct = distinctUpTo(v, m, thresholds.categoricalMaxValues() + 1);
        Monotonicity monotonicity = null;
        if (exists && distinct <= 1) {
            monotonicity = Monotonicity.STATIC;
        } else if (up + down > 0 && up >= thresholds.monotonicShare() * (up + down)) {
            monotonicity = Monotonicity.INCREASING;
        } else if (up + down > 0 && down >= thresholds.monotonicShare() * (up + down)) {
            monotonicity = Monotonicity.DECREASING;
        }
        boolean categorical = distinct >= 2 && distinct <= thresholds.categoricalMaxValues() && m >= thresholds.categoricalMinValues();
        boolean modes = distinct >= 2 && twoModes(v, m, thresholds);

        long badDates = source.invalidDateEntries() + source.unsupportedTimestamps();
        return new SensorStatisticsSummary(source.component(), column.name(), exists, start, end, table.count(missing),
                table.count(invalid), table.count(badDates), table.count(table.duplicates), table.count(table.unordered),
                new Categorical(Status.of(categorical), categorical ? distinct : 0), new Modes(Status.of(modes)),
                new Gaps(Status.of(largeGaps > 0), largeGaps, (double) maxGap / DAY_MILLIS),
                new Monotonic(Status.of(monotonicity != null), monotonicity), Status.of(shortRange));
    }

    /**
     * Whether two Gaussian components describe the first {@code m} values better than one by more than the
     * BIC threshold, each with at least the minimum weight and their means at least the minimum separation
     * apart.
     */
    static boolean twoModes(double[] v, int m, QualityThresholds thresholds) {
        double[] x = sample(v, m, thresholds.modesSample());
        Optional<GaussianMixture> two = GaussianMixture.fitExactly(x, 2);
        if (two.isEmpty()) {
            return false;
        }
        GaussianMixture one = GaussianMixture.fitExactly(x, 1).orElseThrow();
        GaussianMixture g = two.get();
        double[] w = g.weights();
        double[] mu = g.means();
        double[] s2 = g.variances();
        double separation = Math.abs(mu[0] - mu[1]) / Math.sqrt((s2[0] + s2[1]) / 2);
        return one.bic(x) - g.bic(x) > thresholds.modesBicImprovement() && Math.min(w[0], w[1]) >= thresholds.modesMinWeight()
                && separation >= thresholds.modesMinSeparation();
    }

    /** The first {@code m} values, or a uniform random sample of {@code size} of them (reservoir sampling, fixed seed). */
    private static double[] sample(double[] v, int m, int size) {
        if (m <= size) {
            return Arrays.copyOf(v, m);
        }
        SplittableRandom random = new SplittableRandom(SAMPLE_SEED);
        double[] out = Arrays.copyOf(v, size);
        for (int i = size; i < m; i++) {
            int j = random.nextInt(i + 1);
            if (j < size) {
                out[j] = v[i];
            }
        }
        return out;
    }

    /** The number of distinct values among the first {@code m}, counted up to {@code limit}. */
    private static int distinctUpTo(double[] v, int m, int limit) {
        double[] seen = new double[limit];
        int distinct = 0;
        for (int i = 0; i < m && distinct < limit; i++) {
            double x = v[i];
            boolean known = false;
            for (int k = 0; k < distinct && !known; k++) {
                known = seen[k] == x;
            }
            if (!known) {
                seen[distinct++] = x;
            }
        }
        return distinct;
    }

    /** The median step between consecutive (strictly increasing) timestamps, 0 with fewer than two. */
    private static long medianStep(long[] times) {
        if (times.length < 2) {
            return 0;
        }
        long[] steps = new long[times.length - 1];
        for (int i = 1; i < times.length; i++) {
            steps[i - 1] = times[i] - times[i - 1];
        }
        Arrays.sort(steps);
        return steps[steps.length / 2];
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Row indices in ascending order of their keys, ties in row order (a bottom-up merge sort). */
    static int[] stableOrder(long[] keys) {
        int n = keys.length;
        int[] a = identity(n);
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    b[k++] = keys[a[j]] < keys[a[i]] ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] swap = a;
            a = b;
            b = swap;
        }
        return a;
    }
}
