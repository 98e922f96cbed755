package dev.vigil.cli;

import com.google.inject.Inject;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.DataFiles;
import dev.vigil.io.OutputFiles;
import dev.vigil.io.report.JobReport;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
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

/** {@code vigil detect}: apply a stored model to data, without re-fitting anything. */
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


    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by build-model or rebuild-model.")
    Path model;

    @Mixin
    DataOptions input;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        try (OutputFiles outputs = Outputs.plan(files, Arrays.asList(input.dataFile, model),
                JobReport.targets(null, output.tableOut, output.jsonOut), output.tableOut)) {
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
        report.write(outputs, files, null, output.tableOut, output.jsonOut);
        report.print(spec.commandLine().getOut(), Written.lines(null, output.tableOut, output.jsonOut));
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
