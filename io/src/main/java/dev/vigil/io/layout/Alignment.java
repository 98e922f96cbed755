package dev.vigil.io.layout;

import dev.vigil.core.prepare.Preparation;
import dev.vigil.io.layout.LayoutOptions.AlignMode;
import dev.vigil.io.layout.LayoutOptions.FillMethod;
import dev.vigil.io.layout.LayoutOptions.Leftover;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Joins the tables of a layout into one frame, as Azure Multivariate Anomaly Detector's open-source data
 * processor does: timestamps rounded (if asked), each table sorted with the last row of a duplicated
 * timestamp kept, the tables joined on their timestamps (union or intersection), the columns sorted by
 * name, every missing value filled. Primitive arrays throughout: merging k tables of n rows costs O(n·k·log k).
 */
final class Alignment {
    static final String ORIGIN = "Alignment";

    private Alignment() {
    }

    /** A table of a layout: its timestamps, strictly increasing, and its columns. */
    record Table(String source, long[] times, String[] names, double[][] values) {
    }

    /**
     * A raw table (file order, duplicates allowed) made ready to align: rounded, sorted, the last row of a
     * duplicated timestamp kept; each step logged.
     *
     * @param names the column names in the aligned frame (for a component, {@code component\tag})
     */
    static Table prepare(TimeFrame raw, String[] names, Duration roundTo, JobLog log) {
        TimeFrame frame = raw;
        if (roundTo != null) {
            long p = roundTo.toMillis();
            long[] t = raw.times();
            int changed = 0;
            for (int i = 0; i < t.length; i++) {
                long r = Math.floorDiv(t[i] + p / 2, p) * p;
                changed += r != t[i] ? 1 : 0;
                t[i] = r;
            }
            if (changed > 0) {
                TimeFrame.Builder b = TimeFrame.builder(t).zone(raw.zone()).source(raw.source());
                for (int c = 0; c < raw.columnCount(); c++) {
                    b.column(raw.column(c).name(), raw.column(c).toArray());
                }
                frame = b.build();
                log.info(ORIGIN, "Rounded " + changed + " of " + t.length + " timestamps of " + raw.source() + " to the nearest multiple of "
                        + roundTo + ".");
            }
        }
        TimeFrame sorted = Preparation.sortAndDeduplicate(frame, log);
        double[][] values = new double[names.length][];
        for (int c = 0; c < names.length; c++) {
            values[c] = sorted.column(c).toArray();
        }
        return new Table(raw.source(), sorted.times(), names, values);
    }

    /**
     * The tables joined on their timestamps, columns sorted by name, missing values filled.
     *
     * @throws VigilException {@link ErrorCode#MALFORMED_DATA} when two columns share a name, {@link
     *     ErrorCode#INSUFFICIENT_DATA} when an inner join leaves no row
     */
    static TimeFrame align(List<Table> tables, LayoutOptions options, String source, ZoneId zone, JobLog log) {
        List<long[]> times = tables.stream().map(Table::times).toList();
        long[] grid = options.alignMode() == AlignMode.Outer ? union(times) : intersection(times);
        int longest = times.stream().mapToInt(t -> t.length).max().orElse(0);
        if (grid.length == 0) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, "Aligning the " + tables.size() + " tables of " + source
                    + " on the timestamps all of them share (alignMode Inner) leaves no row: " + spans(tables)
                    + ". Round the timestamps to the sampling period (roundTo), or align Outer");
        }
        log.info(ORIGIN, "Aligned " + tables.size() + (tables.size() == 1 ? " table" : " tables") + " of " + source + " on "
                + (options.alignMode() == AlignMode.Outer ? "every timestamp any of them has (alignMode Outer)"
                        : "the timestamps all of them have (alignMode Inner)") + ": " + grid.length + " rows, from "
                + Instant.ofEpochMilli(grid[0]) + " to " + Instant.ofEpochMilli(grid[grid.length - 1]) + ".");
        if (options.alignMode() == AlignMode.Outer && tables.size() > 1 && grid.length > 1.5 * longest) {
            log.warning(ORIGIN, "The tables' timestamps interleave: joined, they make " + grid.length + " rows where the longest table has "
                    + longest + ", so most rows miss most values. Round the timestamps to the sampling period (roundTo) so that "
                    + "they meet.");
        } else if (options.alignMode() == AlignMode.Inner && grid.length < longest) {
            log.info(ORIGIN, "Left out " + (longest - grid.length) + " rows of the longest table, whose timestamps not every table has.");
        }

        List<Column> columns = new ArrayList<>();
        for (Table t : tables) {
            int[] at = positions(grid, t.times());
            for (int c = 0; c < t.names().length; c++) {
                double[] v = new double[grid.length];
                Arrays.fill(v, Double.NaN);
                double[] src = t.values()[c];
                for (int i = 0; i < at.length; i++) {
                    if (at[i] >= 0) {
                        v[i] = src[at[i]];
                    }
                }
                columns.add(new Column(t.names()[c], t.source(), v));
            }
        }
        columns.sort(Comparator.comparing(Column::name));
        for (int c = 1; c < columns.size(); c++) {
            if (columns.get(c).name().equals(columns.get(c - 1).name())) {
                throw new VigilException(ErrorCode.MALFORMED_DATA, source + ": the signal '" + columns.get(c).name() + "' comes from both "
                        + columns.get(c - 1).source() + " and " + columns.get(c).source() + "; every signal needs a unique name");
            }
        }
        fill(columns, options, log);
        TimeFrame.Builder b = TimeFrame.builder(grid).zone(zone).source(source);
        for (Column c : columns) {
            b.column(c.name(), c.values());
        }
        return b.build();
    }

    private record Column(String name, String source, double[] values) {
    }

    /** For each row of the grid, the row of {@code times} holding its timestamp, or -1. */
    private static int[] positions(long[] grid, long[] times) {
        int[] at = new int[grid.length];
        int j = 0;
        for (int i = 0; i < grid.length; i++) {
            while (j < times.length && times[j] < grid[i]) {
                j++;
            }
            at[i] = j < times.length && times[j] == grid[i] ? j : -1;
        }
        return at;
    }

    /** The union of strictly increasing arrays, merged pairwise (balanced). */
    static long[] union(List<long[]> arrays) {
        return reduce(arrays, Alignment::union);
    }

    /** The intersection of strictly increasing arrays, pairwise. */
    static long[] intersection(List<long[]> arrays) {
        return reduce(arrays, Alignment::intersection);
    }

    private static long[] reduce(List<long[]> arrays, java.util.function.BinaryOperator<long[]> join) {
        if (arrays.isEmpty()) {
            return new long[0];
        }
        long[] first = arrays.get(0);
        boolean same = true;
        for (long[] a : arrays) {
            same &= a == first || Arrays.equals(a, first);
        }
        if (same) {
            return first.clone();
        }
        Deque<long[]> queue = new ArrayDeque<>(arrays);
        while (queue.size() > 1) {
            queue.addLast(join.apply(queue.pollFirst(), queue.pollFirst()));
        }
        return queue.getFirst();
    }

    private static long[] union(long[] a, long[] b) {
        long[] out = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            long x = a[i];
            long y = b[j];
            if (x < y) {
                out[n++] = x;
                i++;
            } else if (y < x) {
                out[n++] = y;
                j++;
            } else {
                out[n++] = x;
                i++;
                j++;
            }
        }
        while (i < a.length) {
            out[n++] = a[i++];
        }
        while (j < b.length) {
            out[n++] = b[j++];
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static long[] intersection(long[] a, long[] b) {
        long[] out = new long[Math.min(a.length, b.length)];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (b[j] < a[i]) {
                j++;
            } else {
                out[n++] = a[i];
                i++;
                j++;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Fills every column's missing values by the options' method, then the leftovers by their policy; logs both. */
    private static void fill(List<Column> columns, LayoutOptions options, JobLog log) {
        long filled = 0;
        int filledColumns = 0;
        String most = null;
        long mostFilled = 0;
        List<String> empty = new ArrayList<>();
        for (Column c : columns) {
            double[] v = c.values();
            long before = countNaN(v);
            if (before == 0) {
                continue;
            }
            fill(v, options.fillMethod(), options.paddingValue());
            long after = countNaN(v);
            if (after > 0) {
                empty.add(c.name());
                if (options.leftover() == Leftover.Zero) {
                    for (int i = 0; i < v.length; i++) {
                        v[i] = Double.isNaN(v[i]) ? 0 : v[i];
                    }
                }
            }
            long n = before - after;
            if (n > 0) {
                filled += n;
                filledColumns++;
                if (n > mostFilled) {
                    mostFilled = n;
                    most = c.name();
                }
            }
        }
        FillMethod method = options.fillMethod();
        if (method == FillMethod.None) {
            log.info(ORIGIN, "Left missing values missing (fillNAMethod None), for Vigil's own imputation.");
        } else if (filled > 0) {
            log.info(ORIGIN, String.format(Locale.ROOT, "Filled %,d missing values in %d of %d columns (fillNAMethod %s%s); most in '%s' (%,d).",
                    filled, filledColumns, columns.size(), method, method == FillMethod.Fixed ? ", paddingValue " + options.paddingValue() : "",
                    most, mostFilled));
        } else {
            log.info(ORIGIN, "No missing values to fill.");
        }
        if (!empty.isEmpty() && method != FillMethod.None) {
            String names = String.join(", ", empty.subList(0, Math.min(10, empty.size()))) + (empty.size() > 10 ? ", …" : "");
            log.warning(ORIGIN, empty.size() + (empty.size() == 1 ? " signal has" : " signals have") + " no value at all, so "
                    + method + " fills nothing: " + names + (options.leftover() == Leftover.Zero
                            ? ". Set to 0 throughout, as Azure does (leftover Zero)."
                            : ". Left missing (leftover Missing; Azure would write 0, a reading nobody made)."));
        }
    }

    /** Fills the missing values of one column in place (Azure's open-source semantics; see {@link FillMethod}). */
    static void fill(double[] v, FillMethod method, double padding) {
        switch (method) {
            case Previous -> {
                forward(v);
                backward(v);
            }
            case Subsequent -> {
                backward(v);
                forward(v);
            }
            case Linear -> linear(v);
            case Zero -> constant(v, 0);
            case Fixed -> constant(v, padding);
            case None -> {
            }
            default -> throw new IllegalStateException(method.name());
        }
    }

    private static void forward(double[] v) {
        double last = Double.NaN;
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                v[i] = last;
            } else {
                last = v[i];
            }
        }
    }

    private static void backward(double[] v) {
        double next = Double.NaN;
        for (int i = v.length - 1; i >= 0; i--) {
            if (Double.isNaN(v[i])) {
                v[i] = next;
            } else {
                next = v[i];
            }
        }
    }

    private static void constant(double[] v, double c) {
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                v[i] = c;
            }
        }
    }

    /** Interpolates between the values around each gap by row position; the first and last values reach the ends. */
    private static void linear(double[] v) {
        int previous = -1;
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                continue;
            }
            if (previous < 0) {
                Arrays.fill(v, 0, i, v[i]);
            } else if (i - previous > 1) {
                double a = v[previous];
                double step = (v[i] - a) / (i - previous);
                for (int k = previous + 1; k < i; k++) {
                    v[k] = a + step * (k - previous);
                }
            }
            previous = i;
        }
        if (previous >= 0) {
            Arrays.fill(v, previous + 1, v.length, v[previous]);
        }
    }

    private static long countNaN(double[] v) {
        long n = 0;
        for (double x : v) {
            n += Double.isNaN(x) ? 1 : 0;
        }
        return n;
    }

    /** Each table's first and last timestamp, for a message (at most five tables). */
    private static String spans(List<Table> tables) {
        List<String> out = new ArrayList<>();
        for (Table t : tables.subList(0, Math.min(5, tables.size()))) {
            long[] x = t.times();
            out.add(x.length == 0 ? t.source() + " has no rows" : t.source() + " " + Instant.ofEpochMilli(x[0]) + " to "
                    + Instant.ofEpochMilli(x[x.length - 1]) + " (" + x.length + (x.length == 1 ? " row)" : " rows)"));
        }
        return String.join("; ", out) + (tables.size() > 5 ? "; …" : "");
    }
}
