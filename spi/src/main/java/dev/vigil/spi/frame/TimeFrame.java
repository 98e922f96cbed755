package dev.vigil.spi.frame;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Names;
import dev.vigil.spi.VigilException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, column-oriented table of time-stamped numbers: {@code long} epoch-millisecond
 * timestamps and named {@code double} columns, {@code NaN} marking a missing value.
 *
 * <p>A frame read from a file keeps the file's row order, duplicates included; vigil-core's {@code Preparation}
 * turns it into a sorted, de-duplicated, regular frame. The frame knows its {@linkplain
 * #samplingPeriod() sampling period} (the most common step between consecutive distinct
 * timestamps), whether it is {@linkplain #isRegular() regular} (every step equals that period, so a
 * row offset is a time offset) and the time zone in which calendar features read its timestamps.
 *
 * <p>Immutable and thread-safe. Arrays passed in are copied; arrays handed out are copies, except
 * through {@link Column}, a read-only view for hot loops.
 */
public final class TimeFrame {
    private final long[] time;
    private final String[] names;
    private final double[][] values;
    private final Map<String, Integer> index;
    private final long periodMillis;
    private final boolean increasing;
    private final boolean regular;
    private final ZoneId zone;
    private final String source;

    /** Trusted constructor: takes ownership of the arrays. */
    TimeFrame(long[] time, String[] names, double[][] values, long periodMillis, ZoneId zone, String source) {
        this.source = source;
        this.time = time;
        this.names = names;
        this.values = values;
        this.zone = zone;
        Map<String, Integer> idx = new HashMap<>(names.length * 2);
        for (int c = 0; c < names.length; c++) {
            if (values[c].length != time.length) {
                throw new IllegalArgumentException("column '" + names[c] + "' has " + values[c].length
                        + " values but there are " + time.length + " timestamps");
            }
            if (idx.put(names[c], c) != null) {
                throw new VigilException(ErrorCode.MALFORMED_DATA, source + ": column name '" + names[c] + "' appears twice");
            }
        }
        this.index = idx;
        this.increasing = strictlyIncreasing(time);
        this.periodMillis = periodMillis > 0 ? periodMillis : modeStep(time, increasing);
        this.regular = increasing && allSteps(time, this.periodMillis);
    }

    /**
     * A frame from timestamps and columns (in the map's iteration order). The sampling period is
     * estimated from the timestamps. Arrays are copied.
     */
    public static TimeFrame of(long[] time, Map<String, double[]> columns) {
        Builder b = builder(time);
        columns.forEach(b::column);
        return b.build();
    }

    /** A builder starting from the given timestamps (copied). */
    public static Builder builder(long[] time) {
        return new Builder(time.clone());
    }

    /** Number of rows. */
    public int rows() {
        return time.length;
    }

    /** Whether the frame has no rows. */
    public boolean isEmpty() {
        return time.length == 0;
    }

    /** Column names in order. */
    public List<String> columnNames() {
        return Collections.unmodifiableList(Arrays.asList(names));
    }

    /** Number of value columns. */
    public int columnCount() {
        return names.length;
    }

    /** Whether a column of that name exists. */
    public boolean hasColumn(String name) {
        return index.containsKey(name);
    }

    /**
     * Position of a column.
     *
     * @throws VigilException {@link ErrorCode#UNKNOWN_COLUMN} naming the known columns
     */
    public int columnIndex(String name) {
        Integer c = index.get(name);
        if (c == null) {
            throw new VigilException(ErrorCode.UNKNOWN_COLUMN, source + ": unknown column " + Names.unknown(name, index.keySet()));
        }
        return c;
    }

    /** Read-only view of a column, for loops that must not copy. */
    public Column column(String name) {
        return new Column(name, values[columnIndex(name)]);
    }

    /** Read-only view of the column at a position. */
    public Column column(int position) {
        return new Column(names[position], values[position]);
    }

    /** A copy of a column's values. */
    public double[] values(String name) {
        return values[columnIndex(name)].clone();
    }

    /** One value. */
    public double value(int column, int row) {
        return values[column][row];
    }

    /** Timestamp of a row, epoch milliseconds. */
    public long time(int row) {
        return time[row];
    }

    /** A copy of the timestamps. */
    public long[] times() {
        return time.clone();
    }

    /** Timestamp of a row as an instant. */
    public Instant instant(int row) {
        return Instant.ofEpochMilli(time[row]);
    }

    /**
     * The most common step between consecutive distinct timestamps; empty with fewer than two
     * distinct timestamps.
     */
    public Optional<Duration> samplingPeriod() {
        return periodMillis > 0 ? Optional.of(Duration.ofMillis(periodMillis)) : Optional.empty();
    }

    /** The sampling period in milliseconds, 0 when unknown. */
    public long samplingPeriodMillis() {
        return periodMillis;
    }

    /** Whether timestamps strictly increase (sorted, no duplicates). */
    public boolean isStrictlyIncreasing() {
        return increasing;
    }

    /**
     * Whether timestamps strictly increase by exactly one sampling period each row, so that a
     * row offset equals a time offset.
     */
    public boolean isRegular() {
        return regular;
    }

    /** The zone in which calendar features read timestamps (UTC unless told otherwise). */
    public ZoneId zone() {
        return zone;
    }

    /** Where the data came from (a file name), for messages; {@code "data"} when not told. */
    public String source() {
        return source;
    }

    /** The same frame with another source description. */
    public TimeFrame withSource(String newSource) {
        return new TimeFrame(time, names, values, periodMillis, zone, Objects.requireNonNull(newSource, "source is null"));
    }

    /** The same frame read in another time zone. */
    public TimeFrame withZone(ZoneId newZone) {
        return new TimeFrame(time, names, values, periodMillis, Objects.requireNonNull(newZone, "zone is null"), source);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive); the sampling period is kept. */
    public TimeFrame slice(int from, int to) {
        Objects.checkFromToIndex(from, to, time.length);
        double[][] v = new double[names.length][];
        for (int c = 0; c < names.length; c++) {
            v[c] = Arrays.copyOfRange(values[c], from, to);
        }
        return new TimeFrame(Arrays.copyOfRange(time, from, to), names, v, periodMillis, zone, source);
    }

    /** The given rows, in the given order; the sampling period is kept. */
    public TimeFrame rows(int[] rows) {
        long[] t = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            t[i] = time[rows[i]];
        }
        double[][] v = new double[names.length][rows.length];
        for (int c = 0; c < names.length; c++) {
            double[] src = values[c];
            double[] dst = v[c];
            for (int i = 0; i < rows.length; i++) {
                dst[i] = src[rows[i]];
            }
        }
        return new TimeFrame(t, names, v, periodMillis, zone, source);
    }

    /** Only the named columns, in the given order (shares storage; no copy). */
    public TimeFrame select(List<String> columns) {
        String[] n = new String[columns.size()];
        double[][] v = new double[n.length][];
        for (int i = 0; i < n.length; i++) {
            n[i] = columns.get(i);
            v[i] = values[columnIndex(n[i])];
        }
        return new TimeFrame(time, n, v, periodMillis, zone, source);
    }

    /** This frame with a column added, or replaced if the name exists. The values are copied. */
    public TimeFrame withColumn(String name, double[] column) {
        Objects.requireNonNull(name, "name is null");
        if (column.length != time.length) {
            throw new IllegalArgumentException("column '" + name + "' has " + column.length
                    + " values but the frame has " + time.length + " rows");
        }
        Integer existing = index.get(name);
        String[] n = existing == null ? Arrays.copyOf(names, names.length + 1) : names.clone();
        double[][] v = existing == null ? Arrays.copyOf(values, values.length + 1) : values.clone();
        int at = existing == null ? names.length : existing;
        n[at] = name;
        v[at] = column.clone();
        return new TimeFrame(time, n, v, periodMillis, zone, source);
    }

    /** This frame without the named columns (names that do not exist are ignored). */
    public TimeFrame without(List<String> columns) {
        List<String> keep = new ArrayList<>();
        for (String n : names) {
            if (!columns.contains(n)) {
                keep.add(n);
            }
        }
        return select(keep);
    }

    /** Row of the given timestamp in a strictly increasing frame, or {@code -(insertion point) - 1}. */
    public int indexOf(long epochMillis) {
        requireIncreasing("search by time");
        return Arrays.binarySearch(time, epochMillis);
    }

    /** Counts {@code NaN} values of a column. */
    public int missing(String name) {
        int n = 0;
        for (double v : values[columnIndex(name)]) {
            if (Double.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    /** Columns as a map from name to a copy of the values, in column order. */
    public Map<String, double[]> toMap() {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int c = 0; c < names.length; c++) {
            m.put(names[c], values[c].clone());
        }
        return m;
    }

    void requireIncreasing(String what) {
        if (!increasing) {
            throw new VigilException(ErrorCode.INTERNAL, source + ": cannot " + what
                    + " on a frame whose timestamps are not strictly increasing; prepare it first");
        }
    }

    /** Internal access to a column's storage for this package's hot loops; never modify it. */
    double[] storage(int column) {
        return values[column];
    }

    long[] timeStorage() {
        return time;
    }

    String[] nameStorage() {
        return names;
    }

    @Override
    public String toString() {
        return "TimeFrame[" + time.length + " rows × " + names.length + " columns"
                + (time.length > 0 ? ", " + instant(0) + " … " + instant(time.length - 1) : "")
                + samplingPeriod().map(p -> ", period " + p).orElse("") + "]";
    }

    private static boolean strictlyIncreasing(long[] t) {
        for (int i = 1; i < t.length; i++) {
            if (t[i] <= t[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private static boolean allSteps(long[] t, long step) {
        if (step <= 0) {
            return t.length <= 1;
        }
        for (int i = 1; i < t.length; i++) {
            if (t[i] - t[i - 1] != step) {
                return false;
            }
        }
        return true;
    }

    /**
     * The most common positive step between consecutive distinct timestamps (ties: the smaller
     * step), 0 when there are fewer than two distinct timestamps.
     */
    static long modeStep(long[] t, boolean increasing) {
        if (t.length < 2) {
            return 0;
        }
        long[] sorted = increasing ? t : sortedCopy(t);
        long[] steps = new long[sorted.length - 1];
        int n = 0;
        for (int i = 1; i < sorted.length; i++) {
            long d = sorted[i] - sorted[i - 1];
            if (d > 0) {
                steps[n++] = d;
            }
        }
        if (n == 0) {
            return 0;
        }
        // Fast path: most data are regular, so the first step usually wins outright.
        long first = steps[0];
        int same = 0;
        for (int i = 0; i < n; i++) {
            if (steps[i] == first) {
                same++;
            }
        }
        if (same * 2 > n) {
            return first;
        }
        Arrays.sort(steps, 0, n);
        long best = steps[0];
        int bestCount = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && steps[j] == steps[i]) {
                j++;
            }
            if (j - i > bestCount) {
                bestCount = j - i;
                best = steps[i];
            }
            i = j;
        }
        return best;
    }

    private static long[] sortedCopy(long[] t) {
        long[] s = t.clone();
        Arrays.sort(s);
        return s;
    }

    /** Builds a frame column by column. Not thread-safe. */
    public static final class Builder {
        private final long[] time;
        private final List<String> names = new ArrayList<>();
        private final List<double[]> values = new ArrayList<>();
        private long periodMillis;
        private ZoneId zone = ZoneOffset.UTC;
        private String source = "data";

        private Builder(long[] time) {
            this.time = time;
        }

        /** Adds a column (values copied). */
        public Builder column(String name, double[] column) {
            Objects.requireNonNull(name, "name is null");
            names.add(name);
            values.add(column.clone());
            return this;
        }

        /** Sets the sampling period instead of estimating it. */
        public Builder samplingPeriod(Duration period) {
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("sampling period must be positive: " + period);
            }
            this.periodMillis = period.toMillis();
            return this;
        }

        /** Sets the zone in which calendar features read the timestamps (default UTC). */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone is null");
            return this;
        }

        /** Sets where the data came from (a file name), for messages. */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source is null");
            return this;
        }

        /** The frame. */
        public TimeFrame build() {
            return new TimeFrame(time, names.toArray(String[]::new), values.toArray(double[][]::new), periodMillis, zone, source);
        }
    }
}
