package dev.vigil.io.report;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.quality.DataQualityReport;
import dev.vigil.core.quality.DataQualitySummary;
import dev.vigil.core.quality.DiscardedFile;
import dev.vigil.core.quality.IngestedFilesSummary;
import dev.vigil.core.quality.SensorStatisticsSummary;
import dev.vigil.core.quality.SensorStatisticsSummary.Count;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data-quality report as JSON with Amazon Lookout for Equipment's field names ({@code DataQualitySummary},
 * {@code IngestedFilesSummary}, {@code SensorStatisticsSummary}; docs/file-formats.md#data-quality-report),
 * as a tree of maps and lists for {@link ReportJson#pretty} or {@link ReportJson#write}.
 */
public final class QualityReports {
    private QualityReports() {
    }

    /** The report's JSON tree. */
    public static Map<String, Object> toJson(DataQualityReport report) {
        requireNonNull(report, "report is null");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("DataQualitySummary", summary(report.dataQualitySummary()));
        m.put("IngestedFilesSummary", files(report.ingestedFilesSummary()));
        List<Object> sensors = new ArrayList<>();
        report.sensorStatisticsSummaries().forEach(s -> sensors.add(sensor(s)));
        m.put("SensorStatisticsSummaries", sensors);
        return m;
    }

    private static Map<String, Object> summary(DataQualitySummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("InsufficientSensorData", ordered( // ordered: Map.of's order changes from one JVM run to the next
                "MissingCompleteSensorData", Map.of("AffectedSensorCount", s.missingCompleteSensorData()),
                "SensorsWithShortDateRange", Map.of("AffectedSensorCount", s.sensorsWithShortDateRange())));
        m.put("MissingSensorData", ordered("AffectedSensorCount", s.missingSensorDataSensors(),
                "TotalNumberOfMissingValues", s.totalNumberOfMissingValues()));
        m.put("InvalidSensorData", ordered("AffectedSensorCount", s.invalidSensorDataSensors(),
                "TotalNumberOfInvalidValues", s.totalNumberOfInvalidValues()));
        m.put("UnsupportedTimestamps", Map.of("TotalNumberOfUnsupportedTimestamps", s.totalNumberOfUnsupportedTimestamps()));
        m.put("DuplicateTimestamps", Map.of("TotalNumberOfDuplicateTimestamps", s.totalNumberOfDuplicateTimestamps()));
        return m;
    }

    private static Map<String, Object> files(IngestedFilesSummary f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("TotalNumberOfFiles", f.totalNumberOfFiles());
        m.put("IngestedNumberOfFiles", f.ingestedNumberOfFiles());
        List<Object> discarded = new ArrayList<>();
        for (DiscardedFile d : f.discardedFiles()) {
            discarded.add(ordered("File", d.file(), "Reason", d.reason()));
        }
        m.put("DiscardedFiles", discarded);
        return m;
    }

    private static Map<String, Object> sensor(SensorStatisticsSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ComponentName", s.componentName());
        m.put("SensorName", s.sensorName());
        m.put("DataExists", s.dataExists());
        m.put("DataStartTime", s.dataStartTime() == null ? null : s.dataStartTime().toString());
        m.put("DataEndTime", s.dataEndTime() == null ? null : s.dataEndTime().toString());
        m.put("MissingValues", count(s.missingValues()));
        m.put("InvalidValues", count(s.invalidValues()));
        m.put("InvalidDateEntries", count(s.invalidDateEntries()));
        m.put("DuplicateTimestamps", count(s.duplicateTimestamps()));
        m.put("UnorderedTimestamps", count(s.unorderedTimestamps()));
        m.put("CategoricalValues", ordered("Status", s.categoricalValues().status().name(),
                "NumberOfCategory", s.categoricalValues().numberOfCategory()));
        m.put("MultipleOperatingModes", Map.of("Status", s.multipleOperatingModes().status().name()));
        Map<String, Object> gaps = new LinkedHashMap<>();
        gaps.put("Status", s.largeTimestampGaps().status().name());
        gaps.put("NumberOfLargeTimestampGaps", s.largeTimestampGaps().numberOfLargeTimestampGaps());
        gaps.put("MaxTimestampGapInDays", s.largeTimestampGaps().maxTimestampGapInDays());
        m.put("LargeTimestampGaps", gaps);
        Map<String, Object> mono = new LinkedHashMap<>();
        mono.put("Status", s.monotonicValues().status().name());
        if (s.monotonicValues().monotonicity() != null) {
            mono.put("Monotonicity", s.monotonicValues().monotonicity().name());
        }
        m.put("MonotonicValues", mono);
        m.put("ShortDateRange", Map.of("Status", s.shortDateRange().name()));
        return m;
    }

    private static Map<String, Object> count(Count c) {
        return ordered("Count", c.count(), "Percentage", c.percentage());
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
