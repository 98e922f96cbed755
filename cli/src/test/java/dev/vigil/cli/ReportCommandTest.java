package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.io.csv.CsvWriter;
import dev.vigil.testing.KpiDataGenerator;
import dev.vigil.testing.SystemData;
import dev.vigil.testing.SystemDataGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil report} and {@code --report-out}: which pictures each job's report holds (the browser test lives in vigil-report). */
class ReportCommandTest {
    @TempDir
    static Path dir;

    static Path data;
    static Path model;

    @BeforeAll
    static void buildAModel() {
        data = dir.resolve("line.csv");
        CsvWriter.write(KpiDataGenerator.create().rows(6000).seed(31).anomalies(4, 2, 1, 0).anomaliesBetween(2.0 / 3, 1).generate().frame(),
                data);
        model = dir.resolve("model.json");
        CliRun run = CliRun.of("build-model", "--data", data.toString(), "--kpi", "kpi", "--label", "label", "--rows", "first:4000",
                "--model-out", model.toString(), "--report-out", dir.resolve("built.html").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Wrote the HTML report to " + dir.resolve("built.html"));
    }

    static JsonNode data(Path html) throws IOException {
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").doesNotContainPattern("(src|href)=\"(https?:)?//");
        Matcher m = Pattern.compile("id=\"vigil-data\">(.*?)</script>", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).isTrue();
        return new ObjectMapper().readTree(m.group(1).replace("<\\/", "</"));
    }

    @Test
    void buildModelReportsTheInSampleRowsWithImportances() throws IOException {
        JsonNode d = data(dir.resolve("built.html"));
        assertThat(d.path("header").path("command").asText()).startsWith("vigil build-model --data ");
        assertThat(d.path("kpi").path("rows").asInt()).isEqualTo(4000);
        assertThat(d.path("kpi").path("normalInSample").size()).isPositive();
        assertThat(d.path("kpi").path("normalOutOfSample").size()).isZero();
        assertThat(d.path("importances").path("predictors").size()).isPositive();
    }

    @Test
    void reportDetectsDrawsTheInSampleRowsTooAndEvaluatesAgainstTheLabelColumn() throws IOException {
        Path out = dir.resolve("report.html");
        CliRun run = CliRun.of("report", "--model", model.toString(), "--data", data.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Wrote the HTML report to " + out + " (2,000 rows detected and 4,000 in-sample, ");
        JsonNode d = data(out);
        assertThat(d.path("kpi").path("rows").asInt()).isEqualTo(6000);
        assertThat(d.path("kpi").path("inSample").size()).isEqualTo(2);
        assertThat(d.path("evaluations").get(0).path("auc").asDouble()).isGreaterThan(0.8);
        assertThat(d.path("kpi").path("anomalies").findValues("causes")).isNotEmpty();
        assertThat(d.path("log").size()).isPositive();
    }

    @Test
    void detectRcaAndEvaluateWriteTheirReportsBesideTheirOtherOutputs() throws IOException {
        Path table = dir.resolve("detected.csv");
        CliRun detect = CliRun.of("detect", "--model", model.toString(), "--data", data.toString(), "--table-out", table.toString(),
                "--report-out", dir.resolve("detected.html").toString());
        assertThat(detect.exitCode()).as(detect.err()).isZero();
        JsonNode d = data(dir.resolve("detected.html"));
        assertThat(d.path("kpi").path("rows").asInt()).isEqualTo(2000);
        assertThat(d.path("kpi").has("around")).isTrue();

        CliRun rca = CliRun.of("rca", "--model", model.toString(), "--data", data.toString(), "--report-out", dir.resolve("rca.html").toString());
        assertThat(rca.exitCode()).as(rca.err()).isZero();
        assertThat(rca.out()).contains("Wrote the HTML report to ");
        assertThat(data(dir.resolve("rca.html")).path("kpi").path("anomalies").findValues("causes")).isNotEmpty();

        CliRun evaluate = CliRun.of("evaluate", "--results", table.toString(), "--data", data.toString(), "--label", "label", "--report-out",
                dir.resolve("evaluated.html").toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("Wrote the HTML report to " + dir.resolve("evaluated.html"));
        JsonNode e = data(dir.resolve("evaluated.html"));
        assertThat(e.path("evaluations").get(0).path("confusion").path("tp").asLong()).isPositive();
        assertThat(e.path("kpi").path("rows").asInt()).isEqualTo(2000);
    }

    @Test
    void aReportNeverOverwritesAnInput() {
        CliRun run = CliRun.of("report", "--model", model.toString(), "--data", data.toString(), "--out", data.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--out " + data + " is an input file");
    }

    @Test
    void labelsThatNeverOverlapTheDataAreWarnedAbout() throws IOException {
        Path ranges = Files.writeString(dir.resolve("january.csv"), "1990-01-02T00:00:00Z,1990-01-03T00:00:00Z\n");
        CliRun run = CliRun.of("report", "--model", model.toString(), "--data", data.toString(), "--labels", ranges.toString(), "--out",
                dir.resolve("january.html").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("Warning: No labelled range of " + ranges + " overlaps the data's time range (data: ")
                .contains("; labels: 1990-01-02T00:00:00Z to 1990-01-03T00:00:00Z)");
        CliRun evaluate = CliRun.of("detect", "--model", model.toString(), "--data", data.toString(), "--table-out",
                dir.resolve("january-results.csv").toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        CliRun scored = CliRun.of("evaluate", "--results", dir.resolve("january-results.csv").toString(), "--labels", ranges.toString());
        assertThat(scored.exitCode()).as(scored.err()).isZero();
        assertThat(scored.err()).contains("overlaps the data's time range (data: ");
    }

    @Test
    void aFolderAsTheOutIsAnsweredWithAnExampleFileForTheHtmlReport() {
        CliRun run = CliRun.of("report", "--model", model.toString(), "--data", data.toString(), "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("give the path of a file for the HTML report (e.g. ");
    }

    @Test
    void aSystemDrivenModelGetsSignalsEventsAndTheLabelledRanges(@TempDir Path here) throws IOException {
        SystemData s = SystemDataGenerator.create().rows(3000).signals(4).faultsPerKind(1).modeChanges(0).seed(7).generate();
        Path machine = here.resolve("machine.csv");
        CsvWriter.write(s.unlabelled(), machine);
        Path systemModel = here.resolve("system.json");
        Path built = here.resolve("built.html");
        CliRun build = CliRun.of("build-model", "--approach", "system-driven", "--data", machine.toString(), "--rows", "first:1500",
                "--model-out", systemModel.toString(), "--report-out", built.toString());
        assertThat(build.exitCode()).as(build.err()).isZero();
        assertThat(data(built).path("quality").path("SensorStatisticsSummaries").size()).isEqualTo(4);
        Path out = here.resolve("report.html");
        CliRun run = CliRun.of("report", "--model", systemModel.toString(), "--data", machine.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode d = data(out).path("system");
        assertThat(d.path("rows").asInt()).isEqualTo(1500);
        assertThat(d.path("signals").size()).isEqualTo(4);
        assertThat(d.path("histograms").size()).isEqualTo(4);
    }
}
