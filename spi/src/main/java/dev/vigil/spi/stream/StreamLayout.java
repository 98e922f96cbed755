package dev.vigil.spi.stream;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Names;
import dev.vigil.spi.VigilException;
import java.time.ZoneId;
import java.util.List;

/**
 * What a stream's rows hold, for evaluators to resolve once, before the first row: the columns in
 * order, the zone calendar features read timestamps in, and the sampling period of the grid.
 *
 * @param columns the column names, in the order of {@link StreamHistory#value}'s column positions
 * @param zone the zone of local times
 * @param samplingPeriodMillis the grid's step, positive
 */
public record StreamLayout(List<String> columns, ZoneId zone, long samplingPeriodMillis) {
    public StreamLayout {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(zone, "zone is null");
        if (samplingPeriodMillis <= 0) {
            throw new IllegalArgumentException("the sampling period must be positive, got " + samplingPeriodMillis + " ms");
        }
    }

    /**
     * The position of a column.
     *
     * @throws VigilException {@link ErrorCode#UNKNOWN_COLUMN} naming the stream's columns
     */
    public int column(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new VigilException(ErrorCode.UNKNOWN_COLUMN, "The stream has no column " + Names.unknown(name, columns, "columns"));
        }
        return i;
    }
}
