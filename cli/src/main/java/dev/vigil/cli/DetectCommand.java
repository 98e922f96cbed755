package dev.vigil.cli;

import com.google.inject.Inject;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.DataFiles;
import dev.vigil.io.OutputFiles;
import dev.vigil.rca.RootCauseAnalysis;
import dev.vigil.io.report.JobReport;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.evaluation.system.SystemJob;
import dev.vigil.evaluation.system.SystemJobModel;
import dev.vigil.evaluation.system.SystemRun;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.io.model.SystemModelFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil detect}: apply a stored model to data, without re-fitting anything; the model file says
 * which approach it holds (a system-driven one is run by vigil-evaluation's {@code SystemJob}).
 */
@Command(name = "detect",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Apply a stored model to data: normal behaviour, anomaly indicators and codes for the selected rows "
                + "(default: the rows after the model's in-sample period, or all rows). Rows before them warm up lags and windows.",
            "Nothing is re-fitted: the same model and data give the same results, to the last bit, in any process."})
final class DetectCommand implements Callable<Integer> {
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

    @Mixin
    OutputOptions output;

    @Mixin
    SystemOptions system;

    @Mixin
    ReportOptions html;

    @Override
    public Integer call() throws Exception {
        if (SystemModelFiles.APPROACH.equals(ModelFiles.approach(model))) {
            return detectSystem();
        }
        Approach.refuse(spec, "system-driven models (" + model + " holds a kpi-driven one)", "--labels", "--events-out", "--diagnostics-out", "--results-out",
                "--contributions", "--layout", "--align", "--fill", "--padding", "--round-to",
                "--component-delimiter", "--schema");
        List<OutputFiles.Target> targets = new ArrayList<>(JobReport.targets(null, output.tableOut, output.jsonOut));
        targets.add(html.target());
        try (OutputFiles outputs = Outputs.plan(files, Arrays.asList(input.dataFile, model), targets, output.tableOut)) {
            return run(outputs);
        }
    }

    private int run(OutputFiles outputs) {
        DetectionModel m = VigilCommand.readModel(model, registry);
        JobLog readLog = new JobLog();
        TimeFrame raw = input.read(files, required(m), readLog);
        ProgressBar bar = ProgressBar.on(spec.commandLine().getErr());
        DetectionResult result;
        try {
            result = m.detect(raw, input.rowSelection(), bar);
        } finally {
            bar.finish();
        }
        List<LogEntry> logs = new ArrayList<>(readLog.entries());
        logs.addAll(result.logs());
        JobOutput report = JobOutput.of("detect", m, result, logs, false, raw, input.rowSelection());
        if (html.reportOut != null) {
            HtmlReports.stage(outputs, html.target(), HtmlReports.kpi(HtmlReports.command(spec), model, input.dataFile, m, null, result,
                    RootCauseAnalysis.of(m).decompose(raw, input.rowSelection()), logs));
        }
        report.write(outputs, files, null, output.tableOut, output.jsonOut);
        List<String> written = new ArrayList<>(Written.lines(null, output.tableOut, output.jsonOut));
        Written.html(written, html.reportOut);
        report.print(spec.commandLine().getOut(), written);
        return 0;
    }

    private int detectSystem() {
        List<OutputFiles.Target> targets = new ArrayList<>(SystemJobs.targets(null, output.tableOut, output.jsonOut, system));
        targets.add(html.target());
        try (OutputFiles outputs = Outputs.plan(files, Arrays.asList(input.dataFile, model, system.labels), targets, output.tableOut)) {
            return detectSystem(outputs);
        }
    }

    private int detectSystem(OutputFiles outputs) {
        SystemJobModel m = VigilCommand.resolvingPluginsOf(model, () -> SystemJobModel.read(model, registry));
        JobLog log = new JobLog();
        SystemJobs.Data data = SystemJobs.read(files, input, system.layout, log);
        SystemRun run = SystemJob.detect(m, data.frame(), input.rowSelection(), SystemJobs.labels(system.labels, input, log), log);
        if (html.reportOut != null) { // staged first: the results and events follow, as in build-model
            HtmlReports.stage(outputs, html.target(), HtmlReports.system(HtmlReports.command(spec), model, input.dataFile, run, data.frame()));
        }
        List<String> written = new ArrayList<>(SystemJobs.stage(outputs, run, "detect", files, model, null, output.tableOut, output.jsonOut,
                system));
        outputs.commit();
        Written.html(written, html.reportOut);
        SystemJobs.print(run, "Detected", spec.commandLine().getOut(), written);
        return 0;
    }

    /** The model's columns (and its label column, which is optional here) with their roles. */
    static Map<String, String> required(DetectionModel model) {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put(model.kpi(), "KPI column");
        model.requiredColumns().stream().skip(1).forEach(c -> roles.put(c, "column the model uses"));
        return roles;
    }
}
