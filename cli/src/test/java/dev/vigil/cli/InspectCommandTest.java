package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.io.csv.CsvWriter;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.testing.KpiDataGenerator;
import dev.vigil.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path generated() {
        TimeFrame f = KpiDataGenerator.create().rows(300).seed(1).generate().frame();
        Path p = dir.resolve("gen.csv");
        CsvWriter.write(f, p);
        return p;
    }

    @Test
    void reportsRowsColumnsPeriodAndMissingValues() {
        CliRun run = CliRun.of("inspect", generated().toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Rows                  300")
                .contains("Columns               7 (kpi, x1, x2, x3, noise1, … label)")
                .contains("Time span             1 day 55 minutes")
                .contains("First timestamp       2024-01-01T00:00:00Z")
                .contains("Last timestamp        2024-01-02T00:55:00Z")
                .contains("Sampling period       5 minutes (PT5M)")
                .contains("Duplicate timestamps  0")
                .contains("Gaps                  0")
                .contains("Missing values        none");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void theDataMayBeNamedWithDataAsInTheOtherCommandsButOnlyOnce() {
        String path = generated().toString();
        assertThat(CliRun.of("inspect", "--data", path).out()).isEqualTo(CliRun.of("inspect", path).out());
        CliRun both = CliRun.of("inspect", path, "--data", path);
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("not both");
        CliRun none = CliRun.of("inspect");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("vigil inspect PATH (or --data PATH)");
    }

    @Test
    void droppedColumnsAreAWarningOnStderrAndListedInJson() throws IOException {
        Path p = dir.resolve("states.csv");
        Files.writeString(p, "time,state,v,operator\n2020-01-01 00:00:00,on,1,ann\n2020-01-01 00:00:01,off,2,bob\n");
        String warning = "Warning: Dropped 2 non-numeric columns of " + p + ": state (e.g. 'on'), operator (e.g. 'ann'). Name a "
                + "column as KPI or influencer to have its cells checked instead." + System.lineSeparator();
        CliRun text = CliRun.of("inspect", p.toString());
        assertThat(text.exitCode()).isZero();
        assertThat(text.err()).isEqualTo(warning);
        assertThat(text.out()).contains("Columns               1 (v)");
        CliRun json = CliRun.of("inspect", p.toString(), "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.err()).isEqualTo(warning);
        assertThat(JSON.readTree(json.out()).get("dropped").toString()).isEqualTo("[\"state\",\"operator\"]");
        assertThat(JSON.readTree(CliRun.of("inspect", generated().toString(), "--json").out()).get("dropped").toString())
                .isEqualTo("[]");
    }

    @Test
    void jsonHasTheDocumentedKeys() throws IOException {
        Path p = dir.resolve("gappy.csv");
        Files.writeString(p, "time,a,b\n2020-01-01 00:00:00,1,\n2020-01-01 00:00:01,2,3\n2020-01-01 00:00:01,2,3\n"
                + "2020-01-01 00:00:05,,4\n2020-01-01 00:00:06,5,6\n");
        CliRun run = CliRun.of("inspect", p.toString(), "--json");
        assertThat(run.exitCode()).isZero();
        JsonNode j = JSON.readTree(run.out());
        assertThat(j.get("rows").asInt()).isEqualTo(5);
        assertThat(j.get("columns").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(j.get("firstTimestamp").asText()).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(j.get("lastTimestamp").asText()).isEqualTo("2020-01-01T00:00:06Z");
        assertThat(j.get("samplingPeriod").asText()).isEqualTo("PT1S");
        assertThat(j.get("duplicateTimestamps").asInt()).isEqualTo(1);
        assertThat(j.get("gaps").asInt()).isEqualTo(1);
        assertThat(j.get("largestGap").asText()).isEqualTo("PT4S");
        assertThat(j.get("missing").toString()).isEqualTo("{\"a\":1,\"b\":1}");
    }

    @Test
    void namedTimestampColumn() throws IOException {
        Path p = dir.resolve("two-times.csv");
        Files.writeString(p, "created,measured,v\n2020-01-01,2021-06-01 00:00:00,1\n2020-01-01,2021-06-01 00:01:00,2\n");
        CliRun run = CliRun.of("inspect", p.toString(), "--timestamp", "measured", "--json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"firstTimestamp\" : \"2021-06-01T00:00:00Z\"").contains("\"samplingPeriod\" : \"PT1M\"");
    }

    @Test
    void badInputIsOneLineOnStderrAndExitTwo() throws IOException {
        Path p = dir.resolve("bad.csv");
        Files.writeString(p, "time,v\n2020-01-01,1\n2020-01-02,oops\n");
        CliRun run = CliRun.of("inspect", p.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("vigil: " + p + " line 3, column 'v': 'oops' is not a number "
                + "(leave the cell empty, or write NaN, for a missing value)" + System.lineSeparator());
    }

    @Test
    void missingFileAndUnknownTimestampColumnExitTwo() {
        CliRun missing = CliRun.of("inspect", dir.resolve("nope.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("vigil: ").contains("nope.csv does not exist").doesNotContain("Exception");
        CliRun column = CliRun.of("inspect", generated().toString(), "--timestamp", "tim");
        assertThat(column.exitCode()).isEqualTo(2);
        assertThat(column.err()).contains("has no timestamp column 'tim'");
    }

    @Test
    void verboseShowsTheStackTrace() {
        CliRun run = CliRun.of("inspect", dir.resolve("nope.csv").toString(), "--verbose");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("does not exist").contains("at dev.vigil.io.csv.CsvReader.read");
    }

    @Test
    void badUsageExitsTwoWithAHint() {
        CliRun run = CliRun.of("inspect", generated().toString(), "--bogus");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("vigil: Unknown option: '--bogus'").contains("Try 'vigil inspect --help'");
        assertThat(CliRun.of("frobnicate").exitCode()).isEqualTo(2);
    }

    @Test
    void helpAndVersionOnEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"inspect", "--help"}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Usage: vigil");
        }
        for (String[] args : new String[][] {{"--version"}, {"inspect", "--version"}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).startsWith("vigil ").doesNotContain("unknown");
        }
    }

    @Test
    void productionLineFromTheTimTutorial() throws IOException {
        Path file = SharedData.require("datasets/tim/production_line.csv");
        CliRun run = CliRun.of("inspect", file.toString(), "--json");
        assertThat(run.exitCode()).isZero();
        JsonNode j = JSON.readTree(run.out());
        assertThat(j.get("rows").asInt()).isEqualTo(14_088);
        assertThat(j.get("columns").size()).isEqualTo(42);
        assertThat(j.get("samplingPeriod").asText()).isEqualTo("PT1S");
        assertThat(j.get("duplicateTimestamps").asInt()).isEqualTo(14);
        assertThat(j.get("gaps").asInt()).isEqualTo(14);
        assertThat(j.get("largestGap").asText()).isEqualTo("PT2S");
        assertThat(j.get("firstTimestamp").asText()).isEqualTo("2019-03-06T10:52:33Z");
        assertThat(j.get("lastTimestamp").asText()).isEqualTo("2019-03-06T14:47:20Z");
    }
}
