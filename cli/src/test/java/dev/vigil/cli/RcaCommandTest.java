package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.io.csv.CsvReader;
import dev.vigil.io.csv.CsvWriter;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.testing.GeneratedData;
import dev.vigil.testing.KpiDataGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RcaCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GLITCH_START = 6400;
    private static final int GLITCH_END = 6460;

    @TempDir
    Path dir;

    Path data;
    Path model;
    GeneratedData generated;
    String faulty;

    /** A sensor glitch: one influencer bumps for a while, the KPI does not follow, so its normal behaviour is wrong there. */
    @BeforeEach
    void buildAModel() {
        KpiDataGenerator generator = KpiDataGenerator.create().rows(8000).seed(4);
        generated = generator.generate();
        faulty = generated.influencers().get(generator.faultyInfluencer());
        TimeFrame clean = generated.unlabelled();
        TimeFrame.Builder glitched = TimeFrame.builder(clean.times());
        clean.toMap().forEach((name, values) -> {
            double[] v = values.clone();
            if (name.equals(faulty)) {
                double sd = sd(v);
                for (int r = GLITCH_START; r < GLITCH_END; r++) {
                    v[r] += 6 * sd * Math.sin(Math.PI * (r - GLITCH_START) / (GLITCH_END - GLITCH_START));
                }
            }
            glitched.column(name, v);
        });
        data = dir.resolve("line.csv");
        CsvWriter.write(glitched.build(), data);
        model = dir.resolve("model.json");
        CliRun run = CliRun.of("build-model", "--data", data.toString(), "--kpi", "kpi", "--rows", "first:5300",
                "--model-out", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private static double sd(double[] v) {
        double mean = java.util.Arrays.stream(v).average().orElse(0);
        return Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).average().orElse(0));
    }

    @Test
    void aDroppedTextColumnIsAWarningOnStderr() throws IOException {
        List<String> lines = Files.readAllLines(data);
        List<String> withText = new java.util.ArrayList<>();
        withText.add(lines.get(0) + ",operator");
        for (int i = 1; i < lines.size(); i++) {
            withText.add(lines.get(i) + (i % 2 == 0 ? ",ann" : ",bob"));
        }
        Path text = dir.resolve("line-with-operator.csv");
        Files.write(text, withText);
        CliRun run = CliRun.of("rca", "--model", model.toString(), "--data", text.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).startsWith("Warning: Dropped 1 non-numeric column of " + text + ": operator");
    }

    @Test
    void theInfluencerViewAddsUpAndNamesTheFaultyInfluencer() throws IOException {
        Path table = dir.resolve("rca/influencers.csv");
        Path terms = dir.resolve("rca/terms.csv");
        Path report = dir.resolve("rca/rca.json");
        int peak = (GLITCH_START + GLITCH_END) / 2;
        String at = generated.frame().instant(peak).toString();
        CliRun run = CliRun.of("rca", "--model", model.toString(), "--data", data.toString(), "--at", at, "--radius", "10",
                "--table-out", table.toString(), "--terms-out", terms.toString(), "--json-out", report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Root-cause analysis").contains("At " + at + ":").contains("Term view of model ")
                .contains("Wrote the influencer view to " + table);

        TimeFrame t = CsvReader.read(table, new JobLog());
        assertThat(t.rows()).isEqualTo(8000 - 5300);
        List<String> parts = t.columnNames().stream()
                .filter(c -> c.startsWith("_") && !c.startsWith("_diff_")).toList();
        assertThat(parts).contains("_" + faulty);
        for (int r = 0; r < t.rows(); r += 97) {
            double sum = 0;
            for (String p : parts) {
                sum += t.column(p).get(r);
            }
            assertThat(sum).isCloseTo(t.column("normal_behavior").get(r), within(1e-6 * (1 + Math.abs(sum))));
        }

        TimeFrame v = CsvReader.read(terms, new JobLog());
        assertThat(v.rows()).isEqualTo(21);
        assertThat(v.columnNames()).contains("term_1", "yhat_1");

        JsonNode j = JSON.readTree(report.toFile());
        assertThat(j.get("job").asText()).isEqualTo("rca");
        assertThat(j.get("at").get("timestamp").asText()).isEqualTo(at);
        assertThat(j.get("at").get("causes").get(0).get("contributor").asText()).isEqualTo(faulty);
        assertThat(j.get("ranking").size()).isGreaterThan(1);
        assertThat(j.get("rootCauses").size()).isPositive();
        assertThat(j.get("termView").get("terms").get(0).get("term").asText()).isEqualTo("term_1");
    }

    @Test
    void detectReportsTheCausesOfEachAnomaly() throws IOException {
        Path report = dir.resolve("detect.json");
        CliRun run = CliRun.of("detect", "--model", model.toString(), "--data", data.toString(), "--json-out", report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("normal behaviour moved by " + faulty);
        JsonNode j = JSON.readTree(report.toFile());
        assertThat(j.get("rootCauses").size()).isEqualTo(j.get("anomalies").size());
        JsonNode glitch = null;
        String peak = generated.frame().instant((GLITCH_START + GLITCH_END) / 2).toString();
        for (JsonNode e : j.get("events")) {
            if (e.get("start").asText().compareTo(peak) <= 0 && e.get("end").asText().compareTo(peak) >= 0) {
                glitch = e;
            }
        }
        assertThat(glitch).as("an event spans the glitch's peak %s: %s", peak, j.get("events")).isNotNull();
        assertThat(glitch.get("causes").get(0).get("contributor").asText()).isEqualTo(faulty);
        assertThat(glitch.get("anomalousRows").asInt()).isPositive().isLessThanOrEqualTo(glitch.get("rows").asInt());
        JsonNode first = j.get("rootCauses").get(0);
        assertThat(first.get("timestamp").asText()).isEqualTo(j.get("anomalies").get(0).get("timestamp").asText());
        assertThat(first.get("causes").get(0).fieldNames()).toIterable()
                .containsExactly("contributor", "contribution", "typical", "departure", "share");
    }

    @Test
    void importancesAsJsonOrTwoCsvFiles() throws IOException {
        Path json = dir.resolve("imp.json");
        Path csv = dir.resolve("imp.csv");
        for (Path out : List.of(json, csv)) {
            CliRun run = CliRun.of("build-model", "--data", data.toString(), "--kpi", "kpi", "--rows", "first:3000",
                    "--importances-out", out.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("importances to " + out);
        }
        JsonNode j = JSON.readTree(json.toFile());
        double rel = 0;
        for (JsonNode p : j.get("properties")) {
            rel += p.get("rel_importance").asDouble();
        }
        assertThat(rel).isCloseTo(1, within(1e-9));
        assertThat(j.get("features").get(0).fieldNames()).toIterable().containsExactly("model", "term", "feature", "importance", "beta");
        List<String> properties = Files.readAllLines(csv);
        assertThat(properties.get(0)).isEqualTo("name,importance,rel_importance,dataFrom,dataTo");
        assertThat(properties).hasSize(j.get("properties").size() + 1);
        List<String> features = Files.readAllLines(dir.resolve("imp-features.csv"));
        assertThat(features.get(0)).isEqualTo("model,term,feature,importance,beta");
        assertThat(features).hasSize(j.get("features").size() + 1);
    }

    @Test
    void aBadTimestampIsAClearError() {
        CliRun run = CliRun.of("rca", "--model", model.toString(), "--data", data.toString(), "--at", "not-a-time");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--at 'not-a-time' is not a timestamp");
        String between = generated.frame().instant(100).plusSeconds(60).toString();
        run = CliRun.of("rca", "--model", model.toString(), "--data", data.toString(), "--at", between);
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains(between + " is not a row of ").contains("its rows run from "
                + generated.frame().instant(0) + " to " + generated.frame().instant(7999) + " every 5 minutes");
    }
}
