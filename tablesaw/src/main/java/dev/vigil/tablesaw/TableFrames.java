package dev.vigil.tablesaw;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.ColumnLayout;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Names;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.booleans.BooleanColumnType;

/**
 * Tablesaw {@link Table}s to Vigil time frames and back, column by column as primitive arrays.
 *
 * <p><b>Table to frame.</b> The timestamp column is an {@code INSTANT} column, a {@code LOCAL_DATE_TIME}
 * column read in {@link TableOptions#zone()} (a wall-clock time that does not exist moves forward by the
 * length of the gap; one that exists twice takes the earlier offset, as {@code LocalDateTime.atZone}
 * does), a {@code LOCAL_DATE} column (midnight in that zone), or a {@code LONG} column of epoch
 * milliseconds. Every row needs a timestamp. Value columns of type {@code DOUBLE}, {@code FLOAT},
 * {@code INTEGER}, {@code LONG} and {@code SHORT} become doubles ({@code LONG} values beyond 2<sup>53</sup>
 * to the nearest one), {@code BOOLEAN} columns 1 and 0; missing values become {@code NaN}; infinities are
 * refused. Rows keep the table's order, as a file reader keeps the file's: sorting and de-duplicating is
 * the preparation's job.
 *
 * <p><b>Frame to table.</b> An {@code INSTANT} column {@code timestamp} first, then one {@code DOUBLE}
 * column per value column, {@code NaN} as missing; {@code toFrame} gives back the same timestamps and
 * values, every value to the bit. An instant has no zone: the frame's zone comes back only through {@link
 * TableOptions#zone()}.
 *
 * <p>Tablesaw compares column names ignoring case; Vigil does not. A frame whose names differ only in case
 * cannot become a table, and is refused with both names. Stateless and thread-safe; tables passed in are
 * not modified.
 */
public final class TableFrames {
    /** The name of the timestamp column of the tables made here. */
    public static final String TIMESTAMP = ColumnLayout.DEFAULT.timestampColumn();

    private static final String ORIGIN = "Data";
    private static final String TIMESTAMP_TYPES = "INSTANT, LOCAL_DATE_TIME (read in the zone of the options), LOCAL_DATE"
            + " (midnight in that zone) or LONG (milliseconds since 1970-01-01T00:00Z)";
    private static final String VALUE_TYPES = "DOUBLE, FLOAT, INTEGER, LONG, SHORT or BOOLEAN (read as 1 and 0)";

    private TableFrames() {
    }

    /** The table as a frame with the {@linkplain TableOptions#DEFAULT default options}. */
    public static TimeFrame toFrame(Table table) {
        return toFrame(table, TableOptions.DEFAULT, new JobLog());
    }

    /**
     * The table as a frame, its source {@code table '<name>'}.
     *
     * @param log receives a warning naming the columns left out by {@link TableOptions.NonNumeric#SKIP}
     * @throws VigilException {@link ErrorCode#BAD_TIMESTAMP} without a usable timestamp column or with a
     *     row without a timestamp; {@link ErrorCode#UNKNOWN_COLUMN} for a named column the table lacks;
     *     {@link ErrorCode#BAD_VALUE} for a column that does not hold numbers (unless skipped) or an
     *     infinite value; {@link ErrorCode#MALFORMED_DATA} for a name used twice
     */
    public static TimeFrame toFrame(Table table, TableOptions options, JobLog log) {
        requireNonNull(table, "table is null");
        requireNonNull(options, "options is null");
        requireNonNull(log, "log is null");
        String what = describe(table);
        List<String> names = table.columnNames();
        requireUniqueNames(what, names);
        Column<?> time = timestampColumn(table, what, options);
        List<Column<?>> values = valueColumns(table, what, options, time, log);
        TimeFrame.Builder b = TimeFrame.builder(epochMillis(time, what, options)).zone(options.zone()).source(source(table));
        for (Column<?> c : values) {
            b.column(c.name(), doubles(c, what));
        }
        return b.build();
    }

    /**
     * The frame as a table named after its source: an {@code INSTANT} column {@code timestamp}, then
     * a {@code DOUBLE} column per value column, {@code NaN} written as missing.
     *
     * @throws VigilException {@link ErrorCode#MALFORMED_DATA} for a value column named {@code timestamp}
     *     or two whose names differ only in case (Tablesaw takes them for one)
     */
    public static Table toTable(TimeFrame frame) {
        return toTable(frame, ColumnLayout.DEFAULT, frame.source());
    }

    /**
     * The frame as a table laid out as a file writer lays it out: every column in {@link
     * ColumnLayout#names} order, the timestamp column an {@code INSTANT} column, a value column the layout
     * stores as integers an {@code INTEGER} ({@code INT32}) or {@code LONG} ({@code INT64}) column when
     * every value is a whole number in range or missing, else a {@code DOUBLE} column.
     */
    static Table toTable(TimeFrame frame, ColumnLayout layout, String tableName) {
        List<String> order = layout.names(frame.columnNames());
        requireTablesawNames(frame.source(), order, layout.timestampColumn());
        Table table = Table.create(tableName);
        for (String name : order) {
            if (name.equals(layout.timestampColumn())) {
                table.addColumns(instants(name, frame));
            } else {
                table.addColumns(numbers(name, frame.values(name), layout.type(name)));
            }
        }
        return table;
    }

    private static InstantColumn instants(String name, TimeFrame frame) {
        long[] packed = new long[frame.rows()];
        Timestamps.Packer packer = new Timestamps.Packer();
        for (int r = 0; r < packed.length; r++) {
            packed[r] = packer.pack(frame.time(r));
            if (packed[r] == Long.MIN_VALUE) {
                throw new VigilException(ErrorCode.BAD_TIMESTAMP, frame.source() + " row " + r + " (counting from 0): "
                        + frame.time(r) + " ms since 1970 is outside the years a Tablesaw INSTANT column holds ("
                        + Timestamps.MIN_YEAR + " to " + Timestamps.MAX_YEAR + ")");
            }
        }
        return InstantColumn.createInternal(name, packed);
    }

    private static Column<?> numbers(String name, double[] values, ColumnLayout.ValueType type) {
        if (type == ColumnLayout.ValueType.INT32 && holds(type, values, -0x1p31)) {
            int[] ints = new int[values.length];
            for (int r = 0; r < values.length; r++) {
                ints[r] = Double.isNaN(values[r]) ? Integer.MIN_VALUE : (int) values[r];
            }
            return IntColumn.create(name, ints);
        }
        if (type == ColumnLayout.ValueType.INT64 && holds(type, values, -0x1p63)) {
            long[] longs = new long[values.length];
            for (int r = 0; r < values.length; r++) {
                longs[r] = Double.isNaN(values[r]) ? Long.MIN_VALUE : (long) values[r];
            }
            return LongColumn.create(name, longs);
        }
        return DoubleColumn.create(name, values);
    }

    /**
     * Whether the type holds every value ({@link ColumnLayout.ValueType#holds}) but its smallest, {@code
     * missing}: Tablesaw's integer columns mark a missing value with it.
     */
    private static boolean holds(ColumnLayout.ValueType type, double[] values, double missing) {
        for (double v : values) {
            if (!type.holds(v) || v == missing) {
                return false;
            }
        }
        return true;
    }

    /** {@code table 'name'}, or {@code the table} for a table without a name. */
    static String describe(Table table) {
        String name = table.name();
        return name == null || name.isBlank() ? "the table" : "table '" + name + "'";
    }

    private static String source(Table table) {
        String name = table.name();
        return name == null || name.isBlank() ? "table" : "table '" + name + "'";
    }

    private static void requireUniqueNames(String what, List<String> names) {
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < names.size(); c++) {
            Integer first = seen.putIfAbsent(names.get(c), c);
            if (first != null) {
                throw new VigilException(ErrorCode.MALFORMED_DATA, what + ": columns " + first + " and " + c
                        + " (counting from 0) are both named '" + names.get(c) + "'; a time frame needs each name once");
            }
        }
    }

    /**
     * Refuses names a Tablesaw table cannot hold together: Tablesaw compares names ignoring case, and the
     * timestamp column's name is taken.
     */
    static void requireTablesawNames(String what, List<String> names, String timestamp) {
        Map<String, String> seen = new HashMap<>();
        for (String name : names) {
            String other = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (other == null) {
                continue;
            }
            if (other.equals(name)) {
                throw new VigilException(ErrorCode.MALFORMED_DATA, what + " has a value column named '" + name
                        + "', the name of the table's timestamp column; rename it");
            }
            throw new VigilException(ErrorCode.MALFORMED_DATA, what + " has columns '" + other + "' and '" + name
                    + "', which a Tablesaw table cannot both hold: it compares column names ignoring case"
                    + (other.equals(timestamp) || name.equals(timestamp) ? " ('" + timestamp + "' is the table's timestamp column)" : "")
                    + "; rename one");
        }
    }

    private static Column<?> timestampColumn(Table table, String what, TableOptions options) {
        List<String> names = table.columnNames();
        if (options.timestampColumn() != null) {
            String name = options.timestampColumn();
            int at = names.indexOf(name);
            if (at < 0) {
                throw new VigilException(ErrorCode.UNKNOWN_COLUMN, what + " has no timestamp column "
                        + Names.unknown(name, names, "columns"));
            }
            Column<?> c = table.column(at);
            if (!isTimestamp(c) && !(c instanceof LongColumn)) {
                throw new VigilException(ErrorCode.BAD_TIMESTAMP, what + ": timestamp column '" + name + "' holds "
                        + c.type().name() + " values; a timestamp column is " + TIMESTAMP_TYPES);
            }
            return c;
        }
        for (Column<?> c : table.columns()) {
            if (isTimestamp(c)) {
                return c;
            }
        }
        throw new VigilException(ErrorCode.BAD_TIMESTAMP, what + " has no timestamp column: none of its columns ("
                + typed(table.columns()) + ") is INSTANT, LOCAL_DATE_TIME or LOCAL_DATE; name a LONG column of"
                + " milliseconds since 1970-01-01T00:00Z with TableOptions.withTimestamp, or convert a column to one of those types");
    }

    private static boolean isTimestamp(Column<?> c) {
        return c instanceof InstantColumn || c instanceof DateTimeColumn || c instanceof DateColumn;
    }

    private static List<Column<?>> valueColumns(Table table, String what, TableOptions options, Column<?> time, JobLog log) {
        List<Column<?>> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (options.columns() != null) {
            Map<String, String> roles = new LinkedHashMap<>();
            Set<String> once = new HashSet<>();
            for (String name : options.columns()) {
                if (name.equals(time.name())) {
                    throw new VigilException(ErrorCode.INVALID_CONFIGURATION, what + ": column '" + name
                            + "' is the timestamp column; it cannot also be a value column");
                }
                if (!once.add(name)) {
                    throw new VigilException(ErrorCode.INVALID_CONFIGURATION, what + ": value column '" + name
                            + "' is named twice in TableOptions.columns");
                }
                roles.put(name, "value column");
            }
            Names.requireColumns(what, roles, table.columnNames());
            for (String name : options.columns()) {
                Column<?> c = table.column(table.columnNames().indexOf(name));
                if (isNumber(c)) {
                    out.add(c);
                } else {
                    problems.add(notNumbers(what, c, false));
                }
            }
        } else {
            List<String> skipped = new ArrayList<>();
            for (Column<?> c : table.columns()) {
                if (c == time) {
                    continue;
                }
                if (isNumber(c)) {
                    out.add(c);
                } else if (options.nonNumeric() == TableOptions.NonNumeric.SKIP) {
                    skipped.add(c.name() + " (" + c.type().name() + ")");
                } else {
                    problems.add(notNumbers(what, c, true));
                }
            }
            if (!skipped.isEmpty()) {
                log.warning(ORIGIN, "Skipped " + skipped.size() + " " + (skipped.size() == 1 ? "column" : "columns")
                        + " of " + what + (skipped.size() == 1 ? " that does not" : " that do not") + " hold numbers: "
                        + String.join(", ", skipped) + ".");
            }
        }
        if (problems.size() == 1) {
            throw new VigilException(ErrorCode.BAD_VALUE, problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw VigilException.ofProblems(ErrorCode.BAD_VALUE, what + " has columns that do not hold numbers", problems);
        }
        return out;
    }

    private static String notNumbers(String what, Column<?> c, boolean found) {
        return what + ": column '" + c.name() + "' holds " + c.type().name() + " values, not numbers; a value column is "
                + VALUE_TYPES + (found ? "; leave it out with TableOptions.withColumns or skip such columns with"
                + " TableOptions.skippingNonNumeric" : "");
    }

    private static boolean isNumber(Column<?> c) {
        return c instanceof DoubleColumn || c instanceof FloatColumn || c instanceof IntColumn || c instanceof LongColumn
                || c instanceof ShortColumn || c instanceof BooleanColumn;
    }

    private static String typed(List<Column<?>> columns) {
        List<String> out = new ArrayList<>();
        for (Column<?> c : columns) {
            out.add(c.name() + " " + c.type().name());
        }
        return out.isEmpty() ? "it has none" : String.join(", ", out);
    }

    private static long[] epochMillis(Column<?> column, String what, TableOptions options) {
        long[] out = new long[column.size()];
        int missing = 0;
        int first = -1;
        if (column instanceof InstantColumn c) {
            for (int r = 0; r < out.length; r++) {
                long packed = c.getLongInternal(r);
                if (InstantColumn.valueIsMissing(packed)) {
                    missing++;
                    first = first < 0 ? r : first;
                } else {
                    out[r] = Timestamps.packedMillis(packed);
                }
            }
        } else if (column instanceof DateTimeColumn c) {
            Timestamps.LocalClock clock = new Timestamps.LocalClock(options.zone());
            for (int r = 0; r < out.length; r++) {
                long packed = c.getLongInternal(r);
                if (DateTimeColumn.valueIsMissing(packed)) {
                    missing++;
                    first = first < 0 ? r : first;
                } else {
                    out[r] = clock.toEpochMillis(Timestamps.packedMillis(packed));
                }
            }
        } else if (column instanceof DateColumn c) {
            Timestamps.LocalClock clock = new Timestamps.LocalClock(options.zone());
            for (int r = 0; r < out.length; r++) {
                int packed = c.getIntInternal(r);
                if (DateColumn.valueIsMissing(packed)) {
                    missing++;
                    first = first < 0 ? r : first;
                } else {
                    out[r] = clock.toEpochMillis(Timestamps.packedDayMillis(packed));
                }
            }
        } else {
            LongColumn c = (LongColumn) column;
            for (int r = 0; r < out.length; r++) {
                long v = c.getLong(r);
                if (LongColumn.valueIsMissing(v)) {
                    missing++;
                    first = first < 0 ? r : first;
                } else {
                    out[r] = v;
                }
            }
        }
        if (missing > 0) {
            throw new VigilException(ErrorCode.BAD_TIMESTAMP, what + ": timestamp column '" + column.name() + "' has no value in "
                    + (missing == 1 ? "row " + first : missing + " rows, the first row " + first) + " (counting from 0);"
                    + " every row needs a timestamp (drop those rows first, e.g. with table.dropWhere(column.isMissing()))");
        }
        return out;
    }

    private static double[] doubles(Column<?> column, String what) {
        double[] out;
        if (column instanceof BooleanColumn c) {
            out = new double[c.size()];
            for (int r = 0; r < out.length; r++) {
                byte b = c.getByte(r);
                out[r] = b == BooleanColumnType.BYTE_TRUE ? 1 : b == BooleanColumnType.BYTE_FALSE ? 0 : Double.NaN;
            }
            return out;
        }
        out = ((NumericColumn<?>) column).asDoubleArray();
        if (column instanceof DoubleColumn || column instanceof FloatColumn) {
            for (int r = 0; r < out.length; r++) {
                if (Double.isInfinite(out[r])) {
                    throw new VigilException(ErrorCode.BAD_VALUE, what + ": column '" + column.name() + "' row " + r
                            + " (counting from 0) holds " + out[r] + "; values must be finite numbers, or missing");
                }
            }
        }
        return out;
    }
}
