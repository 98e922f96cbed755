package dev.vigil.spi;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a table's columns lie in a file: the name and position of the timestamp column, and the value
 * columns stored as integers. A {@link DataFormat} reports the layout of the file it read ({@link
 * DataFormat#readFile}) and writes a frame in a given layout, so that a file converted to another
 * format keeps its columns' order, names and integer types.
 *
 * @param timestampColumn the name of the timestamp column
 * @param timestampPosition its position among all columns: 0 first, the number of value columns last
 * @param types value columns stored as another type than {@link ValueType#DOUBLE}, by name; names the
 *     frame does not have are ignored
 */
public record ColumnLayout(String timestampColumn, int timestampPosition, Map<String, ValueType> types) {
    /** Vigil's own: the timestamp first, named {@code timestamp}; every value a double. */
    public static final ColumnLayout DEFAULT = new ColumnLayout("timestamp", 0, Map.of());

    /** How a value column is stored. Values are doubles in memory whatever the type. */
    public enum ValueType {
        /** 64-bit floating point; {@code NaN} is stored as missing. */
        DOUBLE,
        /**
         * 32-bit integers, where the format has them. A writer falls back to {@link #DOUBLE} for a column
         * holding a value that is not a whole number in range.
         */
        INT32,
        /** 64-bit integers, where the format has them; the same fall-back as {@link #INT32}. */
        INT64;

        /**
         * Whether this type stores {@code value}: any double for {@link #DOUBLE}; for the integer types a
         * whole number in their range, or {@code NaN} (missing). A writer stores a column as an integer
         * type only if the type holds every value of it.
         */
        public boolean holds(double value) {
            double min = this == INT32 ? -0x1p31 : -0x1p63;
            return this == DOUBLE || Double.isNaN(value) || value == Math.rint(value) && value >= min && value < -min;
        }
    }

    public ColumnLayout {
        requireNonNull(timestampColumn, "timestampColumn is null");
        if (timestampColumn.isEmpty()) {
            throw new IllegalArgumentException("timestampColumn is empty");
        }
        if (timestampPosition < 0) {
            throw new IllegalArgumentException("timestampPosition is negative: " + timestampPosition);
        }
        types = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(types, "types is null")));
    }

    /** A copy with the given value types. */
    public ColumnLayout withTypes(Map<String, ValueType> newTypes) {
        return new ColumnLayout(timestampColumn, timestampPosition, newTypes);
    }

    /** How the named value column is stored. */
    public ValueType type(String column) {
        return types.getOrDefault(column, ValueType.DOUBLE);
    }

    /**
     * The timestamp column's position in a table of {@code valueColumns} value columns.
     *
     * @throws IllegalArgumentException when the layout puts it after more columns than there are
     */
    public int positionAmong(int valueColumns) {
        if (timestampPosition > valueColumns) {
            throw new IllegalArgumentException("the layout puts the timestamp column at position " + timestampPosition
                    + " but there are only " + valueColumns + " value columns");
        }
        return timestampPosition;
    }

    /** Every column's name in file order: the value columns with the timestamp column put in its place. */
    public List<String> names(List<String> valueColumns) {
        List<String> names = new ArrayList<>(valueColumns);
        names.add(positionAmong(valueColumns.size()), timestampColumn);
        return names;
    }
}
