package dev.vigil.core.quality;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Lookout's ingestion report of a data set: the totals, the files, and the statistics of every sensor.
 * Made by {@link DataQuality#assess}; written as JSON with Lookout's field names by vigil-io's {@code
 * QualityReports}.
 *
 * @param dataQualitySummary the totals
 * @param ingestedFilesSummary the files
 * @param sensorStatisticsSummaries one per sensor, in the order of the tables and their columns
 */
public record DataQualityReport(DataQualitySummary dataQualitySummary, IngestedFilesSummary ingestedFilesSummary,
        List<SensorStatisticsSummary> sensorStatisticsSummaries) {
    public DataQualityReport {
        requireNonNull(dataQualitySummary, "dataQualitySummary is null");
        requireNonNull(ingestedFilesSummary, "ingestedFilesSummary is null");
        sensorStatisticsSummaries = List.copyOf(requireNonNull(sensorStatisticsSummaries, "sensorStatisticsSummaries is null"));
    }

    /** The sensors with at least one issue. */
    public List<SensorStatisticsSummary> sensorsWithIssues() {
        return sensorStatisticsSummaries.stream().filter(SensorStatisticsSummary::hasIssue).toList();
    }
}
