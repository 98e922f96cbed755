package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.csv.CsvReader;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the README's snippet on the bundled data/sample/kpi.csv and checks what it prints and writes. */
class ReadmeSnippetTest {
    @Test
    void theSnippetBuildsDetectsExplainsAndWritesAModelThatDetectsTheSame() throws Exception {
        Path model = Path.of("model.json");
        Files.deleteIfExists(model);
        List<String> lines = run();

        // the job log: what was done, and why
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("LogEntry[") && l.contains("Detection job, type: model building")), String.join("\n", lines));
        // the anomalies of the last third: the first injected spike (label 1 at 2024-01-11T05:05:00Z) among them
        List<String> anomalies = lines.stream().filter(l -> l.startsWith("Anomaly[")).toList();
        assertTrue(anomalies.stream().anyMatch(l -> l.startsWith("Anomaly[timestamp=2024-01-11T05:05:00Z")), String.join("\n", anomalies));
        // one line of causes for each anomaly, in the same order
        List<String> causes = lines.stream().filter(l -> l.startsWith("RowCauses[")).toList();
        assertEquals(anomalies.size(), causes.size());
        for (int i = 0; i < anomalies.size(); i++) {
            String at = anomalies.get(i).substring("Anomaly[".length(), anomalies.get(i).indexOf(','));
            assertTrue(causes.get(i).startsWith("RowCauses[" + at + ","), causes.get(i));
        }
        // the model file detects the same anomalies in a fresh read, as "detect elsewhere" promises
        DetectionModel stored = ModelFiles.read(model, PluginRegistry.load());
        List<String> again = stored.detect(CsvReader.read(Path.of("data/sample/kpi.csv"), new JobLog()), RowSelection.last(1344, RowUnit.Sample))
                .anomalies().stream().map(Object::toString).toList();
        assertEquals(anomalies, again);
    }

    private static List<String> run() {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            ReadmeSnippet.main(new String[0]);
        } finally {
            System.setOut(out);
        }
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
