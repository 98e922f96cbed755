package dev.vigil.io.csv;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How to read a CSV file.
 *
 * @param timestampColumn the column holding timestamps, or {@code null} to take the first column
 *     whose values are date-times
 * @param zone the zone of timestamps written without one (default UTC)
 * @param separator the field separator, or {@code null} to detect {@code ,}, {@code ;} or tab from
 *     the header
 * @param required columns the user asked for (name → role, e.g. {@code "KPI column"}): they must
 *     exist and be numeric, whereas other non-numeric columns are dropped with a warning
 */
public record CsvOptions(String timestampColumn, ZoneId zone, Character separator, Map<String, String> required) {
    /** Detect everything, read in UTC, nothing required. */
    public static final CsvOptions DEFAULT = new CsvOptions(null, ZoneOffset.UTC, null, Map.of());

    public CsvOptions {
        requireNonNull(zone, "zone is null");
        required = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(required, "required is null")));
        if (separator != null && (separator == '"' || separator == '\n' || separator == '\r')) {
            throw new IllegalArgumentException("separator cannot be " + separator);
        }
    }

    /** The timestamp column, if named. */
    public Optional<String> timestamp() {
        return Optional.ofNullable(timestampColumn);
    }

    /** A copy naming the timestamp column. */
    public CsvOptions withTimestampColumn(String column) {
        return new CsvOptions(column, zone, separator, required);
    }

    /** A copy reading zone-less timestamps in {@code newZone}. */
    public CsvOptions withZone(ZoneId newZone) {
        return new CsvOptions(timestampColumn, newZone, separator, required);
    }

    /** A copy with the given required columns. */
    public CsvOptions withRequired(Map<String, String> columns) {
        return new CsvOptions(timestampColumn, zone, separator, columns);
    }
}
