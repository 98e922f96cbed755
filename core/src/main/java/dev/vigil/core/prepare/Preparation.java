package dev.vigil.core.prepare;

import dev.vigil.spi.frame.Column;
import dev.vigil.spi.frame.Durations;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Names;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.Aggregation;
import dev.vigil.spi.settings.DataSettings;
import dev.vigil.spi.settings.Imputation;
import dev.vigil.spi.settings.ImputationType;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.TimeScale;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a frame as read from a file into one a model can use. Each step is a pure function
 * returning a new frame (the input is never modified) and writes what it did to the {@link JobLog}:
 *
 * <ol>
 *   <li>{@link #sortAndDeduplicate} — sort by time; of rows sharing a timestamp keep the last;
 *   <li>{@link #resample} to a {@link TimeScale}, or else {@link #regularize} onto the sampling
 *       period's grid — either way the result is regular, so that a row offset is a time offset;
 *   <li>{@link #impute} short gaps;
 *   <li>{@link #select} the rows a job works on.
 * </ol>
 *
 * <p>Label and holiday columns are flags: resampling takes their maximum and imputation leaves them
 * alone.
 */
public final class Preparation {
    /** The origin written in log entries of this class. */
    public static final String ORIGIN = "Preparation";

    /** Grids larger than this many rows are refused; the data are almost certainly mis-scaled. */
    static final long MAX_GRID_ROWS = 100_000_000L;

    private Preparation() {
    }

    /**
     * All preparation steps in order: sort and de-duplicate; resample to {@code data.timeScale} if
     * given, else put the rows on the sampling period's grid; impute.
     *
     * @throws VigilException {@link ErrorCode#EMPTY_DATA} without rows, {@link
     *     ErrorCode#INSUFFICIENT_DATA} with fewer than two distinct timestamps
     */
    public static TimeFrame prepare(TimeFrame raw, DataSettings data, JobLog log) {
        if (raw.isEmpty()) {
            throw new VigilException(ErrorCode.EMPTY_DATA, raw.source() + " has no rows");
        }
        requireModelable(raw);
        TimeFrame sorted = sortAndDeduplicate(raw, log);
        if (sorted.rows() < 2) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, raw.source()
                    + " has a single distinct timestamp (" + sorted.instant(0) + "); at least 2 are needed to tell the sampling period");
        }
        Set<String> flags = new TreeSet<>();
        data.label().filter(sorted::hasColumn).ifPresent(flags::add);
        data.holidays().filter(sorted::hasColumn).ifPresent(flags::add);
        TimeFrame frame = data.resampling()
                .map(ts -> resample(sorted, ts, data.aggregation(), flags, log))
                .orElseGet(() -> regularize(sorted, log));
        log.info(ORIGIN, "Used sampling period " + Durations.human(Duration.ofMillis(frame.samplingPeriodMillis())) + ".");
        return impute(frame, data.imputation(), flags, log);
    }

    /**
     * Checks that every column the settings name exists in the frame, reporting all missing ones
     * together, each with its role, the nearest existing name and the columns that do exist.
     *
     * @throws VigilException {@link ErrorCode#UNKNOWN_COLUMN}
     */
    public static void requireColumns(TimeFrame frame, DataSettings data) {
        Names.requireColumns(frame.source(), data.columnRoles(), frame.columnNames());
    }

    /**
     * Sorts rows by time (stable) and keeps, of rows sharing a timestamp, the last one. Returns the
     * frame itself when it is already strictly increasing.
     */
    public static TimeFrame sortAndDeduplicate(TimeFrame frame, JobLog log) {
        if (frame.isStrictlyIncreasing()) {
            return frame;
        }
        long[] t = frame.times();
        boolean sorted = true;
        int firstUnordered = -1;
        for (int i = 1; i < t.length && sorted; i++) {
            sorted = t[i] >= t[i - 1];
            firstUnordered = sorted ? -1 : i;
        }
        int[] order = sorted ? identity(t.length) : stableOrder(t);
        int[] keep = new int[t.length];
        int kept = 0;
        long firstDuplicate = Long.MIN_VALUE;
        for (int i = 0; i < order.length; i++) {
            boolean lastOfRun = i + 1 == order.length || t[order[i + 1]] != t[order[i]];
            if (lastOfRun) {
                keep[kept++] = order[i];
            } else if (firstDuplicate == Long.MIN_VALUE) {
                firstDuplicate = t[order[i]];
            }
        }
        if (!sorted) {
            log.warning(ORIGIN, "Rows of " + frame.source() + " were not in time order; sorted them by timestamp (the first out of order: "
                    + "row " + (firstUnordered + 1) + ", " + Instant.ofEpochMilli(t[firstUnordered]) + ", after "
                    + Instant.ofEpochMilli(t[firstUnordered - 1]) + ").");
        }
        int removed = t.length - kept;
        if (removed > 0) {
            log.warning(ORIGIN, "Removed " + removed + (removed == 1 ? " row" : " rows")
                    + " with a duplicate timestamp, keeping the last row of each (first duplicate: "
                    + Instant.ofEpochMilli(firstDuplicate) + ").");
        }
        return frame.rows(Arrays.copyOf(keep, kept));
    }

    /**
     * Puts a strictly increasing frame on the grid of its sampling period: every missing grid
     * timestamp becomes a row of missing values, so that a row offset is a time offset. Frames whose
     * timestamps are not on one grid (irregular data), or whose grid would be more than four times
     * as long, are returned unchanged with a warning: then offsets and windows count rows.
     */
    public static TimeFrame regularize(TimeFrame frame, JobLog log) {
        requireIncreasing(frame, "regularize");
        if (frame.isRegular() || frame.rows() < 2) {
            return frame;
        }
        long step = frame.samplingPeriodMillis();
        long[] t = frame.times();
        long t0 = t[0];
        for (long ti : t) {
            if (Math.floorMod(ti - t0, step) != 0) {
                log.warning(ORIGIN, "Timestamps of " + frame.source() + " are not on a regular grid of "
                        + Durations.human(Duration.ofMillis(step)) + " (e.g. " + Instant.ofEpochMilli(ti)
                        + "); lags and windows will count rows, not time. Set timeScale to resample the data.");
                return frame;
            }
        }
        long gridRows = (t[t.length - 1] - t0) / step + 1;
        if (gridRows > Math.max(4L * t.length, t.length + 10_000L) || gridRows > MAX_GRID_ROWS) {
            log.warning(ORIGIN, "The data of " + frame.source() + " have long gaps: a regular grid of "
                    + Durations.human(Duration.ofMillis(step)) + " would need " + gridRows + " rows for "
                    + t.length + " samples; lags and windows will count rows, not time. Set timeScale to resample the data.");
            return frame;
        }
        int n = (int) gridRows;
        long[] time = new long[n];
        for (int i = 0; i < n; i++) {
            time[i] = t0 + i * step;
        }
        int[] position = new int[t.length];
        long largestGap = 0;
        for (int i = 0; i < t.length; i++) {
            position[i] = (int) ((t[i] - t0) / step);
            if (i > 0) {
                largestGap = Math.max(largestGap, t[i] - t[i - 1]);
            }
        }
        String[] names = frame.columnNames().toArray(String[]::new);
        double[][] values = new double[names.length][];
        for (int c = 0; c < names.length; c++) {
            Column src = frame.column(c);
            double[] dst = new double[n];
            Arrays.fill(dst, Double.NaN);
            for (int i = 0; i < src.size(); i++) {
                dst[position[i]] = src.get(i);
            }
            values[c] = dst;
        }
        int inserted = n - t.length;
        log.info(ORIGIN, "Inserted " + inserted + " missing " + (inserted == 1 ? "timestamp" : "timestamps")
                + " of the " + Durations.human(Duration.ofMillis(step)) + " grid as rows without values; the largest gap was "
                + Durations.human(Duration.ofMillis(largestGap)) + ".");
        return frame(time, names, values, step, frame);
    }

    /**
     * Resamples a strictly increasing frame to a time scale: bins {@code [kΔ, (k+1)Δ)} aligned to the
     * epoch in the frame's time zone, labelled by their start; every bin from the first to the last
     * becomes a row. Missing values are skipped; a bin without values stays missing.
     *
     * @param flags columns always combined by {@link Aggregation#Maximum} (labels, holidays)
     */
    public static TimeFrame resample(TimeFrame frame, TimeScale scale, Aggregation aggregation, Set<String> flags, JobLog log) {
        requireIncreasing(frame, "resample");
        long width = scale.duration().toMillis();
        long[] t = frame.times();
        ZoneId zone = frame.zone();
        long[] bin = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            bin[i] = Math.floorDiv(t[i] + offsetMillis(zone, t[i]), width);
        }
        long firstBin = bin[0];
        long bins = bin[t.length - 1] - firstBin + 1;
        if (bins > MAX_GRID_ROWS) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "timeScale of " + Durations.human(scale.duration())
                    + " would turn " + frame.source() + " into " + bins + " rows; choose a larger timeScale");
        }
        int n = (int) bins;
        long[] time = new long[n];
        for (int b = 0; b < n; b++) {
            time[b] = localToUtc(zone, (firstBin + b) * width);
        }
        int[] slot = new int[t.length];
        boolean[] occupied = new boolean[n];
        for (int i = 0; i < t.length; i++) {
            slot[i] = (int) (bin[i] - firstBin);
            occupied[slot[i]] = true;
        }
        String[] names = frame.columnNames().toArray(String[]::new);
        double[][] values = new double[names.length][];
        for (int c = 0; c < names.length; c++) {
            values[c] = aggregate(frame.column(c), slot, n, flags.contains(names[c]) ? Aggregation.Maximum : aggregation);
        }
        int empty = 0;
        for (boolean o : occupied) {
            empty += o ? 0 : 1;
        }
        log.info(ORIGIN, "Resampled " + t.length + " rows to " + n + " rows of " + Durations.human(scale.duration())
                + " by " + aggregation + (flags.isEmpty() ? "" : " (" + String.join(", ", flags) + " by Maximum)")
                + (empty > 0 ? "; " + empty + (empty == 1 ? " bin has" : " bins have") + " no data" : "") + ".");
        return frame(time, names, values, width, frame);
    }

    private static double[] aggregate(Column src, int[] slot, int n, Aggregation aggregation) {
        double[] acc = new double[n];
        int[] count = new int[n];
        double init = switch (aggregation) {
            case Mean, Sum -> 0;
            case Minimum -> Double.POSITIVE_INFINITY;
            case Maximum -> Double.NEGATIVE_INFINITY;
        };
        Arrays.fill(acc, init);
        for (int i = 0; i < src.size(); i++) {
            double v = src.get(i);
            if (Double.isNaN(v)) {
                continue;
            }
            int s = slot[i];
            count[s]++;
            switch (aggregation) {
                case Mean, Sum -> acc[s] += v;
                case Minimum -> acc[s] = Math.min(acc[s], v);
                case Maximum -> acc[s] = Math.max(acc[s], v);
            }
        }
        for (int s = 0; s < n; s++) {
            if (count[s] == 0) {
                acc[s] = Double.NaN;
            } else if (aggregation == Aggregation.Mean) {
                acc[s] /= count[s];
            }
        }
        return acc;
    }

    /**
     * Fills runs of at most {@code imputation.maxGapLength} missing values in each column: LOCF
     * carries the last value before the run forward (a run at the end is filled too); Linear draws
     * a straight line in time between the values on both sides (runs at either end stay missing).
     *
     * @param skip columns left alone (labels, holidays)
     */
    public static TimeFrame impute(TimeFrame frame, Imputation imputation, Set<String> skip, JobLog log) {
        if (imputation.type() == ImputationType.None || imputation.maxGapLength() == 0) {
            return frame;
        }
        long[] t = frame.times();
        String[] names = frame.columnNames().toArray(String[]::new);
        double[][] values = new double[names.length][];
        long filled = 0;
        long leftValues = 0;
        List<String> filledColumns = new ArrayList<>();
        List<String> leftColumns = new ArrayList<>();
        for (int c = 0; c < names.length; c++) {
            Column column = frame.column(c);
            if (skip.contains(names[c])) {
                values[c] = column.toArray();
                continue;
            }
            double[] v = column.toArray();
            double[] out = null;
            long columnFilled = 0;
            long columnLeft = 0;
            int i = 0;
            while (i < v.length) {
                if (!Double.isNaN(v[i])) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < v.length && Double.isNaN(v[j])) {
                    j++;
                }
                int length = j - i;
                boolean hasBefore = i > 0;
                boolean hasAfter = j < v.length;
                boolean fill = length <= imputation.maxGapLength() && hasBefore
                        && (imputation.type() == ImputationType.LOCF || hasAfter);
                if (fill) {
                    if (out == null) {
                        out = v;
                    }
                    double a = v[i - 1];
                    if (imputation.type() == ImputationType.LOCF) {
                        Arrays.fill(out, i, j, a);
                    } else {
                        double b = v[j];
                        double span = t[j] - t[i - 1];
                        for (int k = i; k < j; k++) {
                            out[k] = a + (b - a) * ((t[k] - t[i - 1]) / span);
                        }
                    }
                    columnFilled += length;
                } else {
                    columnLeft += length;
                }
                i = j;
            }
            values[c] = out == null ? v : out;
            if (columnFilled > 0) {
                filledColumns.add(names[c]);
                filled += columnFilled;
            }
            if (columnLeft > 0) {
                leftColumns.add(names[c]);
                leftValues += columnLeft;
            }
        }
        if (filled > 0) {
            log.info(ORIGIN, "Imputed " + filled + " missing " + (filled == 1 ? "value" : "values") + " (" + imputation.type()
                    + ", gaps of up to " + imputation.maxGapLength() + " samples) in " + describe(filledColumns) + ".");
        }
        if (leftValues > 0) {
            log.info(ORIGIN, leftValues + " missing " + (leftValues == 1 ? "value stays" : "values stay")
                    + " missing (gaps longer than " + imputation.maxGapLength() + " samples, or at an end) in "
                    + describe(leftColumns) + ".");
        }
        return filled == 0 ? frame : frame(t, names, values, frame.samplingPeriodMillis(), frame);
    }

    /**
     * The rows of a strictly increasing frame that a {@link RowSelection} picks. A count larger than
     * the data picks every row.
     */
    public static RowSet select(TimeFrame frame, RowSelection selection) {
        requireIncreasing(frame, "select rows");
        int n = frame.rows();
        long[] t = frame.times();
        if (n == 0) {
            return RowSet.empty();
        }
        if (selection instanceof RowSelection.All) {
            return RowSet.all(n);
        }
        if (selection instanceof RowSelection.Count count) {
            boolean first = count.side() == RowSelection.Side.First;
            if (count.unit().length().isEmpty()) {
                int k = (int) Math.min(count.value(), n);
                return first ? RowSet.range(0, k) : RowSet.range(n - k, n);
            }
            long span = spanMillis(count);
            return first
                    ? RowSet.range(0, lowerBound(t, saturatedAdd(t[0], span)))
                    : RowSet.range(lowerBound(t, saturatedAdd(t[n - 1], -span) + 1), n);
        }
        List<RowSelection.TimeRange> ranges = ((RowSelection.Ranges) selection).ranges();
        int[] starts = new int[ranges.size()];
        int[] ends = new int[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            starts[i] = lowerBound(t, ranges.get(i).from().toEpochMilli());
            ends[i] = Math.max(starts[i], lowerBound(t, ranges.get(i).to().toEpochMilli() + 1));
        }
        return RowSet.ofRanges(starts, ends);
    }

    /**
     * The largest magnitude of a value Vigil models: {@value}. Far beyond any measurement (the mass of
     * the Earth is 6e24 kg, the number of atoms in it 1e50), yet small enough that the models'
     * arithmetic — squares and products of values and of their windows' variances, Gram matrices,
     * log-densities of residuals a thousand orders of magnitude smaller — stays within a double.
     */
    public static final double MAX_MAGNITUDE = 1e50;

    /**
     * Refuses a value beyond ±{@link #MAX_MAGNITUDE}, naming its column, row (1-based, in the order
     * read) and timestamp, before any arithmetic: a value that large is a unit error or a broken
     * sensor, and the models would turn it into an infinity or NaN far from where it came from.
     *
     * @throws VigilException {@link ErrorCode#BAD_VALUE}
     */
    public static void requireModelable(TimeFrame raw) {
        for (int c = 0; c < raw.columnCount(); c++) {
            for (int i = 0; i < raw.rows(); i++) {
                double v = raw.value(c, i);
                if (Math.abs(v) > MAX_MAGNITUDE) {
                    throw new VigilException(ErrorCode.BAD_VALUE, raw.source() + " row " + (i + 1) + " (" + raw.instant(i) + "), column '"
                            + raw.columnNames().get(c) + "': " + v + " is beyond ±1e50, the largest magnitude Vigil models; rescale the column "
                            + "(e.g. to larger units) or remove the value");
                }
            }
        }
    }

    /**
     * The span of a count of time units in milliseconds, {@link Long#MAX_VALUE} for a count beyond
     * it ({@code first:999999999999999999d}: every row, never a product that wrapped round); 0 for samples.
     */
    public static long spanMillis(RowSelection.Count count) {
        if (count.unit().length().isEmpty()) {
            return 0;
        }
        long unit = count.unit().length().get().toMillis();
        return count.value() > Long.MAX_VALUE / unit ? Long.MAX_VALUE : unit * count.value();
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : r;
    }

    /** First index whose timestamp is at least {@code key}. */
    static int lowerBound(long[] t, long key) {
        int lo = 0;
        int hi = t.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static String describe(List<String> columns) {
        if (columns.size() <= 5) {
            return (columns.size() == 1 ? "column " : "columns ") + String.join(", ", columns);
        }
        return columns.size() + " columns (" + String.join(", ", columns.subList(0, 5)) + ", …)";
    }

    private static long offsetMillis(ZoneId zone, long epochMillis) {
        if (zone instanceof ZoneOffset offset) {
            return offset.getTotalSeconds() * 1000L;
        }
        return zone.getRules().getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds() * 1000L;
    }

    private static long localToUtc(ZoneId zone, long localMillis) {
        if (zone instanceof ZoneOffset offset) {
            return localMillis - offset.getTotalSeconds() * 1000L;
        }
        LocalDateTime local = LocalDateTime.ofEpochSecond(Math.floorDiv(localMillis, 1000), 0, ZoneOffset.UTC)
                .plusNanos(Math.floorMod(localMillis, 1000) * 1_000_000L);
        return local.atZone(zone).toInstant().toEpochMilli();
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Indices that sort {@code keys} ascending, equal keys in their original order (merge sort). */
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

    private static void requireIncreasing(TimeFrame frame, String what) {
        if (!frame.isStrictlyIncreasing()) {
            throw new VigilException(ErrorCode.INTERNAL, frame.source() + ": cannot " + what
                    + " on a frame whose timestamps are not strictly increasing; prepare it first");
        }
    }

    /** A frame of new columns with the zone and source of {@code like}. */
    private static TimeFrame frame(long[] time, String[] names, double[][] values, long periodMillis, TimeFrame like) {
        TimeFrame.Builder b = TimeFrame.builder(time).zone(like.zone()).source(like.source());
        if (periodMillis > 0) {
            b.samplingPeriod(Duration.ofMillis(periodMillis));
        }
        for (int c = 0; c < names.length; c++) {
            b.column(names[c], values[c]);
        }
        return b.build();
    }
}
