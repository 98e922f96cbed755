package dev.vigil.io.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.BuildResult;
import dev.vigil.io.DataFiles;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.KpiDataGenerator;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static BuildResult built;

    @BeforeAll
    static void build() {
        TimeFrame data = KpiDataGenerator.create().rows(1_200).seed(8).anomalies(3, 0, 0, 0).generate().unlabelled();
        built = AnomalyDetector.builder().kpi("kpi").rows(RowSelection.first(1_200, RowUnit.Sample)).build().build(data);
    }

    private static ReportedCauses causes(Instant at, int contributors) {
        List<ReportedCause> list = new ArrayList<>();
        for (int i = 0; i < contributors; i++) {
            list.add(new ReportedCause("x" + i, 1.0 / (i + 1), 0, 1.0 / (i + 1), i == 0 ? Double.NaN : 0.1));
        }
        return new ReportedCauses(at, 2, 1.5, Double.POSITIVE_INFINITY, list);
    }

    @Test
    void theReportHoldsItsSectionsInOrder() throws IOException {
        Instant t = built.inSample().table().instant(5);
        JobReport report = new JobReport("build-model", built.model(), built.inSample(), built.inSample().logs(), true,
                Map.of("AUC", 0.5), List.of(new ReportedEvent(t, t.plusSeconds(60), 2, 1, 3.5, List.of("residual"), causes(t, 7))),
                List.of(causes(t, 7)));
        Map<String, Object> m = report.toMap();
        assertThat(m.keySet()).containsExactly("job", "modelChecksum", "model", "rows", "normalBehaviorModel", "predictorImportances", "perspectives",
                "detectedSensitivity", "errorMeasures", "events", "anomalies", "rootCauses", "logs");
        JsonNode j = JSON.readTree(ReportJson.pretty(m));
        assertThat(j.get("rows").get("rows").asInt()).isEqualTo(1_200);
        assertThat(j.get("model").get("kpi").asText()).isEqualTo("kpi");
        assertThat(j.get("predictorImportances").get(0).fieldNames()).toIterable()
                .containsExactly("name", "importance", "rel_importance", "dataFrom", "dataTo");
        JsonNode event = j.get("events").get(0);
        assertThat(event.fieldNames()).toIterable().containsExactly("start", "end", "rows", "anomalousRows", "maxIndicator", "perspectives",
                "kpi", "normal_behavior", "typical_normal_behavior", "causes");
        assertThat(event.get("start").asText()).isEqualTo(t.toString());
        assertThat(event.get("typical_normal_behavior").isNull()).as("not finite").isTrue();
        assertThat(event.get("causes")).hasSize(JobReport.TOP_CAUSES);
        JsonNode cause = j.get("rootCauses").get(0);
        assertThat(cause.get("timestamp").asText()).isEqualTo(t.toString());
        assertThat(cause.get("causes").get(0).get("share").isNull()).isTrue();
        assertThat(cause.get("causes").get(1).get("contributor").asText()).isEqualTo("x1");
        assertThat(j.get("logs").get(0).fieldNames()).toIterable().containsExactly("createdAt", "origin", "messageType", "message");
        assertThat(j.get("anomalies").size()).isEqualTo(built.inSample().anomalies().size());
    }

    @Test
    void aDetectJobReportsNoModelTermsAndNoErrorMeasuresWithoutLabels() {
        JobReport report = new JobReport("detect", built.model(), built.inSample(), List.of(), false, null, List.of(), List.of());
        assertThat(report.toMap()).doesNotContainKeys("normalBehaviorModel", "predictorImportances", "errorMeasures")
                .containsEntry("job", "detect");
    }

    @Test
    void writesTheRequestedFilesOnly(@TempDir Path dir) throws IOException {
        JobReport report = new JobReport("detect", built.model(), built.inSample(), List.of(), false, null, List.of(), List.of());
        Path model = dir.resolve("model.json");
        Path table = dir.resolve("results.csv");
        Path json = dir.resolve("out/report.json");
        report.write(DataFiles.discover(), model, null, json);
        assertThat(table).doesNotExist();
        assertThat(JSON.readTree(json.toFile()).get("job").asText()).isEqualTo("detect");
        assertThat(ModelFiles.read(model, PluginRegistry.load()).kpi()).isEqualTo("kpi");
        report.write(DataFiles.discover(), null, table, null);
        assertThat(Files.readAllLines(table).get(0)).startsWith("timestamp,model_index,kpi,normal_behavior,anomaly_code,anomaly_indicator_");
    }

    @Test
    void theTableAndTheReportRecordTheModelTheyCameFromByItsChecksum(@TempDir Path dir) throws IOException {
        JobReport report = new JobReport("build-model", built.model(), built.inSample(), List.of(), true, null, List.of(), List.of());
        Path model = dir.resolve("model.json");
        Path table = dir.resolve("results.csv");
        Path json = dir.resolve("report.json");
        report.write(DataFiles.discover(), model, table, json);
        String checksum = ModelFiles.checksumOf(model);
        assertThat(checksum).isEqualTo(ModelFiles.checksum(built.model())).startsWith("sha256:");
        assertThat(JSON.readTree(json.toFile()).get("modelChecksum").asText()).isEqualTo(checksum);
        JsonNode record = JSON.readTree(ResultsRecord.pathOf(table).toFile());
        assertThat(record.fieldNames()).toIterable().containsExactly("vigilResultsRecord", "table", "tableChecksum", "job", "modelChecksum");
        assertThat(record.get("table").asText()).isEqualTo("results.csv");
        assertThat(ResultsRecord.check(table, checksum)).get().extracting(ResultsRecord::modelChecksum).isEqualTo(checksum);
        // the model a detect job restores from the file records the same checksum as the file
        assertThat(ModelFiles.checksum(ModelFiles.read(model, PluginRegistry.load()))).isEqualTo(checksum);

        assertThatThrownBy(() -> ResultsRecord.check(table, "sha256:00"))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_MODEL))
                .hasMessage("The results table " + table + " came from the model " + checksum + ", not from sha256:00. Run detect with "
                        + "that model again, or give the model it came from");
        Files.writeString(table, "timestamp,kpi\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> ResultsRecord.check(table, null))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA))
                .hasMessageContaining("does not match its record " + ResultsRecord.pathOf(table) + ": it was changed after Vigil wrote it");
        Files.delete(ResultsRecord.pathOf(table));
        assertThat(ResultsRecord.check(table, null)).isEmpty();
        assertThatThrownBy(() -> ResultsRecord.check(table, checksum)).hasMessageContaining("has no record");
    }

    @Test
    void recordsAreWrittenByTheirComponents() throws IOException {
        record Spread(String contributor, double sd) {
        }
        assertThat(JSON.readTree(ReportJson.pretty(List.of(new Spread("a", 0.5)))).get(0).toString()).isEqualTo("{\"contributor\":\"a\",\"sd\":0.5}");
    }
}
