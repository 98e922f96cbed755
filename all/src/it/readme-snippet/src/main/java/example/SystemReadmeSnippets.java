package example;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.evaluation.system.SystemJob;
import dev.vigil.evaluation.system.SystemJobSettings;
import dev.vigil.evaluation.system.SystemRun;
import dev.vigil.io.csv.CsvReader;
import dev.vigil.io.labels.LabelRanges;
import dev.vigil.io.model.SystemModelFiles;
import dev.vigil.spi.SystemProblem;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.system.IndicatorCalibration;
import dev.vigil.system.SystemDetection;
import dev.vigil.system.SystemDetector;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The README's two system-driven snippets ("As a library"), each verbatim between its marker comments:
 * vigil-all's ReadmeTest checks that README.md holds the same text, and this project's test runs them on
 * the bundled demo pump (prebuild.groovy writes machine.csv, machine-later.csv, pump.csv and labels.csv).
 */
public final class SystemReadmeSnippets {
    private SystemReadmeSnippets() {
    }

    /** The jobs' snippet; returns what detect found. */
    public static SystemRun jobs() {
        // README system-driven snippet begins
        // dev.vigil.evaluation.system.{SystemJob, SystemJobSettings, SystemRun}, dev.vigil.io.csv.CsvReader,
        // dev.vigil.io.labels.LabelRanges, dev.vigil.core.plugin.PluginRegistry, dev.vigil.spi.settings.{RowSelection, RowUnit}
        JobLog log = new JobLog();
        PluginRegistry registry = PluginRegistry.load();
        TimeFrame frame = CsvReader.read(Path.of("machine.csv"), log);                   // timestamp, then one column per signal
        TimeFrame newFrame = CsvReader.read(Path.of("machine-later.csv"), log);
        LabelRanges labels = LabelRanges.read(Path.of("labels.csv"), ZoneOffset.UTC, log); // start,end[,label]; or null
        SystemRun built = SystemJob.build(frame, RowSelection.first(2_500, RowUnit.Sample), List.of(), labels,
                SystemJobSettings.DEFAULT, registry, log, fraction -> { });
        SystemRun found = SystemJob.detect(built.model(), newFrame, null, labels, log);
        found.events();                                          // {start, end, duration, peak indicator, diagnostics}
        found.metrics();                                         // Lookout's model metrics against the labelled ranges
        // README system-driven snippet ends
        return found;
    }

    /** The detector's snippet on {@code frame}; returns what it found. */
    public static SystemDetection detector(TimeFrame frame, JobLog log) {
        // README system-detector snippet begins
        // dev.vigil.system.{SystemDetector, SystemDetection, IndicatorCalibration}, dev.vigil.spi.SystemProblem,
        // dev.vigil.spi.frame.RowSet, dev.vigil.io.model.SystemModelFiles
        PluginRegistry registry = PluginRegistry.load();
        List<String> signals = List.of("motor\\current", "pump\\flow", "pump\\outlet_pressure");
        SystemProblem problem = new SystemProblem(frame, signals, RowSet.range(0, 2_500), Map.of(), 42, registry, log);
        SystemDetector detector = SystemDetector.build(registry.systemModel("cross-regression"), problem, IndicatorCalibration.Settings.DEFAULT);
        SystemDetection found = detector.detect(frame);          // score, anomaly indicator (> 1 ⇔ anomalous), severity
        found.contributions();                                   // for each anomalous row, each signal's share (summing to 1)
        SystemModelFiles.write(detector, Path.of("machine.model.json"));
        // README system-detector snippet ends
        return found;
    }
}
