package dev.vigil.spi;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a {@link DataFormat} reads a file into a time frame.
 *
 * @param timestampColumn the column holding timestamps, or {@code null} to let the format find it
 * @param zone the zone of timestamps stored without one (default UTC)
 * @param required columns the user asked for (name → role, e.g. {@code "KPI column"}): they must
 *     exist and be numeric, whereas other non-numeric columns are dropped with a warning
 */
public record ReadOptions(String timestampColumn, ZoneId zone, Map<String, String> required) {
    /** Find the timestamp column, read zone-less timestamps as UTC, nothing required. */
    public static final ReadOptions DEFAULT = new ReadOptions(null, ZoneOffset.UTC, Map.of());

    public ReadOptions {
        requireNonNull(zone, "zone is null");
        required = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(required, "required is null")));
    }

    /** The timestamp column, if named. */
    public Optional<String> timestamp() {
        return Optional.ofNullable(timestampColumn);
    }

    /** A copy naming the timestamp column ({@code null}: find it). */
    public ReadOptions withTimestampColumn(String column) {
        return new ReadOptions(column, zone, required);
    }

    /** A copy reading zone-less timestamps in {@code newZone}. */
    public ReadOptions withZone(ZoneId newZone) {
        return new ReadOptions(timestampColumn, newZone, required);
    }

    /** A copy with the given required columns. */
    public ReadOptions withRequired(Map<String, String> columns) {
        return new ReadOptions(timestampColumn, zone, columns);
    }
}
