package dev.vigil.cli;

import com.google.inject.Inject;
import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.evaluation.LabelTuning;
import dev.vigil.io.DataFiles;
import dev.vigil.io.OutputFiles;
import dev.vigil.io.config.ConfigurationWriter;
import dev.vigil.io.report.ReportJson;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.DataSettings;
import dev.vigil.spi.settings.JobSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import dev.vigil.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil tune}: the perspectives and sensitivity that do best on labelled rows, by time-ordered cross-validation. */
@Command(name = "tune",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Choose the detection perspectives and sensitivity that maximise an objective on labelled data, judged by "
                + "time-ordered cross-validation (each fold builds on the rows before a cut and scores the rows after it).",
            "Prints the trade-off (precision and recall of every configuration tried) and writes the best configuration (--config-out)."})
final class TuneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Inject
    DataFiles files;

    @Inject
    PluginRegistry registry;

    @Mixin
    DataOptions input;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON configuration to start from (its perspectives are replaced).")
    Path config;

    @Option(names = "--kpi", paramLabel = "COL", description = "The KPI column (default: the configuration's KPIColumn, else the first column).")
    String kpi;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "Column marking known anomalies (1) and normal rows (0).")
    String label;

    @Option(names = "--objective", paramLabel = "OBJECTIVE", defaultValue = "EVENT_F1",
            description = {"What to maximise on the validation rows: EVENT_F1 (default), POINT_F1, NAB (NAB's standard profile with "
                + "the labelled events as windows, normalised: 1 perfect, 0 flagging nothing) or FA_BUDGET (event recall with at most "
                + "--max-false-alarms-per-day false-alarm runs per day; when no candidate keeps to it, the fewest false alarms)."})
    LabelTuning.Objective objective;

    @Option(names = "--max-false-alarms-per-day", paramLabel = "N",
            description = "The false-alarm budget of --objective FA_BUDGET: false-alarm runs (detections touching no labelled event) "
                + "per day of validation rows, a positive number, e.g. 0.5.")
    Double maxFalseAlarmsPerDay;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "4",
            description = "Time-ordered folds (default 4): fold f of K builds on the first (K+f-1)/2K of the rows and scores the next 1/2K.")
    int folds;

    @Option(names = "--config-out", required = true, paramLabel = "FILE", description = "Write the best configuration (JSON, TIM's shape) here.")
    Path configOut;

    @Mixin
    ReportOptions html;

    @Override
    public Integer call() throws Exception {
        double budget = budget(objective, maxFalseAlarmsPerDay); // before reading anything: a missing budget is a typing error
        OutputFiles.Target target = new OutputFiles.Target("the configuration", "--config-out", configOut);
        try (OutputFiles outputs = Outputs.plan(files, Arrays.asList(input.dataFile, config), Arrays.asList(target, html.target()))) {
            return run(outputs, target, budget);
        }
    }

    private int run(OutputFiles outputs, OutputFiles.Target target, double budget) {
        JobLog readLog = new JobLog();
        JobSettings settings = input.settings(config, readLog);
        DataSettings data = settings.data().withLabelColumn(label);
        if (kpi != null) {
            data = data.withKpiColumn(kpi);
        }
        settings = settings.withData(data);
        TimeFrame raw = input.read(files, data.columnRoles(), readLog);
        AnomalyDetector.Builder builder = AnomalyDetector.builder().settings(settings).registry(registry);
        LabelTuning.Result result = LabelTuning.tune(builder, raw, objective, budget, LabelTuning.DEFAULT_PERSPECTIVE_SETS,
                LabelTuning.DEFAULT_SENSITIVITIES, folds);
        Map<String, Object> tree = ConfigurationWriter.toTree(result.settings());
        outputs.stage(target, p -> ReportJson.write(p, tree));
        if (html.reportOut != null) {
            HtmlReports.stage(outputs, html.target(), Report.builder().title("Vigil: tuning on " + input.dataFile.getFileName())
                    .command(HtmlReports.command(spec)).data(input.dataFile.toString()).setting("KPI", settings.data().kpiColumn())
                    .setting("label", label).setting("objective", objective + (objective == LabelTuning.Objective.FA_BUDGET
                            ? " (at most " + maxFalseAlarmsPerDay + " false alarms per day)" : " (maximised)")).setting("folds", folds)
                    .setting("best", result.best().candidate() + keptDefault(result)).tuning(result).log(readLog.entries()));
        }
        outputs.commit();
        PrintWriter out = spec.commandLine().getOut();
        print(out, result);
        out.println("Wrote " + configOut);
        if (html.reportOut != null) {
            out.println("Wrote the HTML report to " + html.reportOut);
        }
        out.flush();
        return 0;
    }

    /**
     * The budget of false alarms per day: required, positive and finite for FA_BUDGET; refused for the other objectives,
     * which would ignore it; NaN when not given.
     */
    static double budget(LabelTuning.Objective objective, Double given) {
        if (objective == LabelTuning.Objective.FA_BUDGET) {
            if (given == null) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--objective FA_BUDGET needs --max-false-alarms-per-day N: "
                        + "the false-alarm runs per day of validation rows to allow, a positive number such as 0.5");
            }
            if (!(given > 0) || given.isInfinite()) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--max-false-alarms-per-day " + given
                        + " is not a budget: give a positive, finite number of false-alarm runs per day, such as 0.5");
            }
            return given;
        }
        if (given != null) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--max-false-alarms-per-day is the budget of --objective FA_BUDGET; "
                    + "--objective " + objective + " would ignore it (add --objective FA_BUDGET, or drop the budget)");
        }
        return Double.NaN;
    }

    /** The trade-off table and the choice. */
    static void print(PrintWriter out, LabelTuning.Result r) {
        out.printf(Locale.ROOT, "%-46s %9s %6s %6s %8s %8s %7s %7s%n", "perspectives @ sensitivity", r.objective().name().toLowerCase(Locale.ROOT),
                "P", "R", "event P", "event R", "FA/10k", "FA/day");
        List<LabelTuning.Trial> trials = new ArrayList<>(r.trials());
        for (LabelTuning.Trial t : trials) {
            out.printf(Locale.ROOT, "%-46s %9.3f %6.3f %6.3f %8.3f %8.3f %7.2f %7.2f%s%n", t.candidate(), t.objective(), t.precision(), t.recall(),
                    t.eventPrecision(), t.eventRecall(), t.falseRunsPer10k(), t.falseAlarmsPerDay(), t == r.best() ? "  <- best" : "");
        }
        if (r.budgetMissed()) {
            out.printf(Locale.ROOT, "No configuration keeps to %s false alarms per day on the validation rows; chose the fewest.%n",
                    r.maxFalseAlarmsPerDay());
        }
        out.printf(Locale.ROOT, "Best: %s (%s %.3f)%s.%n", r.best().candidate(), r.objective().name().toLowerCase(Locale.ROOT), r.best().objective(),
                keptDefault(r));
    }

    /** Why a candidate that did better was passed over (for the default, or one that beats it steadily), or nothing. */
    static String keptDefault(LabelTuning.Result r) {
        if (!r.keptDefault()) {
            return "";
        }
        LabelTuning.Trial top = r.top();
        double margin = top.objective() - r.best().objective();
        int fold = r.foldTheTopNeeds();
        if (margin > 1 / Math.max(1, r.validationEvents()) && fold >= 0) {
            return String.format(Locale.ROOT, "; chosen over %s, which wins by %.3f, but without fold %d of %d by no more than one "
                    + "labelled event's worth of the other folds (a win must hold with any one fold left out)", top.candidate(), margin, fold + 1,
                    top.folds().size());
        }
        return String.format(Locale.ROOT, "; chosen over %s, which wins by %.3f, no more than one labelled event's worth%s", top.candidate(),
                margin, Double.isNaN(r.validationEvents()) ? ""
                        : String.format(Locale.ROOT, " (1/%d = %.3f, %d labelled events in the validation rows)", Math.round(r.validationEvents()),
                                1 / Math.max(1, r.validationEvents()), Math.round(r.validationEvents())));
    }
}
