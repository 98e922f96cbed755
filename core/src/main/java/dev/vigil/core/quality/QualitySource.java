package dev.vigil.core.quality;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.frame.TimeFrame;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One table of a data set as it was read, before any preparation: a component's file (or its files
 * concatenated), one per-variable file, or a whole one-table file; with what the reader counted rather
 * than refused.
 *
 * @param component the component its sensors belong to ({@code ComponentName})
 * @param file the file or files it was read from, for messages
 * @param raw the rows in file order, duplicates and disorder included; a cell that was not a number is
 *     {@code NaN} here and counted in {@code invalidValues}; the column names are the sensor names
 * @param invalidValues per column, the cells that were not numbers (absent: none)
 * @param invalidDateEntries rows left out because their timestamp was not one
 * @param unsupportedTimestamps rows left out because their timestamp was written in another form than the column's
 */
public record QualitySource(String component, String file, TimeFrame raw, Map<String, Long> invalidValues, long invalidDateEntries,
        long unsupportedTimestamps) {
    public QualitySource {
        requireNonNull(component, "component is null");
        requireNonNull(file, "file is null");
        requireNonNull(raw, "raw is null");
        invalidValues = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(invalidValues, "invalidValues is null")));
        if (invalidDateEntries < 0 || unsupportedTimestamps < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** A table read strictly (nothing was counted instead of refused). */
    public static QualitySource of(String component, TimeFrame raw) {
        return new QualitySource(component, raw.source(), raw, Map.of(), 0, 0);
    }

    /** Rows in the file: those read and those left out for their timestamp. */
    long fileRows() {
        return raw.rows() + invalidDateEntries + unsupportedTimestamps;
    }
}
