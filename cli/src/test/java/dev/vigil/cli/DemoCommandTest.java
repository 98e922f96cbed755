package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.io.csv.CsvReader;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.testing.GeneratedData;
import dev.vigil.testing.InjectedAnomaly;
import dev.vigil.testing.ProductionLineGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @Test
    void theDemoFindsTheKnownAnomaliesAndWritesEverything(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("demo");
        CliRun run = CliRun.of("demo", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Vigil demo: a production line's Output").contains("Error measures: AUC 0.9");
        for (String f : new String[] {"production_line.csv", "model.json", "results.csv", "report.json", "summary.txt", "report.html"}) {
            assertThat(out.resolve(f)).isRegularFile();
        }
        assertThat(Files.readString(out.resolve("summary.txt"))).isEqualTo(run.out());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.get("errorMeasures").get("AUC").asDouble()).isGreaterThanOrEqualTo(0.95);
        GeneratedData truth = ProductionLineGenerator.create().generate();
        for (InjectedAnomaly a : truth.anomalies()) {
            Instant from = truth.frame().instant(a.start());
            Instant to = truth.frame().instant(a.end() - 1).plusSeconds(36);
            boolean found = false;
            for (JsonNode row : report.get("anomalies")) {
                Instant t = Instant.parse(row.get("timestamp").asText());
                found |= !t.isBefore(from) && !t.isAfter(to);
            }
            assertThat(found).as("an anomaly during %s", a).isTrue();
        }

        // evaluate counts the events detect printed when it is given the model; without it, it says what it counts instead
        String[] evaluate = {"evaluate", "--results", out.resolve("results.csv").toString(), "--data", out.resolve("production_line.csv").toString(),
            "--label", "label", "--json"};
        CliRun withModel = CliRun.of(concat(evaluate, "--model", out.resolve("model.json").toString()));
        assertThat(withModel.exitCode()).as(withModel.err()).isZero();
        JsonNode merged = new ObjectMapper().readTree(withModel.out());
        assertThat(merged.get("events").get("detected").asInt()).isEqualTo(report.get("events").size());
        CliRun runs = CliRun.of(evaluate);
        assertThat(new ObjectMapper().readTree(runs.out()).get("events").get("detected").asInt())
                .as("runs of flagged rows, more than detect's events here, or this test shows nothing").isGreaterThan(report.get("events").size());
        CliRun text = CliRun.of(java.util.Arrays.copyOf(evaluate, evaluate.length - 1));
        assertThat(text.out()).contains("(runs of flagged rows; give --model M to count them as detect does");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void theBundledDataAreReproducibleFromTheGenerator() throws IOException {
        byte[] csv;
        try (InputStream in = DemoCommand.class.getResourceAsStream(DemoCommand.DATA)) {
            csv = new GZIPInputStream(in).readAllBytes();
        }
        Path dir = Files.createTempDirectory("demo-data");
        Path file = dir.resolve("line.csv");
        Files.write(file, csv);
        TimeFrame bundled = CsvReader.read(file, new JobLog());
        TimeFrame generated = ProductionLineGenerator.create().generate().frame();
        assertThat(bundled.times()).containsExactly(generated.times());
        assertThat(bundled.columnNames()).isEqualTo(generated.columnNames());
        for (String c : bundled.columnNames()) {
            assertThat(bundled.column(c).toArray()).as(c).containsExactly(generated.column(c).toArray());
        }
        assertThat(bundled.rows()).isEqualTo(DemoCommand.ROWS);
    }

    @Test
    void eachApproachHasItsOwnDefaultFolderSoThatTheSecondDemoKeepsTheFirstsFiles() {
        DemoCommand kpi = new DemoCommand();
        new picocli.CommandLine(kpi).parseArgs();
        DemoCommand system = new DemoCommand();
        new picocli.CommandLine(system).parseArgs("--approach", "system-driven");
        assertThat(kpi.folder()).isEqualTo(Path.of("vigil-demo"));
        assertThat(system.folder()).isEqualTo(Path.of("vigil-demo-system"));
        DemoCommand given = new DemoCommand();
        new picocli.CommandLine(given).parseArgs("--approach", "system-driven", "--out", "x");
        assertThat(given.folder()).isEqualTo(Path.of("x"));
        CliRun help = CliRun.of("demo", "--help");
        assertThat(help.out().replaceAll("\\s+", " ")).contains("vigil-demo-system").contains("report.html");
    }

    @Test
    void aFileIsNotAnOutputFolder(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        CliRun run = CliRun.of("demo", "--out", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is a file; give a folder");
    }
}
