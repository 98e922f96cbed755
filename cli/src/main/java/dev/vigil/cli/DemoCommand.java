package dev.vigil.cli;

import com.google.inject.Inject;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.DataFiles;
import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.BuildResult;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.evaluation.HoldOut;
import dev.vigil.io.AtomicFiles;
import dev.vigil.io.OutputFiles;
import dev.vigil.io.report.JobReport;
import dev.vigil.rca.RootCauseAnalysis;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil demo}: the whole KPI-driven workflow on a bundled production line, in one command.
 * The data (four hours of a three-machine extrusion line, one row a second, with a label column
 * marking two sensor spikes, a die build-up, unstable melt flow and another spike in the last third)
 * were made by {@code ProductionLineGenerator} of vigil-testing: no third-party data.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Build a model on the first two thirds of a bundled production line (made by Vigil's seeded generator, "
                + "with known anomalies), detect on the last third, and print the anomalies and the AUC against the known ones.",
            "Writes the data, the model, the results table, a JSON report, the HTML report (report.html: the pictures, open it in "
                + "a browser) and a summary to the output folder, so that every step can be rerun with build-model and detect.",
            "With --approach system-driven: a bundled pump (eight signals, generated with known faults) instead, in its own folder "
                + "(vigil-demo-system); prints the events with the signals that drove them and the event metrics against the faults."})
final class DemoCommand implements Callable<Integer> {
    static final String DATA = "demo/production_line.csv.gz";
    static final int ROWS = 14_400;
    /** The share of the rows the model is built on; it detects on the rest. */
    static final double IN_SAMPLE = 2.0 / 3;
    /** The HTML report's name in the output folder, for both approaches. */
    static final String REPORT = "report.html";
    /** The default output folders: one per approach, so that running both demos keeps both (the README's next commands read them). */
    static final Path KPI_FOLDER = Path.of("vigil-demo");
    static final Path SYSTEM_FOLDER = Path.of("vigil-demo-system");

    @Spec
    CommandSpec spec;

    @Inject
    DataFiles files;

    @Inject
    PluginRegistry registry;


    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder for the outputs (default: vigil-demo, or vigil-demo-system with --approach system-driven).")
    Path out;

    @Option(names = "--approach", paramLabel = "APPROACH", defaultValue = "kpi-driven",
            description = "kpi-driven (default: the production line's Output judged from its influencers) or system-driven (a pump's "
                    + "signals judged together: events with the signals that drove them, and the event metrics).")
    String approach;

    @Mixin
    ReportOptions reportOptions;

    /** The output folder: --out, else the approach's own default folder. */
    Path folder() {
        return out != null ? out : Approach.of(approach) == Approach.SYSTEM_DRIVEN ? SYSTEM_FOLDER : KPI_FOLDER;
    }

    /** Where the HTML report goes: {@code --report-out}, else {@code report.html} in the output folder. */
    private Path htmlPath() {
        return reportOptions.reportOut != null ? reportOptions.reportOut : out.resolve(REPORT);
    }

    @Override
    public Integer call() throws IOException {
        boolean system = Approach.of(approach) == Approach.SYSTEM_DRIVEN;
        out = folder();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--out " + out + " is a file; give a folder");
        }
        if (system) {
            ProgressBar bar = ProgressBar.on(spec.commandLine().getErr());
            String summary;
            try {
                summary = SystemDemo.run(out, files, registry, f -> bar.progress("Fitting", f), HtmlReports.command(spec), htmlPath());
            } finally {
                bar.finish();
            }
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(summary);
            stdout.flush();
            return 0;
        }
        Path data = out.resolve("production_line.csv");
        Path model = out.resolve("model.json");
        Path table = out.resolve("results.csv");
        Path json = out.resolve("report.json");
        Path summary = out.resolve("summary.txt");
        Path html = htmlPath();
        List<OutputFiles.Target> targets = new ArrayList<>(JobReport.targets(model, table, json).stream()
                .map(t -> new OutputFiles.Target(t.what(), "--out", t.path())).toList());
        targets.add(new OutputFiles.Target("the summary", "--out", summary));
        targets.add(new OutputFiles.Target("the HTML report", reportOptions.reportOut == null ? "--out" : "--report-out", html)); // same as staged
        try (OutputFiles outputs = OutputFiles.plan(targets)) {
            return run(outputs, data, model, table, json, summary, html);
        }
    }

    /**
     * The end of a demo's "Files in" list: the HTML report (in the list when it is in the folder, else after it with its own
     * path) and the summary.
     */
    static void filesEnd(PrintWriter w, Path out, Path report) {
        String pictures = "the pictures: open it in a browser (works offline)";
        boolean inside = out.toAbsolutePath().normalize().equals(report.toAbsolutePath().normalize().getParent());
        if (inside) {
            w.println("  " + String.format(java.util.Locale.ROOT, "%-24s", report.getFileName()) + pictures);
        }
        w.println("  summary.txt             this summary");
        if (!inside) {
            w.println("The HTML report: " + report + ", " + pictures);
        }
    }

    private int run(OutputFiles outputs, Path data, Path model, Path table, Path json, Path summary, Path html) throws IOException {
        byte[] csv;
        try (InputStream in = DemoCommand.class.getResourceAsStream(DATA)) {
            if (in == null) {
                throw new VigilException(ErrorCode.INTERNAL, "The bundled demo data " + DATA + " are missing from this build");
            }
            csv = new GZIPInputStream(in).readAllBytes();
        }
        AtomicFiles.writeBytes(data, o -> o.write(csv));
        JobLog readLog = new JobLog();
        TimeFrame raw = files.read(data, ReadOptions.DEFAULT, readLog);
        ProgressBar bar = ProgressBar.on(spec.commandLine().getErr());
        HoldOut run;
        try {
            run = HoldOut.run(AnomalyDetector.builder().kpi("Output").label("label").registry(registry), raw, IN_SAMPLE, bar);
        } finally {
            bar.finish();
        }
        BuildResult built = run.built();
        DetectionResult found = run.detected();
        List<LogEntry> logs = new ArrayList<>(readLog.entries());
        logs.addAll(built.inSample().logs());
        logs.addAll(found.logs());
        JobOutput report = JobOutput.of("detect", built.model(), found, logs, false, raw, run.detectedRows());
        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text);
        w.printf("Vigil demo: a production line's Output, judged by its %d influencers.%n", built.model().settings().data().columns().size());
        w.printf("Model built on the first %,d rows (%s to %s); the last %,d rows are detected.%n%n", built.inSample().rows(),
                built.model().inSampleFrom(), built.model().inSampleTo(), found.rows());
        report.print(w, List.of());
        w.println();
        w.println("Files in " + out + ":");
        w.println("  production_line.csv     the data (label column: the injected anomalies)");
        w.println("  model.json              the model; try: vigil detect --model " + model + " --data " + data);
        w.println("  results.csv             timestamp, model_index, kpi, normal_behavior, anomaly_code, anomaly_indicator_*");
        w.println("  results.csv.vigil.json  what made results.csv (model, data, checksums), checked by vigil evaluate --model");
        w.println("  report.json             logs, perspectives, error measures, the anomaly list and each anomaly's root causes");
        filesEnd(w, out, html);
        found.anomalies().stream()
                .max(java.util.Comparator.comparingDouble(a -> a.indicators().values().stream().mapToDouble(Double::doubleValue).max().orElse(0)))
                .ifPresent(a -> w.println("What moved the normal behaviour at the strongest anomaly: vigil rca --model " + model + " --data "
                        + data + " --at " + a.timestamp()));
        w.flush();
        String written = text.toString();
        outputs.stage(new OutputFiles.Target("the summary", "--out", summary), p -> Files.writeString(p, written));
        OutputFiles.Target htmlTarget = new OutputFiles.Target("the HTML report", reportOptions.reportOut == null ? "--out" : "--report-out", html);
        HtmlReports.stage(outputs, htmlTarget, HtmlReports.kpi(HtmlReports.command(spec), model, data, built.model(), built.inSample(), found,
                RootCauseAnalysis.of(built.model()).decompose(raw, null), logs).title("Vigil demo: a production line's Output"));
        report.write(outputs, files, model, table, json);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(written);
        stdout.flush();
        return 0;
    }
}
