package dev.vigil.io.csv;

import dev.vigil.io.TimestampFormat;
import java.time.ZoneId;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.columns.AbstractColumnParser;
import tech.tablesaw.columns.AbstractColumnType;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.ReadOptions;

/**
 * Tablesaw column types with Vigil's parsers: strict doubles, and timestamps read straight into
 * epoch milliseconds (no strings kept, no dictionary built).
 *
 * <p>Tablesaw picks a cell's parser from the type of the column it is filling, so both types create
 * a {@link DoubleColumn} that reports the Vigil type. Timestamps travel as doubles, exact for epoch
 * milliseconds up to 2<sup>53</sup> (year 287,396).
 */
final class VigilColumnTypes {
    private VigilColumnTypes() {
    }

    /** A double column whose type, and hence parser, is a Vigil type. */
    static final class TypedDoubleColumn extends DoubleColumn {
        private final ColumnType vigilType;

        TypedDoubleColumn(String name, ColumnType vigilType) {
            super(name);
            this.vigilType = vigilType;
        }

        @Override
        public ColumnType type() {
            return vigilType;
        }
    }

    /**
     * A Vigil column type: creates a {@link TypedDoubleColumn} of itself, and parses a cell with {@link
     * #accepts} and {@link #toDouble}.
     */
    abstract static class DoubleParsingType extends AbstractColumnType {
        DoubleParsingType(int byteSize, String name, String printerName) {
            super(byteSize, name, printerName);
        }

        /** Whether the cell can be read (Tablesaw's type guess). */
        abstract boolean accepts(String s);

        /** The cell's value; a {@link BadCellException} when it cannot be read. */
        abstract double toDouble(String s);

        @Override
        public final Column<?> create(String name) {
            return new TypedDoubleColumn(name, this);
        }

        @Override
        public final AbstractColumnParser<?> customParser(ReadOptions options) {
            return new AbstractColumnParser<Double>(this) {
                @Override
                public boolean canParse(String s) {
                    return accepts(s);
                }

                @Override
                public Double parse(String s) {
                    return toDouble(s);
                }

                @Override
                public double parseDouble(String s) {
                    return toDouble(s);
                }
            };
        }
    }

    /** Doubles parsed by {@link StrictNumbers}. */
    static final class StrictDouble extends DoubleParsingType {
        static final StrictDouble INSTANCE = new StrictDouble();

        private StrictDouble() {
            super(Double.BYTES, "VIGIL_DOUBLE", "Double");
        }

        @Override
        boolean accepts(String s) {
            return StrictNumbers.isNumberOrMissing(s);
        }

        @Override
        double toDouble(String s) {
            return StrictNumbers.parse(s);
        }
    }

    /**
     * A dropped column, read as {@code NaN} whatever it holds. Used instead of {@link ColumnType#SKIP},
     * whose columns Tablesaw leaves out of the table while still counting them in the column index of
     * a bad cell: a bad cell right of a skipped column then fails inside Tablesaw's own exception.
     */
    static final class Ignored extends DoubleParsingType {
        static final Ignored INSTANCE = new Ignored();

        private Ignored() {
            super(Double.BYTES, "VIGIL_IGNORED", "Ignored");
        }

        @Override
        boolean accepts(String s) {
            return true;
        }

        @Override
        double toDouble(String s) {
            return Double.NaN;
        }
    }

    /** Timestamps in a {@link TimestampFormat}, as epoch milliseconds. */
    static final class EpochMillis extends DoubleParsingType {
        private final TimestampFormat format;
        private final ZoneId zone;

        EpochMillis(TimestampFormat format, ZoneId zone) {
            super(Long.BYTES, "VIGIL_EPOCH_MILLIS", "Timestamp");
            this.format = format;
            this.zone = zone;
        }

        @Override
        boolean accepts(String s) {
            return s != null && format.parse(s, zone) != TimestampFormat.INVALID;
        }

        @Override
        double toDouble(String s) {
            if (s == null || s.isBlank()) {
                throw new BadCellException(s == null ? "" : s, "is empty; every row needs a timestamp");
            }
            long t = format.parse(s, zone);
            if (t == TimestampFormat.INVALID) {
                throw new BadCellException(s, "is not a timestamp; expected " + format.describe() + ", like the first row");
            }
            return t;
        }
    }
}
