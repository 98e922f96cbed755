package dev.vigil.spark;

import dev.vigil.spi.frame.TimeFrame;
import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * One asset's rows, as Spark hands them over in a sorted group, turned into a Vigil {@link TimeFrame} in one pass
 * over primitive arrays: the time column (TIMESTAMP, TIMESTAMP_NTZ read as UTC, or epoch milliseconds as a long)
 * becomes epoch milliseconds, every value column a {@code double[]} with {@code NaN} where Spark holds a null.
 *
 * <p>Serializable, so that it travels to Spark's executors inside the functions that use it. Shared by the batch
 * ({@link Fleet}) and streaming paths.
 */
public final class AssetFrames implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String timeColumn;
    private final List<String> valueColumns;

    private AssetFrames(String timeColumn, List<String> valueColumns) {
        this.timeColumn = Objects.requireNonNull(timeColumn, "timeColumn is null");
        this.valueColumns = List.copyOf(valueColumns);
    }

    /** Frames with the given time column and value columns (in that order). */
    public static AssetFrames of(String timeColumn, List<String> valueColumns) {
        return new AssetFrames(timeColumn, valueColumns);
    }

    /**
     * Frames of every numeric column of {@code schema} but the time and asset columns, in the schema's order: the
     * columns a data file read by Vigil would give.
     */
    public static AssetFrames numericColumns(StructType schema, String timeColumn, String assetColumn) {
        return new AssetFrames(timeColumn, Columns.numeric(schema, timeColumn, assetColumn));
    }

    /** The time column's name. */
    public String timeColumn() {
        return timeColumn;
    }

    /** The value columns, in the frame's order. */
    public List<String> valueColumns() {
        return valueColumns;
    }

    /**
     * The frame of one asset's rows, in the order given (a sorted group gives them sorted by time).
     *
     * @param source what the frame is called in messages, e.g. the asset
     */
    public TimeFrame frame(Iterator<Row> rows, String source) {
        int capacity = 1024;
        long[] time = new long[capacity];
        double[][] values = new double[valueColumns.size()][capacity];
        int[] index = null;
        int n = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            if (index == null) {
                index = indexes(row);
            }
            if (n == capacity) {
                capacity *= 2;
                time = Arrays.copyOf(time, capacity);
                for (int c = 0; c < values.length; c++) {
                    values[c] = Arrays.copyOf(values[c], capacity);
                }
            }
            time[n] = epochMillis(row.get(index[0]));
            for (int c = 0; c < values.length; c++) {
                int i = index[c + 1];
                values[c][n] = row.isNullAt(i) ? Double.NaN : ((Number) row.get(i)).doubleValue();
            }
            n++;
        }
        TimeFrame.Builder builder = TimeFrame.builder(Arrays.copyOf(time, n)).source(source);
        for (int c = 0; c < values.length; c++) {
            builder.column(valueColumns.get(c), Arrays.copyOf(values[c], n));
        }
        return builder.build();
    }

    /**
     * The frame without its columns that hold no value at all: in a fleet's table, the columns of other kinds of
     * asset.
     */
    public static TimeFrame withoutEmptyColumns(TimeFrame frame) {
        List<String> empty = new java.util.ArrayList<>();
        for (String name : frame.columnNames()) {
            if (frame.missing(name) == frame.rows()) {
                empty.add(name);
            }
        }
        return empty.isEmpty() ? frame : frame.without(empty);
    }

    private int[] indexes(Row row) {
        int[] index = new int[valueColumns.size() + 1];
        index[0] = row.fieldIndex(timeColumn);
        for (int c = 0; c < valueColumns.size(); c++) {
            index[c + 1] = row.fieldIndex(valueColumns.get(c));
        }
        return index;
    }

    /** Epoch milliseconds of a time value as Spark gives it to Java code (Timestamp, Instant, LocalDateTime or a long). */
    static long epochMillis(Object value) {
        if (value instanceof Timestamp t) {
            return t.getTime();
        }
        if (value instanceof Instant i) {
            return i.toEpochMilli();
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (value instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException("not a time: " + value + (value == null ? "" : " (" + value.getClass().getName() + ")"));
    }
}
