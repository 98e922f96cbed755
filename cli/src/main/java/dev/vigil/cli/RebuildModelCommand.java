package dev.vigil.cli;

import com.google.inject.Inject;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.DataFiles;
import dev.vigil.io.OutputFiles;
import dev.vigil.io.report.JobReport;
import dev.vigil.core.detection.BuildResult;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.spi.settings.DomainSpecific;
import dev.vigil.spi.settings.RebuildType;
import dev.vigil.spi.settings.RowSelection;
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

/** {@code vigil rebuild-model}: refresh part of a stored model on new data. */
@Command(name = "rebuild-model",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Refresh part of a stored model on new data (default: all its rows) and apply the new model to them.",
            "Rebuild types (--rebuild-type):",
            "  DomainSpecifics         keep both models; recompute each perspective's threshold for its (new) sensitivity",
            "  AnomalousBehaviorModel  keep the normal behaviour; refit each perspective's density and threshold",
            "  All                     rebuild both from scratch with the model's settings",
            "Only the domainSpecifics of --config apply, when it lists them; the other settings stay the model's."})
final class RebuildModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Inject
    DataFiles files;

    @Inject
    PluginRegistry registry;


    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file to rebuild.")
    Path model;

    @Option(names = "--rebuild-type", required = true, paramLabel = "TYPE",
            description = "What to refresh: ${COMPLETION-CANDIDATES}.")
    RebuildType type;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON configuration whose domainSpecifics, if it lists any, replace the model's.")
    Path config;

    @Mixin
    DataOptions input;

    @Option(names = "--model-out", paramLabel = "FILE", description = "Write the rebuilt model here (never over --model).")
    Path modelOut;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        try (OutputFiles outputs = Outputs.plan(files, Arrays.asList(input.dataFile, model, config),
                JobReport.targets(modelOut, output.tableOut, output.jsonOut), output.tableOut)) {
            return run(outputs);
        }
    }

    private int run(OutputFiles outputs) {
        DetectionModel m = VigilCommand.readModel(model, registry);
        JobLog readLog = new JobLog();
        List<DomainSpecific> ds = input.domainSpecifics(config, readLog);
        if (config != null && ds == null) {
            readLog.info("Validation", config + " lists no configuration.domainSpecifics; the model's perspectives and sensitivities stay.");
        }
        TimeFrame raw = input.read(files, type == RebuildType.All ? m.settings().data().columnRoles() : DetectCommand.required(m),
                readLog);
        ProgressBar bar = ProgressBar.on(spec.commandLine().getErr());
        BuildResult rebuilt;
        try {
            // type All resolves the perspectives --config names (without them, the model's, resolved when it was read)
            rebuilt = VigilCommand.resolvingPluginsOf(ds == null ? model : config,
                    () -> m.rebuild(raw, type, input.rowSelection(), ds, bar));
        } finally {
            bar.finish();
        }
        List<LogEntry> logs = new ArrayList<>(readLog.entries());
        logs.addAll(rebuilt.inSample().logs());
        RowSelection rows = input.rowSelection();
        JobOutput report = JobOutput.of("rebuild-model", rebuilt.model(), rebuilt.inSample(), logs, type == RebuildType.All, raw,
                rows == null ? RowSelection.all() : rows);
        report.write(outputs, files, modelOut, output.tableOut, output.jsonOut);
        report.print(spec.commandLine().getOut(), Written.lines(modelOut, output.tableOut, output.jsonOut));
        return 0;
    }
}
