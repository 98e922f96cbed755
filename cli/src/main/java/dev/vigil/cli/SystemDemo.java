package dev.vigil.cli;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.core.quality.DataQuality;
import dev.vigil.core.quality.QualityInput;
import dev.vigil.core.quality.QualitySource;
import dev.vigil.evaluation.system.SystemJob;
import dev.vigil.evaluation.system.SystemJobSettings;
import dev.vigil.evaluation.system.SystemRun;
import dev.vigil.io.AtomicFiles;
import dev.vigil.io.DataFiles;
import dev.vigil.io.labels.LabelRange;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.io.report.ResultsRecord;
import dev.vigil.io.labels.LabelRanges;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleConsumer;
import java.util.zip.GZIPInputStream;

/**
 * {@code vigil demo --approach system-driven}: a pump's eight signals (motor, pump, bearing), made by
 * vigil-testing's {@code SystemDataGenerator} (seed 2026, bundled): a model built on the clean first half,
 * detect on the second, where a broken relation, a stuck sensor, a drift and a spike were put, with a normal
 * change of operating mode among them. Prints the events with their top signals and the event metrics.
 */
final class SystemDemo {
    static final String DATA = "demo/machine.csv.gz";
    static final String LABELS = "demo/machine-labels.csv";
    /** The rows of the bundled machine; the model is built on the first half. */
    static final int ROWS = 5000;

    private SystemDemo() {
    }

    static String run(Path out, DataFiles files, PluginRegistry registry, DoubleConsumer progress, String command, Path report) throws IOException {
        Path data = out.resolve("machine.csv");
        Path labelsFile = out.resolve("labels.csv");
        byte[] csv = resource(DATA, true);
        byte[] labelBytes = resource(LABELS, false);
        AtomicFiles.writeBytes(data, o -> o.write(csv));
        AtomicFiles.writeBytes(labelsFile, o -> o.write(labelBytes));
        JobLog log = new JobLog();
        TimeFrame frame = files.read(data, ReadOptions.DEFAULT, log);
        LabelRanges labels = LabelRanges.read(labelsFile, java.time.ZoneOffset.UTC, log);
        RowSelection training = RowSelection.first(ROWS / 2, RowUnit.Sample);
        SystemRun built = SystemJob.build(frame, training, List.of(), labels, SystemJobSettings.DEFAULT,
                registry, log, progress);
        Path model = out.resolve("model.json");
        built.model().write(model);
        JobLog detectLog = new JobLog();
        SystemRun found = SystemJob.detect(built.model(), frame, null, labels, detectLog);
        Path table = out.resolve("results.csv");
        Path events = out.resolve("events.json");
        Path diagnostics = out.resolve("diagnostics.jsonl");
        files.write(found.table(false), table);
        ResultsRecord.write(table, "detect", ModelFiles.checksumOf(model));
        found.writeEvents(events);
        found.writeDiagnostics(diagnostics);
        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text);
        w.printf(Locale.ROOT, "Vigil demo, system-driven: a pump's %d signals judged together, no KPI.%n",
                built.model().detector().model().signals().size());
        w.printf(Locale.ROOT, "Model (%s) built on the first %,d rows; the last %,d rows are detected. Faults put into them:%n",
                built.model().detector().model().factory(), built.fitRows(), found.detection().rows());
        for (LabelRange r : labels.ranges()) {
            w.printf(Locale.ROOT, "  %s to %s  %s%n", java.time.Instant.ofEpochMilli(r.start()), java.time.Instant.ofEpochMilli(r.end()), r.label());
        }
        w.println();
        SystemJobs.print(found, "Detected", w, List.of());
        w.println();
        w.println("Files in " + out + ":");
        w.println("  machine.csv             the signals (component\\tag)");
        w.println("  labels.csv              the faults as labelled ranges (start,end,label)");
        w.println("  model.json              the model; try: vigil detect --model " + model + " --data " + data + " --labels " + labelsFile
                + " --events-out events.json");
        w.println("  results.csv             timestamp, label, anomaly_code, anomaly_indicator, score, severity");
        w.println("  results.csv.vigil.json  what made results.csv (model, data, checksums), checked by vigil evaluate --model");
        w.println("  events.json             the events with their diagnostics, and Lookout's model metrics");
        w.println("  diagnostics.jsonl       one line per anomalous row: the signals' shares, summing to 1");
        DemoCommand.filesEnd(w, out, report);
        w.flush();
        String written = text.toString();
        HtmlReports.system(command, model, data, found, frame).title("Vigil demo: a pump's signals, system-driven")
                .quality(DataQuality.assess(SystemJobs.trainingRows(new SystemJobs.Data(frame, QualityInput.of(QualitySource.of("", frame))),
                        training, log))).build().write(report);
        AtomicFiles.writeText(out.resolve("summary.txt"), o -> o.write(written));
        return written;
    }

    private static byte[] resource(String name, boolean gzip) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new VigilException(ErrorCode.INTERNAL, "The bundled demo data " + name + " are missing from this build");
            }
            return gzip ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
        }
    }
}
