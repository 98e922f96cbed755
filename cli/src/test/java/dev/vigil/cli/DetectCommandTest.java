package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.io.csv.CsvWriter;
import dev.vigil.testing.KpiDataGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Path data;
    Path model;

    @BeforeEach
    void buildAModel() {
        data = dir.resolve("line.csv");
        CsvWriter.write(KpiDataGenerator.create().rows(6000).seed(31).anomalies(4, 2, 1, 0).anomaliesBetween(2.0 / 3, 1).generate().frame(),
                data);
        model = dir.resolve("model.json");
        CliRun run = CliRun.of("build-model", "--data", data.toString(), "--kpi", "kpi", "--label", "label", "--rows", "first:4000",
                "--model-out", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void detectsAfterTheInSampleRowsWithErrorMeasuresAndTheAnomalyList() throws IOException {
        Path table = dir.resolve("detected.csv");
        Path report = dir.resolve("detected.json");
        CliRun run = CliRun.of("detect", "--model", model.toString(), "--data", data.toString(), "--table-out", table.toString(),
                "--json-out", report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Detected on 2,000 rows of kpi").contains("Anomalies: ").contains("Error measures: AUC 0.");
        List<String> lines = Files.readAllLines(table);
        assertThat(lines.get(0)).isEqualTo("timestamp,model_index,kpi,normal_behavior,anomaly_code,anomaly_indicator_residual,"
                + "anomaly_indicator_imbalance");
        assertThat(lines).hasSize(2001);
        JsonNode j = JSON.readTree(report.toFile());
        assertThat(j.get("job").asText()).isEqualTo("detect");
        assertThat(j.get("errorMeasures").get("AUC").asDouble()).isGreaterThan(0.8);
        assertThat(j.get("errorMeasures").get("confusionMatrix").fieldNames()).toIterable()
                .containsExactly("truePositive", "trueNegative", "falsePositive", "falseNegative");
        assertThat(j.get("detectedSensitivity").fieldNames()).toIterable().containsExactly("Residual", "Imbalance");
        JsonNode anomalies = j.get("anomalies");
        assertThat(anomalies.size()).isGreaterThan(10);
        assertThat(anomalies.get(0).get("anomaly_code").asInt()).isIn(1, 3);
        assertThat(anomalies.get(0).has("perspectives")).isTrue();
    }

    @Test
    void aSecondProcessDetectsBitForBitTheSame() throws Exception {
        Path here = dir.resolve("here.csv");
        assertThat(CliRun.of("detect", "--model", model.toString(), "--data", data.toString(), "--rows", "last:1500",
                "--table-out", here.toString()).exitCode()).isZero();
        Path there = dir.resolve("there.csv");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.vigil.cli.Main", "detect", "--model", model.toString(), "--data", data.toString(),
                "--rows", "last:1500", "--table-out", there.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("process.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("process.log"))).isZero();
        assertThat(Files.readAllBytes(there)).isEqualTo(Files.readAllBytes(here));
    }

    @Test
    void dataWithoutAnInfluencerTheModelUsesAreRefusedNamingIt() throws IOException {
        Path partial = dir.resolve("partial.csv");
        List<String> lines = Files.readAllLines(data);
        List<String> cut = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(",");
            cut.add(f[0] + "," + f[1] + "," + f[3] + "," + f[4] + "," + f[5] + "," + f[6] + "," + f[7]); // drop x1
        }
        Files.write(partial, cut);
        CliRun run = CliRun.of("detect", "--model", model.toString(), "--data", partial.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(partial + " has no column the model uses 'x1'");
    }

    @Test
    void corruptedOrForeignModelFilesAreRefused() throws IOException {
        String text = Files.readString(model);
        Files.writeString(model, text.replaceFirst("\"threshold\" : (\\d)", "\"threshold\" : 9$1"));
        CliRun edited = CliRun.of("detect", "--model", model.toString(), "--data", data.toString());
        assertThat(edited.exitCode()).isEqualTo(2);
        assertThat(edited.err()).contains("does not match its checksum");
        Files.writeString(model, text.substring(0, 500));
        assertThat(CliRun.of("detect", "--model", model.toString(), "--data", data.toString()).err()).contains("is not valid JSON");
    }

    @Test
    void rebuildTypesRefreshWhatTheySay() throws IOException {
        Path config = dir.resolve("sens.json");
        Files.writeString(config, "{\"configuration\": {\"domainSpecifics\": [{\"perspective\": \"Residual\", \"sensitivity\": 1},"
                + " {\"perspective\": \"Imbalance\", \"sensitivity\": 2}]}}");
        Path report = dir.resolve("rebuilt.json");
        Path rebuilt = dir.resolve("rebuilt-model.json");
        CliRun thresholds = CliRun.of("rebuild-model", "--model", model.toString(), "--data", data.toString(), "--rebuild-type",
                "domainspecifics", "--config", config.toString(), "--rows", "first:4000", "--model-out", rebuilt.toString(),
                "--json-out", report.toString());
        assertThat(thresholds.exitCode()).as(thresholds.err()).isZero();
        JsonNode j = JSON.readTree(report.toFile());
        assertThat(j.get("detectedSensitivity").get("Residual").asDouble()).isEqualTo(1);
        assertThat(j.get("detectedSensitivity").get("Imbalance").asDouble()).isEqualTo(2);
        assertThat(j.has("normalBehaviorModel")).isFalse();
        JsonNode perspectives = j.get("perspectives");
        assertThat(j.get("anomalies").size()).isGreaterThanOrEqualTo((int) Math.round(0.02 * perspectives.get(1).get("rows").asInt()));
        CliRun detect = CliRun.of("detect", "--model", rebuilt.toString(), "--data", data.toString());
        assertThat(detect.exitCode()).as(detect.err()).isZero();

        for (String type : new String[] {"AnomalousBehaviorModel", "All"}) {
            Path out = dir.resolve(type + ".json");
            CliRun run = CliRun.of("rebuild-model", "--model", model.toString(), "--data", data.toString(), "--rebuild-type", type,
                    "--json-out", out.toString());
            assertThat(run.exitCode()).as(type + ": " + run.err()).isZero();
            assertThat(JSON.readTree(out.toFile()).has("normalBehaviorModel")).isEqualTo(type.equals("All"));
        }
    }

    @Test
    void aConfigWithoutDomainSpecificsKeepsTheModelsSensitivities() throws IOException {
        Path fixed = dir.resolve("fixed.json");
        CliRun build = CliRun.of("build-model", "--data", data.toString(), "--kpi", "kpi", "--rows", "first:4000", "--sensitivity", "1",
                "--model-out", fixed.toString());
        assertThat(build.exitCode()).as(build.err()).isZero();
        Path config = dir.resolve("data-only.json");
        Files.writeString(config, "{\"data\": {\"KPIColumn\": \"kpi\"}}");
        Path report = dir.resolve("rebuilt.json");
        CliRun run = CliRun.of("rebuild-model", "--model", fixed.toString(), "--data", data.toString(), "--rebuild-type", "DomainSpecifics",
                "--config", config.toString(), "--rows", "first:4000", "--json-out", report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode sensitivities = JSON.readTree(report.toFile()).get("detectedSensitivity");
        assertThat(sensitivities.fieldNames()).toIterable().containsExactly("Residual", "Imbalance");
        assertThat(sensitivities.get("Residual").asDouble()).isEqualTo(1);
        assertThat(sensitivities.get("Imbalance").asDouble()).isEqualTo(1);
    }

    @Test
    void rebuildNeverOverwritesItsModel() {
        CliRun run = CliRun.of("rebuild-model", "--model", model.toString(), "--data", data.toString(), "--rebuild-type", "All",
                "--model-out", model.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is an input file");
        CliRun bad = CliRun.of("rebuild-model", "--model", model.toString(), "--data", data.toString(), "--rebuild-type", "Some");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("Invalid value for option '--rebuild-type'");
    }
}
