package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-made results table against hand-made labels; every expected number is counted by hand in
 * the comments.
 */
class EvaluateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path data;
    Path results;

    static final String DATA = """
            timestamp,value,label
            2024-01-01 00:00:00,1,0
            2024-01-01 00:01:00,1,0
            2024-01-01 00:02:00,1,1
            2024-01-01 00:03:00,1,1
            2024-01-01 00:04:00,1,0
            2024-01-01 00:05:00,1,
            2024-01-01 00:06:00,1,0
            2024-01-01 00:07:00,1,1
            2024-01-01 00:08:00,1,0
            2024-01-01 00:09:00,1,0
            """;

    // label | code | largest indicator | used as
    // 00:00 0 | 2 | 0.2 | TN (imbalance not calculated, residual is)
    // 00:01 0 | 0 | 0.5 | TN
    // 00:02 1 | 0 | 0.9 | FN
    // 00:03 1 | 1 | 1.5 | TP
    // 00:04 0 | 1 | 1.2 | FP
    // 00:05 ? | 1 | 2.0 | skipped: no label
    // 00:06 0 | 2 | -   | skipped: no indicator
    // 00:07 1 | 3 | 1.1 | TP
    // 00:08 0 | 0 | 0.3 | TN
    // 00:30 only in results; 00:09 only in data
    // AUC: positives 0.9, 1.5, 1.1 against negatives 0.2, 0.5, 1.2, 0.3: 3 + 4 + 3 = 10 of 12
    // events: labelled 00:02-00:03 and 00:07; detected 00:03-00:05 and 00:07; delays 1 min and 0
    static final String RESULTS = """
            timestamp,model_index,kpi,normal_behavior,anomaly_code,anomaly_indicator_residual,anomaly_indicator_imbalance
            2024-01-01 00:00:00,1,1,1,2,0.2,
            2024-01-01 00:01:00,1,1,1,0,0.5,0.1
            2024-01-01 00:02:00,1,1,1,0,0.9,0.3
            2024-01-01 00:03:00,1,1,1,1,1.5,0.2
            2024-01-01 00:04:00,1,1,1,1,0.4,1.2
            2024-01-01 00:05:00,1,1,1,1,2.0,2.0
            2024-01-01 00:06:00,1,1,1,2,,
            2024-01-01 00:07:00,1,1,1,3,1.1,
            2024-01-01 00:08:00,1,1,1,0,0.3,0.2
            2024-01-01 00:30:00,1,1,1,0,0.1,0.1
            """;

    @BeforeEach
    void files() throws IOException {
        data = dir.resolve("data.csv");
        results = dir.resolve("results.csv");
        Files.writeString(data, DATA);
        Files.writeString(results, RESULTS);
    }

    private CliRun evaluate(Path r, Path d, String... more) {
        String[] args = {"evaluate", "--results", r.toString(), "--data", d.toString(), "--label", "label"};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.of(all);
    }

    @Test
    void jsonHoldsEveryMetricAndTheMatchCounts() throws IOException {
        CliRun run = evaluate(results, data, "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = JSON.readTree(run.out());
        assertThat(j.get("rows").toString()).isEqualTo("{\"results\":10,\"data\":10,\"matched\":9,\"resultsWithoutDataRow\":1,"
                + "\"dataWithoutResult\":1,\"withoutLabel\":1,\"withoutIndicator\":1,\"used\":7}");
        assertThat(j.get("errorMeasures").get("AUC").asDouble()).isCloseTo(10.0 / 12, within(1e-15));
        assertThat(j.get("errorMeasures").get("confusionMatrix").toString())
                .isEqualTo("{\"truePositive\":2,\"trueNegative\":3,\"falsePositive\":1,\"falseNegative\":1}");
        JsonNode p = j.get("pointwise");
        assertThat(p.get("precision").asDouble()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(p.get("recall").asDouble()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(p.get("f1").asDouble()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(p.get("falseAlarmRate").asDouble()).isEqualTo(0.25);
        assertThat(p.get("missedAlarmRate").asDouble()).isCloseTo(1.0 / 3, within(1e-15));
        JsonNode e = j.get("events");
        assertThat(e.get("labelled").asInt()).isEqualTo(2);
        assertThat(e.get("detected").asInt()).isEqualTo(2);
        assertThat(e.get("caught").asInt()).isEqualTo(2);
        assertThat(e.get("trueDetections").asInt()).isEqualTo(2);
        assertThat(e.get("meanDelay").asText()).isEqualTo("PT30S");
        assertThat(e.get("labelledEvents").toString()).isEqualTo("[{\"start\":\"2024-01-01T00:02:00Z\",\"end\":\"2024-01-01T00:03:00Z\","
                + "\"duration\":\"PT1M\",\"rows\":2,\"caught\":true,\"delay\":\"PT1M\"},{\"start\":\"2024-01-01T00:07:00Z\","
                + "\"end\":\"2024-01-01T00:07:00Z\",\"duration\":\"PT0S\",\"rows\":1,\"caught\":true,\"delay\":\"PT0S\"}]");
    }

    @Test
    void everyLabelledAndDetectedEventIsListed() throws IOException {
        Files.writeString(data, DATA.replace("00:00:00,1,0", "00:00:00,1,1")); // a third labelled event, at 00:00, not flagged (code 2)
        CliRun run = evaluate(results, data, "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode e = JSON.readTree(run.out()).get("events");
        assertThat(e.get("labelledEvents").toString()).isEqualTo("[{\"start\":\"2024-01-01T00:00:00Z\",\"end\":\"2024-01-01T00:00:00Z\","
                + "\"duration\":\"PT0S\",\"rows\":1,\"caught\":false,\"delay\":null},"
                + "{\"start\":\"2024-01-01T00:02:00Z\",\"end\":\"2024-01-01T00:03:00Z\",\"duration\":\"PT1M\",\"rows\":2,\"caught\":true,"
                + "\"delay\":\"PT1M\"},{\"start\":\"2024-01-01T00:07:00Z\",\"end\":\"2024-01-01T00:07:00Z\",\"duration\":\"PT0S\","
                + "\"rows\":1,\"caught\":true,\"delay\":\"PT0S\"}]");
        // flagged rows (code 1 or 3) among the matched ones: 00:03 to 00:05, and 00:07
        assertThat(e.get("detectedEvents").toString()).isEqualTo("[{\"start\":\"2024-01-01T00:03:00Z\",\"end\":\"2024-01-01T00:05:00Z\","
                + "\"duration\":\"PT2M\",\"rows\":3},{\"start\":\"2024-01-01T00:07:00Z\",\"end\":\"2024-01-01T00:07:00Z\","
                + "\"duration\":\"PT0S\",\"rows\":1}]");
        assertThat(e.get("caught").asInt()).isEqualTo(2);
        String text = evaluate(results, data).out();
        assertThat(text).contains("  Caught              2 of 3")
                .contains("    2024-01-01T00:00:00Z to 2024-01-01T00:00:00Z missed (1 row)")
                .contains("    2024-01-01T00:02:00Z to 2024-01-01T00:03:00Z caught after 1 minute")
                .contains("    2024-01-01T00:07:00Z to 2024-01-01T00:07:00Z caught after 0 seconds");
    }

    @Test
    void tableSaysWhatWasMatchedAndLeftOut() {
        CliRun run = evaluate(results, data);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Matched rows          9 by timestamp; results rows without a data row: 1 (first "
                + "2024-01-01T00:30:00Z); data rows without a result: 1 (first 2024-01-01T00:09:00Z)")
                .contains("Rows used             7 (matched rows without a label: 1; without any calculated indicator: 1)")
                .contains("  AUC                 0.8333")
                .contains("  False positives     1")
                .contains("  Missed-alarm rate   0.3333")
                .contains("  Caught              2 of 2")
                .contains("  Mean delay          30 seconds (PT30S)");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void rowOrderDoesNotMatter() throws IOException {
        String[] lines = RESULTS.split("\n");
        StringBuilder reversed = new StringBuilder(lines[0]).append('\n');
        for (int i = lines.length - 1; i > 0; i--) {
            reversed.append(lines[i]).append('\n');
        }
        Path shuffled = dir.resolve("reversed.csv");
        Files.writeString(shuffled, reversed);
        assertThat(evaluate(shuffled, data, "--json").out()).isEqualTo(evaluate(results, data, "--json").out().replace(results.toString(),
                shuffled.toString()));
    }

    @Test
    void missingLabelColumnListsTheColumns() {
        CliRun run = CliRun.of("evaluate", "--results", results.toString(), "--data", data.toString(), "--label", "lable");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("vigil: " + data + " has no label column 'lable'; did you mean 'label'? columns: label, value"
                + System.lineSeparator());
    }

    @Test
    void labelsOtherThanZeroOrOneAreRefusedWithFileRowColumnAndValue() throws IOException {
        Files.writeString(data, DATA.replace("00:03:00,1,1", "00:03:00,1,2"));
        CliRun run = evaluate(results, data);
        assertThat(run.exitCode()).isEqualTo(2);
        // checked as the file is read: the line as an editor counts it (the header is line 1)
        assertThat(run.err()).isEqualTo("vigil: " + data + " line 5, column 'label': '2' is not a label; labels must be "
                + "1 (anomaly), 0 (normal) or missing (an empty cell: unknown)" + System.lineSeparator());
        Files.writeString(data, DATA.replace("00:03:00,1,1", "00:03:00,1,0.5"));
        assertThat(evaluate(results, data).err()).contains("line 5, column 'label': '0.5' is not a label");
    }

    @Test
    void badResultsTablesAreRefused() throws IOException {
        Files.writeString(results, RESULTS.replace("00:03:00,1,1,1,1,", "00:03:00,1,1,1,5,"));
        assertThat(evaluate(results, data).err()).isEqualTo("vigil: " + results + " row 4 (2024-01-01T00:03:00Z), column 'anomaly_code': "
                + "'5' is not an anomaly code; anomaly_code must be 0, 1, 2 or 3" + System.lineSeparator());
        Files.writeString(results, RESULTS.replace(",anomaly_indicator_residual,anomaly_indicator_imbalance", ",x,y"));
        CliRun noIndicator = evaluate(results, data);
        assertThat(noIndicator.exitCode()).isEqualTo(2);
        assertThat(noIndicator.err()).contains("has no anomaly_indicator_<perspective> column; columns: model_index, kpi, normal_behavior, "
                + "anomaly_code, x, y");
        CliRun notResults = evaluate(data, data);
        assertThat(notResults.exitCode()).isEqualTo(2);
        assertThat(notResults.err()).contains("has no anomaly_code column 'anomaly_code'");
        Files.writeString(results, RESULTS + "2024-01-01 00:01:00,1,1,1,0,0.5,0.1\n");
        assertThat(evaluate(results, data).err()).contains("timestamp 2024-01-01T00:01:00Z appears more than once (rows 2 and 11)");
    }

    @Test
    void missingFilesAndNoCommonTimestamp() throws IOException {
        CliRun missing = evaluate(dir.resolve("nope.csv"), data);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.csv does not exist");
        Files.writeString(data, DATA.replace("2024-01-01", "2025-01-01"));
        CliRun disjoint = evaluate(results, data);
        assertThat(disjoint.exitCode()).isEqualTo(2);
        assertThat(disjoint.err()).contains("No timestamp of " + results).contains("nothing to evaluate");
    }

    @Test
    void helpAndVersion() {
        assertThat(CliRun.of("evaluate", "--help").out()).contains("Usage: vigil evaluate").contains("--results=FILE");
        assertThat(CliRun.of("evaluate", "--version").out()).startsWith("vigil ");
        assertThat(CliRun.of("--help").out()).contains("evaluate").contains("nab");
    }
}
