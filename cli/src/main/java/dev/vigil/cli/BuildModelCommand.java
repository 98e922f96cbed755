package dev.vigil.cli;

import dev.vigil.core.quality.DataQualityReport;
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
import dev.vigil.core.prepare.OffCondition;
import dev.vigil.evaluation.system.EventRules;
import dev.vigil.evaluation.system.SystemJob;
import dev.vigil.evaluation.system.SystemJobSettings;
import dev.vigil.evaluation.system.SystemRun;
import dev.vigil.io.labels.LabelRanges;
import dev.vigil.io.layout.Tags;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.system.IndicatorCalibration;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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

/**
 * {@code vigil build-model}: learn normal and anomalous behaviour on the in-sample rows: a KPI's
 * (kpi-driven, the default) or a machine's signals together ({@code --approach system-driven}, run by
 * vigil-evaluation's {@code SystemJob}).
 */
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


    @Option(names = "--approach", paramLabel = "APPROACH", defaultValue = "kpi-driven",
            description = "kpi-driven (default: one KPI judged from its influencers) or system-driven (every signal judged together, "
                    + "no KPI; docs/system-driven.md).")
    String approach;

    @Mixin
    DataOptions input;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON configuration in TIM's shape.")
    Path config;

    @Option(names = "--kpi", paramLabel = "COL", description = "The KPI column (default: the configuration's KPIColumn, else the first column).")
    String kpi;

    @Option(names = "--label", paramLabel = "COL", description = "Column marking known anomalies (1) and normal rows (0): never an influencer; adds error measures. A 0/1 column named label or anomaly left unnamed is used as an influencer, with a warning.")
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

    @Option(names = "--model", paramLabel = "NAME",
            description = "System-driven: the model, by name: cross-regression (default), eif, mset, pca, or a plugin's.")
    String model;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "System-driven: a parameter of the model (repeatable), e.g. --param maxLag=3 --param numberOfTrees=200.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--tags", paramLabel = "TAGS.csv",
            description = "System-driven: a tags description (Tag,UOM,Subsystem or Tag,Component): contributions are also summed per "
                    + "subsystem. A tag naming no signal is refused.")
    Path tags;

    @Option(names = "--off-time", paramLabel = "SIGNAL<VALUE",
            description = "System-driven: when the machine is off (SIGNAL<VALUE or SIGNAL>VALUE, e.g. 'pump\\Sensor13<4000'): those rows "
                    + "are left out of training and never flagged, here and wherever the model detects.")
    String offTime;

    @Option(names = "--window", paramLabel = "ROWS",
            description = "System-driven: TIM's anomalyIndicatorWindow, the rows the score is averaged over (default 1: no smoothing).")
    Integer window;

    @Option(names = "--event-gap", paramLabel = "ROWS",
            description = "System-driven: normal rows an event may span (default 5; 0 joins only consecutive anomalous rows, Lookout's rule).")
    Integer eventGap;

    @Option(names = "--min-event-duration", paramLabel = "PERIOD",
            description = "System-driven: drop events shorter than this ISO 8601 period (e.g. PT5M; default: keep every event).")
    String minEventDuration;

    @Option(names = "--top-contributors", paramLabel = "K",
            description = "System-driven: how many signals Azure's interpretation lists for each anomaly and event, 1 to 30 (default 10, "
                    + "Azure's topContributorCount); kept in the model for detect.")
    Integer topContributors;

    @Option(names = "--seed", paramLabel = "N", description = "System-driven: the seed of the model's random choices (default 42).")
    Long seed;

    @Mixin
    SystemOptions system;

    @Mixin
    ReportOptions html;

    @Option(names = "--importances-out", paramLabel = "FILE",
            description = "Write TIM's properties (name, importance, rel_importance, dataFrom, dataTo) and features (model, term, feature, importance, "
                    + "beta) tables: one JSON file (.json), or two CSV files (FILE and FILE-features.csv).")
    Path importancesOut;

    @Override
    public Integer call() throws Exception {
        if (Approach.of(approach) == Approach.SYSTEM_DRIVEN) {
            Approach.refuse(spec, "kpi-driven models", "--config", "--kpi", "--perspectives", "--importances-out");
            return buildSystem();
        }
        Approach.refuse(spec, "--approach system-driven", "--model", "--param", "--tags", "--off-time", "--window", "--event-gap",
                "--min-event-duration", "--seed", "--labels", "--events-out", "--diagnostics-out", "--results-out", "--top-contributors",
                "--contributions", "--layout", "--align", "--fill", "--padding", "--round-to", "--component-delimiter", "--schema");
        List<OutputFiles.Target> targets = new ArrayList<>(ImportanceFiles.targets(importancesOut));
        targets.addAll(JobReport.targets(modelOut, output.tableOut, output.jsonOut));
        targets.add(html.target());
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
        if (html.reportOut != null) {
            HtmlReports.stage(outputs, html.target(), HtmlReports.kpi(HtmlReports.command(spec), modelOut, input.dataFile, built.model(),
                    built.inSample(), null, RootCauseAnalysis.of(built.model()).decompose(raw, built.model().settings().data().rows()), logs));
            Written.html(written, html.reportOut);
        }
        report.report().stage(outputs, files, modelOut, output.tableOut, output.jsonOut); // the model last
        outputs.commit();
        if (data.kpiColumn() == null && raw.columnCount() > 1) {
            // TIM's default (the first column is the KPI) is easy to take for a model of every signal: say so first
            spec.commandLine().getOut().printf("KPI: '%s', the first numeric column, as no --kpi was given (--kpi names another). To judge "
                    + "all the columns together without a KPI, add --approach system-driven.%n", built.model().kpi());
        }
        report.print(spec.commandLine().getOut(), written);
        return 0;
    }

    private int buildSystem() {
        List<OutputFiles.Target> targets = new ArrayList<>(SystemJobs.targets(modelOut, output.tableOut, output.jsonOut, system));
        targets.add(html.target());
        try (OutputFiles outputs = Outputs.plan(files, Arrays.asList(input.dataFile, system.labels, tags), targets, output.tableOut)) {
            return buildSystem(outputs);
        }
    }

    private int buildSystem(OutputFiles outputs) {
        if (label != null && system.labels != null) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Give either --label (a 0/1 column) or --labels (a file of ranges), not both");
        }
        JobLog log = new JobLog();
        SystemJobs.Data data = SystemJobs.read(files, input, system.layout, log);
        DataQualityReport quality = SystemJobs.logQuality(SystemJobs.trainingRows(data, input.rowSelection(), log), log);
        TimeFrame frame = data.frame();
        List<String> notSignals = new ArrayList<>(exclude);
        LabelRanges labels = SystemJobs.labels(system.labels, input, log);
        if (label != null) {
            labels = SystemJob.labelsOf(frame, label, log);
            notSignals.add(label);
        }
        List<String> signals = new ArrayList<>(frame.columnNames());
        signals.removeAll(notSignals);
        SystemJobSettings settings = SystemJobSettings.DEFAULT.withModel(model == null ? SystemJobSettings.DEFAULT_MODEL : model,
                SystemJobs.parameters(params));
        IndicatorCalibration.Settings calibration = sensitivity == null ? IndicatorCalibration.Settings.DEFAULT
                : IndicatorCalibration.Settings.sensitivity(sensitivity);
        settings = settings.withCalibration(window == null ? calibration : calibration.withWindow(window));
        if (seed != null) {
            settings = settings.withSeed(seed);
        }
        if (offTime != null) {
            settings = settings.withOffCondition(OffCondition.parse(offTime));
        }
        if (tags != null) {
            settings = settings.withGroups(Tags.read(tags, signals).groups(signals));
        }
        settings = settings.withEvents(SystemJobs.eventRules(EventRules.DEFAULT, eventGap, minEventDuration));
        if (topContributors != null) {
            if (topContributors < 1 || topContributors > 30) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--top-contributors " + topContributors
                        + ": the number of signals Azure's interpretation lists must be 1 to 30 (Azure's range)");
            }
            settings = settings.withTopK(topContributors);
        }
        ProgressBar bar = ProgressBar.on(spec.commandLine().getErr());
        SystemRun run;
        try {
            run = SystemJob.build(frame, input.rowSelection(), notSignals, labels, settings, registry, log, f -> bar.progress("Fitting", f));
        } finally {
            bar.finish();
        }
        if (html.reportOut != null) { // staged first: the model is moved into place last
            HtmlReports.stage(outputs, html.target(), HtmlReports.system(HtmlReports.command(spec), modelOut, input.dataFile, run, frame)
                    .quality(quality));
        }
        List<String> written = new ArrayList<>(SystemJobs.stage(outputs, run, "build-model", files, null, modelOut, output.tableOut,
                output.jsonOut, system));
        outputs.commit();
        Written.html(written, html.reportOut);
        SystemJobs.print(run, "Built a model", spec.commandLine().getOut(), written);
        return 0;
    }
}
