package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.evaluation.system.SystemRun;
import dev.vigil.io.csv.CsvReader;
import dev.vigil.io.model.SystemModelFiles;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.system.SystemDetection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Runs the README's system-driven snippets on the demo pump and checks what they find and write. */
class SystemReadmeSnippetsTest {
    @Test
    void theJobsFindEventsInTheLaterRowsAndJudgeThemAgainstTheLabels() {
        SystemRun found = SystemReadmeSnippets.jobs();
        assertEquals(2_500, found.detection().rows());
        assertFalse(found.events().isEmpty(), "no event in the later rows, where four faults are labelled");
        assertTrue(found.metrics().isPresent(), "labels were given: the model metrics must be there");
        assertTrue(found.metrics().get().identified() > 0, found.metrics().get().toString());
    }

    @Test
    void theDetectorFlagsTheFaultsAndWritesAModelFileThatDetectsTheSame() throws Exception {
        JobLog log = new JobLog();
        TimeFrame frame = CsvReader.read(Path.of("pump.csv"), log);                 // fitted on the first 2,500 rows, clean
        Files.deleteIfExists(Path.of("machine.model.json"));
        SystemDetection found = SystemReadmeSnippets.detector(frame, log);
        assertEquals(frame.rows(), found.rows());
        assertTrue(Arrays.stream(found.indicator(), 2_500, frame.rows()).anyMatch(i -> i > 1), "no anomalous row where the faults are");
        SystemDetection again = SystemModelFiles.read(Path.of("machine.model.json"), PluginRegistry.load()).detect(frame);
        assertTrue(Arrays.equals(found.indicator(), again.indicator()), "the model file detects otherwise");
    }
}
