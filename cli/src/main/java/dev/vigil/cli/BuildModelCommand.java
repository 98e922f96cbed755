package dev.vigil.cli;

import com.google.inject.Inject;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.DataFiles;
import dev.vigil.io.OutputFiles;
import dev.vigil.io.report.JobReport;
import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.BuildResult;
import dev.vigil.rca.RootCauseAnalysis;
import dev.vigil.spi.ReadResult;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.spi.settings.DataSettings;
import dev.vigil.spi.settings.DomainSpecific;
import dev.vigil.spi.settings.JobSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil build-model}: learn normal and anomalous behaviour on the in-sample rows. */
@Command(name = "build-model",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Build a model of the KPI's normal behaviour from its influencers, and of how its residual behaves "
                + "from each detection perspective, on the in-sample rows; then apply it to those rows.",
            "Prints the model and the anomalies found in-sample; writes the model (--model-out), the results table "
                + "(--table-out) and a JSON report (--json-out)."})
final class BuildModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Inject
    DataFiles files;

    @Inject
    PluginRegistry registry;


    @Mixin
    DataOptions input;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON configuration in TIM's shape.")
    Path config;

    @Option(names = "--kpi", paramLabel = "COL", description = "The KPI column (default: the configuration's KPIColumn, else the first column).")
    String kpi;

    @Option(names = "--label", paramLabel = "COL", description = "Column marking known anomalies (1) and normal rows (0): adds error measures.")
    String label;

    @Option(names = "--exclude", paramLabel = "COL", split = ",", description = "Columns never to use as influencers (comma-separated).")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--perspectives", paramLabel = "NAME", split = ",",
            description = "Detection perspectives, by name (comma-separated; default: the configuration's, else Residual,Imbalance).")
    List<String> perspectives = new ArrayList<>();

    @Option(names = "--sensitivity", paramLabel = "PERCENT",
            description = "Share of in-sample rows each perspective flags, 0 to 100 (default: detected automatically between 0 and 5).")
    Double sensitivity;

    @Option(names = "--model-out", paramLabel = "FILE", description = "Write the model (JSON) here.")
    Path modelOut;

    @Mixin
    OutputOptions output;

    @Option(names = "--importances-out", paramLabel = "FILE",
            description = "Write TIM's properties (name, importance, rel_importance, dataFrom, dataTo) and features (model, term, feature, importance, "
                    + "beta) tables: one JSON file (.json), or two CSV files (FILE and FILE-features.csv).")
    Path importancesOut;

    @Override
    public Integer call() throws Exception {
        List<OutputFiles.Target> targets = new ArrayList<>(ImportanceFiles.targets(importancesOut));
        targets.addAll(JobReport.targets(modelOut, output.tableOut, output.jsonOut));
        try (OutputFiles outputs = Outputs.plan(files, Arrays.asList(input.dataFile, config), targets, output.tableOut)) {
            return run(outputs);
        }
    }

    private int run(OutputFiles outputs) {
        JobLog readLog = new JobLog();
        JobSettings settings = input.settings(config, readLog);
        DataSettings data = input.applyRows(settings.data());
        if (kpi != null) {
            data = data.withKpiColumn(kpi);
        }
        if (label != null) {
            data = data.withLabelColumn(label);
        }
        settings = settings.withData(data);
        if (!perspectives.isEmpty() || sensitivity != null) {
            List<DomainSpecific> ds = new ArrayList<>();
            List<String> names = perspectives.isEmpty()
                    ? settings.configuration().domainSpecifics().stream().map(DomainSpecific::perspective).toList() : perspectives;
            for (String name : names) {
                ds.add(sensitivity == null ? DomainSpecific.auto(name) : new DomainSpecific(name, OptionalDouble.of(sensitivity), 0, 5));
            }
            settings = settings.withConfiguration(settings.configuration().withDomainSpecifics(ds));
        }
        ReadResult read = input.readFile(files, data.columnRoles(), readLog);
        TimeFrame raw = read.frame();
        if (data.kpiColumn() == null && !read.dropped().isEmpty() && raw.columnCount() > 0) {
            // the default KPI is the first column kept: a text column before it would shift it without a word
            readLog.warning("Data", "No KPI is named (--kpi, or KPIColumn in the configuration), so the KPI is '" + raw.columnNames().get(0)
                    + "', the first numeric column, not necessarily the file's first value column: " + String.join(", ", read.dropped())
                    + (read.dropped().size() == 1 ? " was" : " were") + " left out as not numeric. Name the KPI with --kpi.");
        }
        AnomalyDetector.Builder builder = AnomalyDetector.builder().settings(settings).exclude(exclude).registry(registry);
        boolean namesFromConfig = config != null && perspectives.isEmpty();
        AnomalyDetector detector = namesFromConfig ? VigilCommand.resolvingPluginsOf(config, builder::build) : builder.build();
        ProgressBar bar = ProgressBar.on(spec.commandLine().getErr());
        BuildResult built;
        try {
            built = detector.build(raw, bar);
        } finally {
            bar.finish();
        }
        List<LogEntry> logs = new ArrayList<>(readLog.entries());
        logs.addAll(built.inSample().logs());
        JobOutput report = JobOutput.of("build-model", built.model(), built.inSample(), logs, true, raw,
                built.model().settings().data().rows());
        List<String> written = new ArrayList<>(Written.lines(modelOut, output.tableOut, output.jsonOut));
        if (importancesOut != null) {
            written.addAll(ImportanceFiles.stage(outputs, RootCauseAnalysis.of(built.model()).importances(), importancesOut));
        }
        report.report().stage(outputs, files, modelOut, output.tableOut, output.jsonOut); // the model last
        outputs.commit();
        report.print(spec.commandLine().getOut(), written);
        return 0;
    }
}
