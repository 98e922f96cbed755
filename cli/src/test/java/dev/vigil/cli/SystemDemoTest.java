package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemDemoTest {
    @Test
    void theSystemDrivenDemoCatchesTheFaultsAndNamesTheFaultySignals(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("demo");
        Path html = dir.resolve("pictures.html");
        CliRun run = CliRun.of("demo", "--approach", "system-driven", "--out", out.toString(), "--report-out", html.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Vigil demo, system-driven: a pump's 8 signals").contains("top signals: ")
                .contains("Event metrics: precision ");
        for (String f : new String[] {"machine.csv", "labels.csv", "model.json", "results.csv", "events.json", "diagnostics.jsonl", "summary.txt"}) {
            assertThat(out.resolve(f)).isRegularFile();
        }
        assertThat(html).isRegularFile();
        // the report is outside the folder: not in its list, but named with its own path after it
        String files = run.out().substring(run.out().indexOf("Files in " + out + ":"));
        assertThat(files.lines().filter(l -> l.startsWith("  ")).toList()).noneMatch(l -> l.contains("pictures.html"));
        assertThat(files).contains("The HTML report: " + html + ", the pictures: open it in a browser");
        assertThat(Files.readString(out.resolve("summary.txt"))).isEqualTo(run.out());
        JsonNode events = new ObjectMapper().readTree(out.resolve("events.json").toFile());
        JsonNode metrics = events.get("modelMetrics");
        assertThat(metrics.get("labeled_event_metrics").get("num_labeled").asInt()).isEqualTo(4);
        assertThat(metrics.get("labeled_event_metrics").get("num_identified").asInt()).isEqualTo(4);
        // each fault's label names its signal; the strongest event inside a labelled range should name it first (the stuck
        // sensor's does; the drift and the broken relation spread into the regressions of the signals they feed)
        int named = 0;
        for (JsonNode range : metrics.get("labeled_ranges")) {
            String signal = range.get("label").asText().replaceAll(".* on ", "");
            JsonNode strongest = null;
            for (JsonNode e : events.get("events")) {
                boolean inside = e.get("start").asText().compareTo(range.get("end").asText().replace(".000000", "Z")) <= 0
                        && e.get("end").asText().compareTo(range.get("start").asText().replace(".000000", "Z")) >= 0;
                if (inside && (strongest == null || e.get("peakIndicator").asDouble() > strongest.get("peakIndicator").asDouble())) {
                    strongest = e;
                }
            }
            if (strongest != null && strongest.get("interpretation").get(0).get("variable").asText().equals(signal)) {
                named++;
            }
        }
        assertThat(named).isGreaterThanOrEqualTo(1);
    }
}
