package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.DataFiles;
import dev.vigil.io.csv.CsvReader;
import dev.vigil.io.csv.CsvWriter;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.spi.ColumnLayout;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.ReadResult;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.testing.KpiDataGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildModelCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Path data;

    @BeforeEach
    void data() {
        data = dir.resolve("line.csv");
        CsvWriter.write(KpiDataGenerator.create().rows(3000).seed(21).generate().unlabelled(), data);
    }

    @Test
    void aParquetResultsTableStoresModelIndexAndAnomalyCodeAsIntegersAndTheCsvOneIsUnchanged() throws IOException {
        Path parquet = dir.resolve("res.parquet");
        Path csv = dir.resolve("res.csv");
        CliRun run = CliRun.of("build-model", "--data", data.toString(), "--rows", "first:1500", "--table-out", parquet.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).as("no --kpi: the default KPI is said first, with the other approach")
                .startsWith("KPI: 'kpi', the first numeric column, as no --kpi was given").contains("--approach system-driven");
        ReadResult read = DataFiles.discover().readFile(parquet, ReadOptions.DEFAULT, new JobLog());
        assertThat(read.layout()).isEqualTo(DetectionResult.TABLE_LAYOUT);
        assertThat(read.layout().types()).isEqualTo(Map.of("model_index", ColumnLayout.ValueType.INT32,
                "anomaly_code", ColumnLayout.ValueType.INT32));

        CliRun again = CliRun.of("convert", parquet.toString(), csv.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        String header = Files.readAllLines(csv).get(0);
        assertThat(header).isEqualTo("timestamp,model_index,kpi,normal_behavior,anomaly_code,anomaly_indicator_residual,"
                + "anomaly_indicator_imbalance");
        TimeFrame fromParquet = read.frame();
        TimeFrame fromCsv = CsvReader.read(csv, new JobLog());
        for (String c : fromParquet.columnNames()) {
            assertThat(fromCsv.column(c).toArray()).as(c).containsExactly(fromParquet.column(c).toArray());
        }
        assertThat(fromParquet.column("anomaly_code").toArray()).contains(0.0);
    }

    @Test
    void buildsWritesModelTableAndReport() throws IOException {
        Path model = dir.resolve("out/model.json");
        Path table = dir.resolve("out/table.csv");
        Path report = dir.resolve("out/report.json");
        CliRun run = CliRun.of("build-model", "--data", data.toString(), "--kpi", "kpi", "--rows", "first:2000",
                "--model-out", model.toString(), "--table-out", table.toString(), "--json-out", report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Built a model on 2,000 rows of kpi (2024-01-01T00:00:00Z to 2024-01-07T22:35:00Z).")
                .contains("Normal behaviour: ").contains("Predictor importances:").contains("Anomalous behaviour:")
                .contains("Residual           window   1").contains("Imbalance          window  36").contains("Anomalies: ")
                .contains("Wrote the model to " + model).contains("Wrote the results table to " + table);
        TimeFrame t = CsvReader.read(table, new JobLog());
        assertThat(t.columnNames()).containsExactly("model_index", "kpi", "normal_behavior", "anomaly_code",
                "anomaly_indicator_residual", "anomaly_indicator_imbalance");
        assertThat(t.rows()).isEqualTo(2000);
        DetectionModel m = ModelFiles.read(model, PluginRegistry.load());
        assertThat(m.kpi()).isEqualTo("kpi");
        JsonNode j = JSON.readTree(report.toFile());
        assertThat(j.get("job").asText()).isEqualTo("build-model");
        assertThat(j.get("rows").get("rows").asInt()).isEqualTo(2000);
        JsonNode terms = j.get("normalBehaviorModel").get("models").get(0).get("terms");
        assertThat(terms.size()).isGreaterThan(2);
        assertThat(terms.get(0).has("label")).isTrue();
        assertThat(terms.get(0).has("beta")).isTrue();
        assertThat(terms.get(0).has("importance")).isTrue();
        JsonNode predictors = j.get("predictorImportances");
        assertThat(predictors.get(0).fieldNames()).toIterable().containsExactly("name", "importance", "rel_importance", "dataFrom", "dataTo");
        assertThat(j.get("logs").get(0).fieldNames()).toIterable().containsExactly("createdAt", "origin", "messageType", "message");
    }

    @Test
    void aConfigurationFileAndOptionsCombine() throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"configuration": {"normalBehaviorModel": {"features": ["Identity", "Intercept"], "useKPIoffsets": false}},
                 "data": {"KPIColumn": "kpi", "rows": {"type": "Last", "baseUnit": "Day", "value": 3}}}
                """);
        Path report = dir.resolve("r.json");
        CliRun run = CliRun.of("build-model", "--data", data.toString(), "--config", config.toString(), "--exclude", "x3,noise1",
                "--json-out", report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = JSON.readTree(report.toFile());
        assertThat(j.get("rows").get("rows").asInt()).isEqualTo(3 * 288);
        for (JsonNode t : j.get("normalBehaviorModel").get("models").get(0).get("terms")) {
            assertThat(t.get("label").asText()).matches("(x1|x2|noise2)\\(t\\)");
        }
    }

    @Test
    void anUnknownKpiListsTheColumns() {
        CliRun run = CliRun.of("build-model", "--data", data.toString(), "--kpi", "kip");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("vigil: " + data + " has no KPI column 'kip'; did you mean 'kpi'? columns: kpi, noise1, noise2, "
                + "x1, x2, x3" + System.lineSeparator());
    }

    @Test
    void inputsAreNeverOverwritten() {
        CliRun run = CliRun.of("build-model", "--data", data.toString(), "--table-out", data.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--table-out " + data + " is an input file; Vigil never overwrites its inputs");
    }

    @Test
    void badRowOptionsAreExplained() {
        CliRun run = CliRun.of("build-model", "--data", data.toString(), "--rows", "top:10");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--rows 'top:10' is not understood; write first:N or last:N");
        CliRun both = CliRun.of("build-model", "--data", data.toString(), "--rows", "first:10", "--from", "2024-01-01");
        assertThat(both.err()).contains("Give either --rows or --from/--to, not both");
        CliRun badTime = CliRun.of("build-model", "--data", data.toString(), "--from", "yesterday");
        assertThat(badTime.err()).contains("--from 'yesterday' is not a timestamp");
    }

    @Test
    void fromAndToSelectAnInclusiveRange() throws IOException {
        Path report = dir.resolve("r.json");
        CliRun run = CliRun.of("build-model", "--data", data.toString(), "--from", "2024-01-02 00:00", "--to", "2024-01-05 23:55",
                "--json-out", report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode in = JSON.readTree(report.toFile()).get("rows");
        assertThat(in.get("rows").asInt()).isEqualTo(4 * 288);
        assertThat(in.get("from").asText()).isEqualTo("2024-01-02T00:00:00Z");
        assertThat(in.get("to").asText()).isEqualTo("2024-01-05T23:55:00Z");
    }
    @Test
    void withALabelTheReportHoldsErrorMeasuresAndTheCausesOfEachAnomaly() throws IOException {
        Path sample = Path.of("../data/sample/kpi.csv"); // 4,032 rows, anomalies labelled in the last third (data/README.md)
        Path table = dir.resolve("table.csv");
        Path report = dir.resolve("report.json");
        CliRun run = CliRun.of("build-model", "--data", sample.toString(), "--kpi", "kpi", "--label", "label",
                "--table-out", table.toString(), "--json-out", report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = JSON.readTree(report.toFile());
        int inSample = j.get("rows").get("rows").asInt();
        assertThat(inSample).isEqualTo(4032);
        // the confusion matrix counts the in-sample rows that have a calculated indicator (every row has a label)
        TimeFrame t = CsvReader.read(table, new JobLog());
        List<String> indicators = t.columnNames().stream().filter(c -> c.startsWith("anomaly_indicator_")).toList();
        int scored = 0;
        for (int r = 0; r < t.rows(); r++) {
            int row = r;
            scored += indicators.stream().anyMatch(c -> Double.isFinite(t.column(c).get(row))) ? 1 : 0;
        }
        assertThat(scored).isGreaterThan(inSample * 9 / 10);
        JsonNode measures = j.get("errorMeasures");
        assertThat(measures.get("AUC").asDouble()).isBetween(0.5, 1.0);
        JsonNode c = measures.get("confusionMatrix");
        assertThat(c.fieldNames()).toIterable().containsExactly("truePositive", "trueNegative", "falsePositive", "falseNegative");
        assertThat(c.get("truePositive").asInt() + c.get("trueNegative").asInt() + c.get("falsePositive").asInt()
                + c.get("falseNegative").asInt()).isEqualTo(scored);
        assertThat(c.get("truePositive").asInt()).isPositive();
        JsonNode anomalies = j.get("anomalies");
        JsonNode causes = j.get("rootCauses");
        assertThat(anomalies.size()).isPositive();
        assertThat(causes.size()).isEqualTo(anomalies.size());
        for (int a = 0; a < anomalies.size(); a++) {
            assertThat(causes.get(a).get("timestamp").asText()).isEqualTo(anomalies.get(a).get("timestamp").asText());
            assertThat(causes.get(a).get("causes").size()).as("causes of %s", anomalies.get(a)).isBetween(1, dev.vigil.io.report.JobReport.TOP_CAUSES);
        }
    }
}
