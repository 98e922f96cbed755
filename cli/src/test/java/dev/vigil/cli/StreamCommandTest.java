package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.io.csv.CsvWriter;
import dev.vigil.testing.KpiDataGenerator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Path data;
    Path model;

    @BeforeEach
    void buildAModel() {
        data = dir.resolve("line.csv");
        CsvWriter.write(KpiDataGenerator.create().rows(3000).seed(41).anomalies(4, 2, 1, 0).anomaliesBetween(2.0 / 3, 1).generate()
                .unlabelled(), data);
        model = dir.resolve("model.json");
        CliRun run = CliRun.of("build-model", "--data", data.toString(), "--kpi", "kpi", "--rows", "first:2000", "--model-out", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void writesOneJsonLinePerRowWithTheResultsTablesValuesAndTheCausesOfAnomalies() throws Exception {
        Path table = dir.resolve("detected.csv");
        CliRun detect = CliRun.of("detect", "--model", model.toString(), "--data", data.toString(), "--rows", "first:3000", "--table-out",
                table.toString());
        assertThat(detect.exitCode()).as(detect.err()).isZero();
        CliRun stream = CliRun.of("stream", "--model", model.toString(), "--input", data.toString(), "--no-follow");
        assertThat(stream.exitCode()).as(stream.err()).isZero();
        List<String> rows = Files.readAllLines(table);
        List<String> header = List.of(rows.get(0).split(","));
        String[] lines = stream.out().split("\n");
        assertThat(lines).hasSize(rows.size() - 1);
        dev.vigil.core.detection.DetectionModel m = dev.vigil.io.model.ModelFiles.read(model, dev.vigil.core.plugin.PluginRegistry.load());
        dev.vigil.rca.Decomposition batch = dev.vigil.rca.RootCauseAnalysis.of(m).decompose(dev.vigil.io.DataFiles.discover().read(data,
                dev.vigil.spi.ReadOptions.DEFAULT, new dev.vigil.spi.log.JobLog()), dev.vigil.spi.settings.RowSelection.all());
        int anomalous = 0;
        for (int i = 0; i < lines.length; i++) {
            JsonNode j = JSON.readTree(lines[i]);
            String[] cells = rows.get(i + 1).split(",", -1);
            assertThat(iterable(j.fieldNames())).containsExactlyElementsOf(withCauses(header));
            assertThat(Instant.parse(j.get("timestamp").asText())).isEqualTo(Instant.parse(cells[0]));
            for (int c = 1; c < header.size(); c++) {
                JsonNode v = j.get(header.get(c));
                if (cells[c].isEmpty()) {
                    assertThat(v.isNull()).as(header.get(c) + " of line " + (i + 1)).isTrue();
                } else {
                    assertThat(Double.doubleToLongBits(v.asDouble())).as(header.get(c) + " of line " + (i + 1))
                            .isEqualTo(Double.doubleToLongBits(Double.parseDouble(cells[c])));
                }
            }
            if (j.get("anomaly_code").asInt() % 2 == 1) {
                anomalous++;
                assertThat(j.get("causes").size()).as("causes of an anomalous row").isPositive();
                // the causes of batch root-cause analysis at the same row, also for rows held back by the decision rule
                List<dev.vigil.rca.Cause> expected = batch.causes(Instant.parse(cells[0])).causes();
                assertThat(j.get("causes").size()).as("causes of line " + (i + 1)).isEqualTo(expected.size());
                for (int c = 0; c < expected.size(); c++) {
                    JsonNode got = j.get("causes").get(c);
                    assertThat(got.get("contributor").asText()).isEqualTo(expected.get(c).contributor());
                    assertThat(got.get("departure").asDouble()).as(expected.get(c).contributor() + " at line " + (i + 1))
                            .isCloseTo(expected.get(c).departure(), org.assertj.core.data.Offset.offset(1e-9 * Math.max(1,
                                    Math.abs(expected.get(c).departure()))));
                }
            } else {
                assertThat(j.get("causes").size()).isZero();
            }
        }
        assertThat(anomalous).isPositive();
    }

    @Test
    void readsStandardInputAndRefusesALateRowNamingItAfterAnsweringTheRowsBefore() {
        List<String> csv = new ArrayList<>(List.of(lines(data).subList(0, 40).toArray(String[]::new)));
        csv.add(csv.get(20)); // late
        CliRun run = withStdin(String.join("\n", csv) + "\n", "stream", "--model", model.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out().split("\n")).hasSize(39);
        assertThat(run.err()).contains("standard input line 41: Row ", "is older than the stream's newest row", "--late skip");
        CliRun skipping = withStdin(String.join("\n", csv) + "\n", "stream", "--model", model.toString(), "--late", "skip");
        assertThat(skipping.exitCode()).as(skipping.err()).isZero();
        assertThat(skipping.out().split("\n")).hasSize(39);
        assertThat(skipping.err()).contains("line 41: skipped a row");
    }

    @Test
    void aStreamResumedFromItsStateFileAnswersAsOneThatRanThrough() {
        List<String> all = lines(data);
        Path state = dir.resolve("state.json");
        CliRun whole = withStdin(String.join("\n", all) + "\n", "stream", "--model", model.toString());
        String head = String.join("\n", all.subList(0, 1500)) + "\n";
        List<String> tail = new ArrayList<>(List.of(all.get(0)));
        tail.addAll(all.subList(1500, all.size()));
        CliRun first = withStdin(head, "stream", "--model", model.toString(), "--state", state.toString());
        CliRun second = withStdin(String.join("\n", tail) + "\n", "stream", "--model", model.toString(), "--state", state.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(first.out() + second.out()).isEqualTo(whole.out());
    }

    @Test
    void followsAGrowingFileAndSavesItsStateWhenStopped() throws Exception {
        List<String> all = lines(data);
        Path growing = dir.resolve("growing.csv");
        Files.write(growing, all.subList(0, 1200));
        Path state = dir.resolve("state.json");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.vigil.cli.Main", "stream", "--model", model.toString(), "--input",
                growing.toString(), "--state", state.toString());
        Process p = new ProcessBuilder(command).redirectError(dir.resolve("err.log").toFile()).start();
        List<String> out = new ArrayList<>();
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            while (out.size() < 1199) {
                out.add(reader.readLine());
            }
            Files.write(growing, all.subList(1200, 1500), java.nio.file.StandardOpenOption.APPEND); // rows appended are followed
            while (out.size() < 1499) {
                out.add(reader.readLine());
            }
            p.destroy(); // SIGTERM: the state is written between two rows
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.exists(state)).as(Files.readString(dir.resolve("err.log"))).isTrue();
        List<String> rest = new ArrayList<>(List.of(all.get(0)));
        rest.addAll(all.subList(1500, all.size()));
        CliRun resumed = withStdin(String.join("\n", rest) + "\n", "stream", "--model", model.toString(), "--state", state.toString());
        CliRun whole = withStdin(String.join("\n", all) + "\n", "stream", "--model", model.toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        List<String> expected = List.of(whole.out().split("\n"));
        assertThat(out).containsExactlyElementsOf(expected.subList(0, out.size()));
        assertThat(List.of(resumed.out().split("\n"))).containsExactlyElementsOf(expected.subList(out.size(), expected.size()));
    }

    @Test
    void withRefreshSwapsInARebuiltModelWrittenOverTheModelFile() throws Exception {
        Path rebuilt = dir.resolve("rebuilt.json");
        CliRun rebuild = CliRun.of("rebuild-model", "--model", model.toString(), "--data", data.toString(), "--rebuild-type", "All",
                "--rows", "first:2500", "--model-out", rebuilt.toString());
        assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
        List<String> all = lines(data);
        Path live = dir.resolve("live.json");
        Files.copy(model, live);
        Path growing = dir.resolve("growing.csv");
        Files.write(growing, all.subList(0, 1200));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.vigil.cli.Main", "stream", "--model", live.toString(), "--input",
                growing.toString(), "--refresh");
        Process p = new ProcessBuilder(command).redirectError(dir.resolve("err.log").toFile()).start();
        List<String> out = new ArrayList<>();
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            while (out.size() < 1199) {
                out.add(reader.readLine());
            }
            Path next = dir.resolve("next.json");
            Files.copy(rebuilt, next);
            Files.move(next, live, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.write(growing, all.subList(1200, 1500), java.nio.file.StandardOpenOption.APPEND);
            while (out.size() < 1499) {
                out.add(reader.readLine());
            }
        } finally {
            p.destroy();
            p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        String head = String.join("\n", all.subList(0, 1500)) + "\n";
        List<String> before = List.of(withStdin(head, "stream", "--model", model.toString()).out().split("\n"));
        List<String> after = List.of(withStdin(head, "stream", "--model", rebuilt.toString()).out().split("\n"));
        assertThat(out.subList(0, 1199)).containsExactlyElementsOf(before.subList(0, 1199));
        assertThat(out.subList(1199, 1499)).containsExactlyElementsOf(after.subList(1199, 1499));
        assertThat(after.subList(1199, 1499)).isNotEqualTo(before.subList(1199, 1499));
        assertThat(Files.readString(dir.resolve("err.log"))).contains("Refreshed the model from " + live);
    }

    private static List<String> withCauses(List<String> header) {
        List<String> out = new ArrayList<>(header);
        out.add("causes");
        return out;
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static synchronized CliRun withStdin(String text, String... args) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return CliRun.of(args);
        } finally {
            System.setIn(before);
        }
    }
}
