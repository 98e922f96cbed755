package dev.vigil.tablesaw;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * How {@link TableFrames#toFrame} turns a Tablesaw {@code Table} into a time frame.
 *
 * @param timestampColumn the timestamp column, or {@code null} for the table's first {@code INSTANT},
 *     {@code LOCAL_DATE_TIME} or {@code LOCAL_DATE} column; a {@code LONG} column of epoch milliseconds
 *     is used only when named here
 * @param zone the zone in which {@code LOCAL_DATE_TIME} and {@code LOCAL_DATE} timestamps are read, and
 *     in which calendar features read the frame's timestamps
 * @param columns the value columns to take, in this order, or {@code null} for every column but the
 *     timestamp column, in table order. Named columns must hold numbers whatever {@code nonNumeric} says
 * @param nonNumeric what to do with a column that does not hold numbers when {@code columns} is
 *     {@code null}
 */
public record TableOptions(String timestampColumn, ZoneId zone, List<String> columns, NonNumeric nonNumeric) {
    /** Find the timestamp column, read local timestamps as UTC, take every other column, refuse text. */
    public static final TableOptions DEFAULT = new TableOptions(null, ZoneOffset.UTC, null, NonNumeric.REFUSE);

    /** What to do with a column that does not hold numbers (text, times of day, …). */
    public enum NonNumeric {
        /** Fail, naming the table and every such column. */
        REFUSE,
        /** Leave it out of the frame; {@link TableFrames#toFrame(tech.tablesaw.api.Table, TableOptions,
         * dev.vigil.spi.log.JobLog)} names it in a warning. */
        SKIP
    }

    public TableOptions {
        requireNonNull(zone, "zone is null");
        requireNonNull(nonNumeric, "nonNumeric is null");
        columns = columns == null ? null : List.copyOf(columns);
    }

    /** The timestamp column, if named. */
    public Optional<String> timestamp() {
        return Optional.ofNullable(timestampColumn);
    }

    /** A copy naming the timestamp column ({@code null}: find it). */
    public TableOptions withTimestamp(String column) {
        return new TableOptions(column, zone, columns, nonNumeric);
    }

    /** A copy reading local timestamps, and calendar features, in {@code newZone}. */
    public TableOptions withZone(ZoneId newZone) {
        return new TableOptions(timestampColumn, newZone, columns, nonNumeric);
    }

    /** A copy taking only the named value columns, in this order ({@code null}: all). */
    public TableOptions withColumns(List<String> newColumns) {
        return new TableOptions(timestampColumn, zone, newColumns, nonNumeric);
    }

    /** A copy that leaves out columns not holding numbers instead of refusing the table. */
    public TableOptions skippingNonNumeric() {
        return new TableOptions(timestampColumn, zone, columns, NonNumeric.SKIP);
    }
}
