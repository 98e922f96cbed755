package dev.vigil.io.parquet;

import dev.vigil.io.TimestampFormat;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.parquet.column.values.ValuesReader;

/**
 * Decodes the timestamp column of a Parquet file into epoch milliseconds, row group after row group.
 *
 * <p>INT64 TIMESTAMP adjusted to UTC is an instant; not adjusted (and DATE) is a local date-time,
 * read in the zone the user gives, with the same rule as text without a zone (a time in a gap moves
 * forward, an ambiguous time takes the earlier offset). INT96 is read as UTC, as Spark and Impala
 * write it. Micro- and nanoseconds are truncated towards the past to milliseconds. Text, and plain
 * integers when the user names such a column, go through {@link TimestampFormat}, detected from the
 * first value like in a CSV file. A null timestamp is an error naming the row.
 *
 * <p>Not thread-safe: one per read.
 */
final class TimestampColumn {
    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final String file;
    private final ParquetField field;
    private final ZoneId zone;
    private final boolean fixedOffset;
    private final long offsetMillis;
    private TimestampFormat format;
    private boolean truncated;

    TimestampColumn(String file, ParquetField field, ZoneId zone) {
        this.file = file;
        this.field = field;
        this.zone = zone;
        this.fixedOffset = zone.getRules().isFixedOffset();
        this.offsetMillis = fixedOffset ? zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() * 1000L : 0;
    }

    /**
     * Reads the {@code n} timestamps of a column chunk into {@code out} from {@code at}, which is also
     * the row index of the first.
     *
     * @throws VigilException {@link ErrorCode#BAD_TIMESTAMP} naming the row of a null or unreadable timestamp
     * @throws org.apache.parquet.io.ParquetDecodingException if the pages do not hold {@code n} values
     */
    void read(ColumnPages pages, long[] out, int at, int n) {
        boolean local = field.isLocalTime();
        int end = at + n;
        int row = at;
        while (row < end) {
            int count = pages.nextPage(row - at, n);
            if (!pages.allPresent()) {
                int i = 0;
                while (pages.present(i)) {
                    i++;
                }
                throw new VigilException(ErrorCode.BAD_TIMESTAMP, file + " row " + (row + i + 1) + ", column '" + field.name()
                        + "': the timestamp is missing (null); every row needs a timestamp");
            }
            ValuesReader v = pages.values();
            for (int i = row; i < row + count; i++) {
                long t = next(v, i);
                out[i] = local ? toInstant(t) : t;
            }
            row += count;
        }
    }

    private long next(ValuesReader v, int row) {
        return switch (field.time()) {
            case MILLIS -> v.readLong();
            case MICROS -> micros(v.readLong());
            case NANOS -> nanos(v.readLong());
            case DATE -> v.readInteger() * MILLIS_PER_DAY;
            case INT96 -> int96(v.readBytes().toByteBuffer());
            case TEXT -> text(v.readBytes().toStringUsingUTF8(), row);
            case EPOCH_INT32 -> text(Integer.toString(v.readInteger()), row);
            case EPOCH_INT64 -> text(Long.toString(v.readLong()), row);
        };
    }

    /** Whether sub-millisecond parts were cut off. */
    boolean truncated() {
        return truncated;
    }

    /** How the timestamps were read, for the job log. */
    String describe() {
        String how = switch (field.time()) {
            case TEXT, EPOCH_INT32, EPOCH_INT64 -> format == null ? "text" : format.isEpoch() ? format.describe() : "ISO 8601 text";
            case INT96 -> "INT96, read as UTC";
            default -> field.description();
        };
        boolean zoneMatters = field.isLocalTime() || (field.time() == ParquetField.TimeKind.TEXT && format != null && !format.isEpoch());
        return how + (zoneMatters ? ", local times read in " + zone : "") + (truncated ? ", cut to milliseconds" : "");
    }

    private long micros(long v) {
        truncated |= v % 1000 != 0;
        return Math.floorDiv(v, 1000L);
    }

    private long nanos(long v) {
        truncated |= v % 1_000_000 != 0;
        return Math.floorDiv(v, 1_000_000L);
    }

    private long int96(ByteBuffer b) {
        b.order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = b.getLong(b.position());
        long julianDay = b.getInt(b.position() + 8);
        return (julianDay - JULIAN_DAY_OF_EPOCH) * MILLIS_PER_DAY + nanos(nanosOfDay);
    }

    private long text(String value, int row) {
        if (format == null) {
            format = TimestampFormat.detect(value).orElseThrow(() -> new VigilException(ErrorCode.BAD_TIMESTAMP, file + " row "
                    + (row + 1) + ", column '" + field.name() + "': '" + value + "' " + TimestampFormat.explain(value)));
        }
        long t = format.parse(value, zone);
        if (t == TimestampFormat.INVALID) {
            throw new VigilException(ErrorCode.BAD_TIMESTAMP, file + " row " + (row + 1) + ", column '" + field.name()
                    + "': '" + value + "' is not a timestamp; expected " + format.describe() + ", like the first row");
        }
        return t;
    }

    /** A local date-time, as milliseconds since 1970-01-01T00:00 on the wall clock, as an instant in the zone. */
    private long toInstant(long localMillis) {
        if (fixedOffset) {
            return localMillis - offsetMillis;
        }
        LocalDateTime wall = LocalDateTime.ofEpochSecond(Math.floorDiv(localMillis, 1000L),
                (int) Math.floorMod(localMillis, 1000L) * 1_000_000, ZoneOffset.UTC);
        return wall.atZone(zone).toInstant().toEpochMilli();
    }
}
