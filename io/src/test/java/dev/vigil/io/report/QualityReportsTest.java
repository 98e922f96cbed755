package dev.vigil.io.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.quality.DataQuality;
import dev.vigil.core.quality.DiscardedFile;
import dev.vigil.core.quality.QualityInput;
import dev.vigil.core.quality.QualitySource;
import dev.vigil.spi.frame.TimeFrame;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The data-quality report in Lookout's JSON: its field names and nesting, and the counts in their places. */
class QualityReportsTest {
    @Test
    void lookoutsFieldNamesCarryTheCounts() throws Exception {
        TimeFrame f = TimeFrame.builder(new long[] {0, 60_000, 60_000, 30_000}).source("pump.csv")
                .column("Sensor0", new double[] {1, Double.NaN, 3, Double.NaN})
                .column("Sensor1", new double[] {5, 5, 5, 5})
                .build();
        QualitySource source = new QualitySource("pump", "pump.csv", f, Map.of("Sensor0", 1L), 2, 0);
        String json = ReportJson.pretty(QualityReports.toJson(DataQuality.assess(new QualityInput(List.of(source), 2,
                List.of(new DiscardedFile("notes.txt", "not a CSV file"))))));
        JsonNode j = new ObjectMapper().readTree(json);
        JsonNode summary = j.get("DataQualitySummary");
        assertThat(summary.fieldNames()).toIterable().containsExactly("InsufficientSensorData", "MissingSensorData", "InvalidSensorData",
                "UnsupportedTimestamps", "DuplicateTimestamps");
        assertThat(summary.get("InsufficientSensorData").fieldNames()).toIterable().containsExactly("MissingCompleteSensorData",
                "SensorsWithShortDateRange");
        assertThat(summary.get("InsufficientSensorData").get("SensorsWithShortDateRange").get("AffectedSensorCount").asInt()).isEqualTo(2);
        assertThat(summary.get("MissingSensorData").get("TotalNumberOfMissingValues").asLong()).isEqualTo(1);
        assertThat(summary.get("InvalidSensorData").get("TotalNumberOfInvalidValues").asLong()).isEqualTo(1);
        assertThat(summary.get("DuplicateTimestamps").get("TotalNumberOfDuplicateTimestamps").asLong()).isEqualTo(1);
        JsonNode files = j.get("IngestedFilesSummary");
        assertThat(files.get("IngestedNumberOfFiles").asInt()).isEqualTo(1);
        assertThat(files.get("DiscardedFiles").get(0).get("File").asText()).isEqualTo("notes.txt");
        JsonNode s0 = j.get("SensorStatisticsSummaries").get(0);
        assertThat(s0.get("ComponentName").asText()).isEqualTo("pump");
        assertThat(s0.get("SensorName").asText()).isEqualTo("Sensor0");
        assertThat(s0.get("InvalidDateEntries").get("Count").asLong()).isEqualTo(2);
        assertThat(s0.get("InvalidDateEntries").get("Percentage").asDouble()).isEqualTo(100.0 * 2 / 6);
        assertThat(s0.get("UnorderedTimestamps").get("Count").asLong()).isEqualTo(1);
        assertThat(s0.get("DataStartTime").asText()).isEqualTo("1970-01-01T00:00:00Z");
        JsonNode s1 = j.get("SensorStatisticsSummaries").get(1);
        assertThat(s1.get("MonotonicValues").get("Status").asText()).isEqualTo("POTENTIAL_ISSUE_DETECTED");
        assertThat(s1.get("MonotonicValues").get("Monotonicity").asText()).isEqualTo("STATIC");
        assertThat(s1.get("LargeTimestampGaps").fieldNames()).toIterable().containsExactly("Status", "NumberOfLargeTimestampGaps",
                "MaxTimestampGapInDays");
    }
}
