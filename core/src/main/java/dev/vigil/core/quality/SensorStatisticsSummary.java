package dev.vigil.core.quality;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The data-quality statistics of one sensor, Lookout's {@code SensorStatisticsSummary} with its field
 * names (as record components in camel case; the JSON keeps Lookout's), plus two Vigil additions:
 * {@code unorderedTimestamps} and {@code shortDateRange}.
 *
 * @param componentName the component
 * @param sensorName the sensor (column)
 * @param dataExists whether it has at least one value
 * @param dataStartTime its first timestamp with a value, {@code null} without one
 * @param dataEndTime its last timestamp with a value, {@code null} without one
 * @param missingValues empty cells and missing-value tokens
 * @param invalidValues cells that are not numbers
 * @param invalidDateEntries rows of its table whose timestamp could not be read (not one, or in another form)
 * @param duplicateTimestamps rows of its table whose timestamp an earlier row already has
 * @param unorderedTimestamps rows of its table whose timestamp is earlier than the row before (Vigil)
 * @param categoricalValues few distinct values
 * @param multipleOperatingModes values from two clearly separate modes
 * @param largeTimestampGaps long stretches without a value
 * @param monotonicValues values that move one way only, or not at all
 * @param shortDateRange its values span less than the threshold (Vigil; Lookout counts it only in its summary)
 */
public record SensorStatisticsSummary(String componentName, String sensorName, boolean dataExists, Instant dataStartTime,
        Instant dataEndTime, Count missingValues, Count invalidValues, Count invalidDateEntries, Count duplicateTimestamps,
        Count unorderedTimestamps, Categorical categoricalValues, Modes multipleOperatingModes, Gaps largeTimestampGaps,
        Monotonic monotonicValues, Status shortDateRange) {

    public SensorStatisticsSummary {
        requireNonNull(componentName, "componentName is null");
        requireNonNull(sensorName, "sensorName is null");
        requireNonNull(missingValues, "missingValues is null");
        requireNonNull(invalidValues, "invalidValues is null");
        requireNonNull(invalidDateEntries, "invalidDateEntries is null");
        requireNonNull(duplicateTimestamps, "duplicateTimestamps is null");
        requireNonNull(unorderedTimestamps, "unorderedTimestamps is null");
        requireNonNull(categoricalValues, "categoricalValues is null");
        requireNonNull(multipleOperatingModes, "multipleOperatingModes is null");
        requireNonNull(largeTimestampGaps, "largeTimestampGaps is null");
        requireNonNull(monotonicValues, "monotonicValues is null");
        requireNonNull(shortDateRange, "shortDateRange is null");
    }

    /**
     * A count and its share of the rows of the sensor's table.
     *
     * @param count how many
     * @param percentage its share of the table's rows in the file(s), in percent
     */
    public record Count(long count, double percentage) {
    }

    /**
     * Few distinct values.
     *
     * @param status whether the sensor is categorical
     * @param numberOfCategory its distinct values when categorical, else 0
     */
    public record Categorical(Status status, int numberOfCategory) {
        public Categorical {
            requireNonNull(status, "status is null");
        }
    }

    /**
     * Two operating modes.
     *
     * @param status whether two separate modes were found
     */
    public record Modes(Status status) {
        public Modes {
            requireNonNull(status, "status is null");
        }
    }

    /**
     * Long stretches without a value.
     *
     * @param status whether there is a large gap
     * @param numberOfLargeTimestampGaps how many
     * @param maxTimestampGapInDays the longest gap between two of the sensor's values, large or not, in days
     */
    public record Gaps(Status status, int numberOfLargeTimestampGaps, double maxTimestampGapInDays) {
        public Gaps {
            requireNonNull(status, "status is null");
        }
    }

    /**
     * Values that move one way only.
     *
     * @param status whether they do
     * @param monotonicity which way, {@code null} when they do not
     */
    public record Monotonic(Status status, Monotonicity monotonicity) {
        public Monotonic {
            requireNonNull(status, "status is null");
        }
    }

    /** The sensor's name as {@code component\sensor}, or the sensor alone without a component. */
    public String signal() {
        return componentName.isEmpty() ? sensorName : componentName + "\\" + sensorName;
    }

    /** Whether any check found something. */
    public boolean hasIssue() {
        return !issues().isEmpty();
    }

    /** What the checks found, one short phrase each ({@code "12 missing values (0.5 %)"}); empty when nothing. */
    public List<String> issues() {
        List<String> out = new ArrayList<>();
        if (!dataExists) {
            out.add("no values at all");
        }
        count(out, missingValues, "missing value", "missing values");
        count(out, invalidValues, "value that is not a number", "values that are not numbers");
        count(out, invalidDateEntries, "row with a bad timestamp", "rows with a bad timestamp");
        count(out, duplicateTimestamps, "duplicate timestamp", "duplicate timestamps");
        count(out, unorderedTimestamps, "timestamp out of order", "timestamps out of order");
        if (shortDateRange == Status.POTENTIAL_ISSUE_DETECTED) {
            out.add(String.format(Locale.ROOT, "short date range (%s days)", days(dataStartTime, dataEndTime)));
        }
        if (largeTimestampGaps.status() == Status.POTENTIAL_ISSUE_DETECTED) {
            int n = largeTimestampGaps.numberOfLargeTimestampGaps();
            out.add(String.format(Locale.ROOT, "%d large %s (longest %.2f days)", n, n == 1 ? "gap" : "gaps",
                    largeTimestampGaps.maxTimestampGapInDays()));
        }
        if (monotonicValues.status() == Status.POTENTIAL_ISSUE_DETECTED) {
            out.add(monotonicValues.monotonicity() == Monotonicity.STATIC ? "static (one value)"
                    : "monotonic (" + monotonicValues.monotonicity().name().toLowerCase(Locale.ROOT) + ")");
        }
        if (categoricalValues.status() == Status.POTENTIAL_ISSUE_DETECTED) {
            out.add("categorical (" + categoricalValues.numberOfCategory() + " values)");
        }
        if (multipleOperatingModes.status() == Status.POTENTIAL_ISSUE_DETECTED) {
            out.add("multiple operating modes");
        }
        return out;
    }

    private static void count(List<String> out, Count c, String one, String many) {
        if (c.count() > 0) {
            out.add(String.format(Locale.ROOT, "%,d %s (%s %%)", c.count(), c.count() == 1 ? one : many, percent(c.percentage())));
        }
    }

    private static String percent(double p) {
        return p >= 10 ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.2g", p);
    }

    private static String days(Instant from, Instant to) {
        double d = (to.toEpochMilli() - from.toEpochMilli()) / 86_400_000.0;
        // rounded down, so that a span just short of a threshold never prints as the threshold (13.99 days, not 14.0)
        return d >= 1 ? String.format(Locale.ROOT, "%.2f", Math.floor(d * 100) / 100) : String.format(Locale.ROOT, "%.2g", d);
    }
}
