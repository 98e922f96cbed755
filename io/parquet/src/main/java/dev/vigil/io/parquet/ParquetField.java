package dev.vigil.io.parquet;

import static java.util.Objects.requireNonNull;

import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.EnumLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.ListLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.MapLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.StringLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.UUIDLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * What Vigil makes of one top-level field of a Parquet schema: its {@link Category} and, for the
 * fields it reads, how the stored values become doubles or epoch milliseconds.
 *
 * @param name the field's name
 * @param type the Parquet type
 * @param category what the field can be used for
 * @param number how a {@link Category#NUMBER} field becomes doubles, else {@code null}
 * @param time how a field becomes epoch milliseconds if it is the timestamp column, else {@code null}
 * @param scale the decimal scale of a DECIMAL field, else 0
 * @param description the type as a person reads it, for messages ({@code INT64 TIMESTAMP(MICROS,false)})
 */
record ParquetField(String name, Type type, Category category, NumberKind number, TimeKind time, int scale,
        String description) {

    /** What a field can be used for. */
    enum Category {
        /** Read as a value column. */
        NUMBER,
        /** A timestamp type: the timestamp column, or dropped. */
        TIMESTAMP,
        /** Text: the timestamp column if it holds date-times, else dropped. */
        TEXT,
        /** Flat but not a number (TIME, UUID, BSON): dropped. */
        OTHER,
        /** Nested, repeated or opaque bytes: refused. */
        UNSUPPORTED
    }

    /** How a numeric field's values become doubles. */
    enum NumberKind {
        BOOLEAN, INT32, UINT32, INT64, UINT64, FLOAT, DOUBLE, DECIMAL_INT32, DECIMAL_INT64, DECIMAL_BINARY
    }

    /** How a field's values become epoch milliseconds. */
    enum TimeKind {
        /** INT64 TIMESTAMP in milliseconds, micro- or nanoseconds, adjusted to UTC or local. */
        MILLIS, MICROS, NANOS,
        /** INT32 days since 1970-01-01, a local date. */
        DATE,
        /** Impala's and Spark's legacy 12-byte timestamp: nanoseconds of the day and a Julian day, UTC. */
        INT96,
        /** Text parsed by {@link dev.vigil.io.TimestampFormat}. */
        TEXT,
        /** Plain integers since 1970, the unit told by their magnitude as {@link dev.vigil.io.TimestampFormat} tells it (only when named). */
        EPOCH_INT32, EPOCH_INT64
    }

    ParquetField {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(category, "category is null");
        requireNonNull(description, "description is null");
    }

    /** Classifies a top-level field. */
    static ParquetField of(Type type) {
        String name = type.getName();
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (!type.isPrimitive()) {
            String shape = logical instanceof ListLogicalTypeAnnotation ? "LIST"
                    : logical instanceof MapLogicalTypeAnnotation ? "MAP"
                    : "struct of " + ((GroupType) type).getFieldCount() + " fields";
            return new ParquetField(name, type, Category.UNSUPPORTED, null, null, 0, "a nested " + shape);
        }
        PrimitiveType p = type.asPrimitiveType();
        String description = p.getPrimitiveTypeName() + (logical == null ? "" : " " + logical);
        if (type.isRepetition(Type.Repetition.REPEATED)) {
            return new ParquetField(name, type, Category.UNSUPPORTED, null, null, 0, "a repeated " + description);
        }
        return switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> number(name, type, NumberKind.BOOLEAN, 0, description);
            case FLOAT -> number(name, type, NumberKind.FLOAT, 0, description);
            case DOUBLE -> number(name, type, NumberKind.DOUBLE, 0, description);
            case INT32 -> logical instanceof DateLogicalTypeAnnotation
                    ? new ParquetField(name, type, Category.TIMESTAMP, null, TimeKind.DATE, 0, description)
                    : integer(name, type, logical, description, NumberKind.INT32, NumberKind.UINT32, NumberKind.DECIMAL_INT32,
                            TimeKind.EPOCH_INT32);
            case INT64 -> logical instanceof TimestampLogicalTypeAnnotation t
                    ? new ParquetField(name, type, Category.TIMESTAMP, null, switch (t.getUnit()) {
                        case MILLIS -> TimeKind.MILLIS;
                        case MICROS -> TimeKind.MICROS;
                        case NANOS -> TimeKind.NANOS;
                    }, 0, description)
                    : integer(name, type, logical, description, NumberKind.INT64, NumberKind.UINT64, NumberKind.DECIMAL_INT64,
                            TimeKind.EPOCH_INT64);
            case INT96 -> new ParquetField(name, type, Category.TIMESTAMP, null, TimeKind.INT96, 0, description);
            case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                if (logical instanceof DecimalLogicalTypeAnnotation d) {
                    yield number(name, type, NumberKind.DECIMAL_BINARY, d.getScale(), description);
                } else if (logical instanceof StringLogicalTypeAnnotation || logical instanceof EnumLogicalTypeAnnotation
                        || logical instanceof JsonLogicalTypeAnnotation) {
                    yield new ParquetField(name, type, Category.TEXT, null, TimeKind.TEXT, 0, description);
                } else if (logical == null) {
                    yield new ParquetField(name, type, Category.UNSUPPORTED, null, null, 0, description + " (raw bytes, not text)");
                }
                yield other(name, type, logical, description);
            }
        };
    }

    /** Whether the field holds the timestamp of a table, as opposed to a number that could only be one when named. */
    boolean isTimestampTyped() {
        return category == Category.TIMESTAMP;
    }

    /** Whether the field is local time (read in the zone the user gives) rather than an instant. */
    boolean isLocalTime() {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        return time == TimeKind.DATE || logical instanceof TimestampLogicalTypeAnnotation t && !t.isAdjustedToUTC();
    }

    /**
     * A plain, signed, unsigned or decimal INT32 or INT64: a number, and (signed or plain) integers
     * since 1970 when named as the timestamp column.
     */
    private static ParquetField integer(String name, Type type, LogicalTypeAnnotation logical, String description,
            NumberKind signed, NumberKind unsigned, NumberKind decimal, TimeKind epoch) {
        if (logical == null || logical instanceof IntLogicalTypeAnnotation i && i.isSigned()) {
            return new ParquetField(name, type, Category.NUMBER, signed, epoch, 0, description);
        } else if (logical instanceof IntLogicalTypeAnnotation) {
            return number(name, type, unsigned, 0, description);
        } else if (logical instanceof DecimalLogicalTypeAnnotation d) {
            return number(name, type, decimal, d.getScale(), description);
        }
        return other(name, type, logical, description);
    }

    private static ParquetField number(String name, Type type, NumberKind kind, int scale, String description) {
        return new ParquetField(name, type, Category.NUMBER, kind, null, scale, description);
    }

    /** TIME, UUID, BSON, FLOAT16, INTERVAL and annotations Vigil does not know. */
    private static ParquetField other(String name, Type type, LogicalTypeAnnotation logical, String description) {
        boolean flatValue = logical instanceof TimeLogicalTypeAnnotation || logical instanceof UUIDLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.BsonLogicalTypeAnnotation;
        return new ParquetField(name, type, flatValue ? Category.OTHER : Category.UNSUPPORTED, null, null, 0, description);
    }
}
