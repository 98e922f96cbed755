package dev.vigil.cli;

import com.google.inject.Inject;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.evaluation.system.SystemJob;
import dev.vigil.evaluation.system.SystemJobModel;
import dev.vigil.evaluation.system.SystemRun;
import dev.vigil.io.DataFiles;
import dev.vigil.io.OutputFiles;
import dev.vigil.io.labels.LabelRanges;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.io.model.SystemModelFiles;
import dev.vigil.rca.RootCauseAnalysis;
import dev.vigil.report.Report;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.spi.settings.RowSelection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil report}: a stored model applied to data, and what it found drawn in one offline HTML file
 * (vigil-report): detection and root causes for a kpi-driven model, events and their signals for a
 * system-driven one, and the evaluation when there are labels.
 */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Apply a stored model to data and draw what it found in one HTML file that works offline (the charting library "
                + "is inlined; nothing is fetched): open it in any browser.",
            "Kpi-driven: the KPI against its normal behaviour (in-sample rows shaded, when the data cover them), one anomaly-indicator "
                + "panel per perspective with the threshold at 1, zoomed together; the predictor and feature importances; the anomaly "
                + "list, sortable, where a click shows what moved the normal behaviour at that row and around it.",
            "System-driven: the anomaly indicator and the top signals with the labelled ranges and the detected events as ribbons; "
                + "each event's diagnostics by signal and by component; histograms of the top signals in normal and anomalous rows.",
            "With labels (the model's label column in the data, or --labels): the confusion matrix, the ROC curve with its AUC, and "
                + "the labelled events caught or missed with their delays.",
            "Long series are thinned to about 3,000 points keeping every bucket's lowest and highest value, so spikes stay visible "
                + "and a million rows make a report of about 3 MB. The same report comes from --report-out on build-model, detect, rca, "
                + "evaluate, tune and demo."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Inject
    DataFiles files;

    @Inject
    PluginRegistry registry;

    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "Model file written by build-model or rebuild-model, kpi-driven or system-driven (the file says which).")
    Path model;

    @Mixin
    DataOptions input;

    @Option(names = "--labels", paramLabel = "RANGES.csv",
            description = "Labelled ranges (start,end[,label] per line, Lookout's label files): a row is labelled 1 when its timestamp "
                    + "lies in a range, else 0. Kpi-driven models otherwise use their label column when the data have it.")
    Path labels;

    @Mixin
    LayoutCliOptions layout;

    @Option(names = "--out", required = true, paramLabel = "FILE.html", description = "Where to write the report.")
    Path out;

    @Override
    public Integer call() {
        OutputFiles.Target target = new OutputFiles.Target("the HTML report", "--out", out);
        try (OutputFiles outputs = Outputs.plan(files, Arrays.asList(input.dataFile, model, labels), List.of(target))) {
            return run(outputs, target);
        }
    }

    private int run(OutputFiles outputs, OutputFiles.Target target) {
        Report.Builder report;
        String summary;
        JobLog log = new JobLog();
        LabelRanges ranges = SystemJobs.labels(labels, input, log);
        if (SystemModelFiles.APPROACH.equals(ModelFiles.approach(model))) {
            SystemJobModel m = VigilCommand.resolvingPluginsOf(model, () -> SystemJobModel.read(model, registry));
            SystemJobs.Data data = SystemJobs.read(files, input, layout, log);
            SystemRun run = SystemJob.detect(m, data.frame(), input.rowSelection(), ranges, log);
            report = HtmlReports.system(HtmlReports.command(spec), model, input.dataFile, run, data.frame());
            summary = String.format(java.util.Locale.ROOT, "%,d rows, %,d anomalous, %,d events", run.detection().rows(), run.anomalies(),
                    run.events().size());
        } else {
            DetectionModel m = VigilCommand.readModel(model, registry);
            TimeFrame raw = input.read(files, DetectCommand.required(m), log);
            if (ranges != null) {
                ranges.overlapsData(raw.times(), log);
            }
            ProgressBar bar = ProgressBar.on(spec.commandLine().getErr());
            DetectionResult detected;
            try {
                detected = withLabels(m.detect(raw, input.rowSelection(), bar), ranges);
            } finally {
                bar.finish();
            }
            DetectionResult inSample = input.rowSelection() == null ? inSample(m, raw, ranges) : null;
            List<LogEntry> logs = new ArrayList<>(log.entries());
            if (inSample != null) {
                logs.addAll(inSample.logs());
            }
            logs.addAll(detected.logs());
            report = HtmlReports.kpi(HtmlReports.command(spec), model, input.dataFile, m, inSample, detected,
                    RootCauseAnalysis.of(m).decompose(raw, input.rowSelection()), logs);
            summary = String.format(java.util.Locale.ROOT, "%,d rows detected%s, %,d anomalous", detected.rows(),
                    inSample == null ? "" : " and " + String.format(java.util.Locale.ROOT, "%,d", inSample.rows()) + " in-sample",
                    detected.anomalies().size() + (inSample == null ? 0 : inSample.anomalies().size()));
        }
        HtmlReports.stage(outputs, target, report);
        outputs.commit();
        Notices.print(log.entries(), spec.commandLine().getErr());
        PrintWriter w = spec.commandLine().getOut();
        w.println("Wrote the HTML report to " + out + " (" + summary + ").");
        w.flush();
        return 0;
    }

    /** The model's in-sample rows of the data, detected again, or null when the data do not cover them. */
    private static DetectionResult inSample(DetectionModel m, TimeFrame raw, LabelRanges ranges) {
        if (raw.rows() == 0 || raw.time(0) > m.inSampleFrom().toEpochMilli() || m.inSampleTo() == null) {
            return null;
        }
        try {
            return withLabels(m.detect(raw, RowSelection.ranges(List.of(new RowSelection.TimeRange(m.inSampleFrom(), m.inSampleTo())))),
                    ranges);
        } catch (VigilException e) {
            return null;
        }
    }

    /** The result with the labelled ranges as its labels, when there are ranges. */
    private static DetectionResult withLabels(DetectionResult r, LabelRanges ranges) {
        if (ranges == null) {
            return r;
        }
        boolean[] mask = ranges.mask(r.table().times());
        double[] l = new double[mask.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = mask[i] ? 1 : 0;
        }
        return new DetectionResult(r.table(), r.logs(), r.perspectives(), l);
    }
}
