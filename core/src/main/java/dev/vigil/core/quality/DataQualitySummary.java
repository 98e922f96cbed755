package dev.vigil.core.quality;

/**
 * The totals of a data-quality report, Lookout's {@code DataQualitySummary} (its nested field names are
 * kept in the JSON: {@code InsufficientSensorData{MissingCompleteSensorData, SensorsWithShortDateRange},
 * MissingSensorData, InvalidSensorData, UnsupportedTimestamps, DuplicateTimestamps}).
 *
 * @param missingCompleteSensorData sensors without a single value
 * @param sensorsWithShortDateRange sensors whose values span less than the threshold
 * @param missingSensorDataSensors sensors with a missing value
 * @param totalNumberOfMissingValues missing values in all
 * @param invalidSensorDataSensors sensors with a value that is not a number
 * @param totalNumberOfInvalidValues values that are not numbers in all
 * @param totalNumberOfUnsupportedTimestamps rows whose timestamp is written in another form than their column's
 * @param totalNumberOfDuplicateTimestamps rows whose timestamp an earlier row of their table already has
 */
public record DataQualitySummary(int missingCompleteSensorData, int sensorsWithShortDateRange, int missingSensorDataSensors,
        long totalNumberOfMissingValues, int invalidSensorDataSensors, long totalNumberOfInvalidValues,
        long totalNumberOfUnsupportedTimestamps, long totalNumberOfDuplicateTimestamps) {
}
