package dev.vigil.cli;

import com.google.inject.Inject;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.DataFiles;
import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.evaluation.nab.NabAlarms;
import dev.vigil.evaluation.nab.NabCorpus;
import dev.vigil.evaluation.nab.NabReport;
import dev.vigil.evaluation.nab.NabRun;
import dev.vigil.evaluation.nab.NabStream;
import dev.vigil.io.config.ConfigurationReader;
import dev.vigil.io.report.ReportJson;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.JobSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil nab run}: Vigil on every file of the NAB corpus under NAB's rules ({@link NabRun}), one
 * configuration for all of them, then NAB's three scores.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Run Vigil on every file of the NAB corpus under NAB's rules and score it: one configuration for all files; "
                + "the first model of a file is built on its probation rows (NAB's first 15 %%, at most 750), and each later batch "
                + "of rows is detected by a model rebuilt on the rows before it, so that no row is learnt from before it is scored.",
            "Writes NAB's per-file result files and one file of all scores, then prints the standard, reward_low_FP_rate and "
                + "reward_low_FN_rate scores and the raw scores per category."})
final class NabRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Inject
    DataFiles files;

    @Inject
    PluginRegistry registry;


    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "The NAB corpus: DIR/data/<category>/<file>.csv and DIR/" + NabCorpus.WINDOWS_FILE + ".")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A JSON configuration in TIM's shape for every file (default: Vigil's NAB configuration: the Residual, "
                    + "Fluctuation and ResidualChange perspectives at sensitivity 1 %%, KPI lags up to 288 samples).")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "vigil-nab", description = "Folder for the results (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--batch", paramLabel = "ROWS", defaultValue = "100",
            description = "Rows detected by one model; the perspectives' densities are then refitted on the rows seen (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--full-rebuild", paramLabel = "ROWS", defaultValue = "2000",
            description = "Rows between two fits of both models afresh (default: ${DEFAULT-VALUE}).")
    int fullRebuild;

    @Option(names = "--history", paramLabel = "ROWS", defaultValue = "4032",
            description = "Most recent rows a model learns from (default: ${DEFAULT-VALUE}, two weeks at 5 minutes).")
    int history;

    @Option(names = "--density-refit", paramLabel = "ROWS",
            description = "Rows between two refits of the perspectives' densities; after the other batches only their thresholds are "
                    + "recalibrated (default: the larger of --batch and Vigil's NAB schedule's).")
    Integer densityRefit;

    @Option(names = "--hold-off", paramLabel = "ROWS",
            description = "A row keeps its score only if its indicator exceeds those of this many rows before it (default: the "
                    + "Imbalance perspective's window for the file's sampling period).")
    Integer holdOff;

    @Option(names = "--escalation", paramLabel = "FACTOR", defaultValue = "1.1",
            description = "Within the hold-off a row keeps its score only if its indicator exceeds the earlier ones by this factor "
                    + "(default: ${DEFAULT-VALUE}; 1: any new maximum).")
    double escalation;

    @Option(names = "--range-tolerance", paramLabel = "SHARE|off", defaultValue = "0.02",
            description = "A value beyond the range of all earlier values of its file by more than this share of the range is an "
                    + "anomaly (default: ${DEFAULT-VALUE}; off: no such rule).")
    String rangeTolerance;

    @Option(names = "--secondary-exponent", paramLabel = "E", defaultValue = "0.5",
            description = "Power in (0, 1] applied to the indicators of every perspective after the configuration's first "
                    + "(default: ${DEFAULT-VALUE}; 1: as they are).")
    double secondaryExponent;

    @Option(names = "--threads", paramLabel = "N", description = "Files run side by side (default: the number of processors).")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON object instead of tables.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        long started = System.nanoTime();
        NabRun.Options options = options();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--out " + out + " is a file; give a folder");
        }
        Outputs.requireDistinct(Arrays.asList(config), "--out", out.resolve(NabRun.SCORES_FILE));
        JobSettings settings = config == null ? NabRun.defaultSettings() : ConfigurationReader.read(config, new JobLog());
        AnomalyDetector.Builder builder = AnomalyDetector.builder().settings(settings).registry(registry);
        AnomalyDetector detector = config == null ? builder.build() : VigilCommand.resolvingPluginsOf(config, builder::build);
        ProgressBar bar = ProgressBar.on(spec.commandLine().getErr());
        NabRun.Result results;
        try {
            results = NabRun.run(files, dataDir, detector, options, bar);
        } finally {
            bar.finish();
        }
        results.write(out);
        double seconds = (System.nanoTime() - started) / 1e9;
        NabReport report = new NabReport(out.resolve(NabRun.SCORES_FILE), dataDir, results.corpus(), results.score(), NabReport.SWEPT);
        print(results, report, options.schedule(), seconds);
        return 0;
    }

    private void print(NabRun.Result results, NabReport report, NabStream.Schedule schedule, double seconds) {
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("configuration", config == null ? "default" : config.toString());
            run.put("batch", schedule.batch());
            run.put("fullRebuild", schedule.fullRebuild());
            run.put("history", schedule.history());
            run.put("densityRefit", schedule.densityRefit());
            run.put("holdOff", holdOff == null ? "the Imbalance perspective's window" : holdOff);
            run.put("escalation", escalation);
            run.put("rangeTolerance", rangeTolerance);
            run.put("secondaryExponent", secondaryExponent);
            run.put("seconds", seconds);
            run.put("resultFiles", out.resolve(NabRun.DETECTOR).toString());
            j.put("run", run);
            j.putAll(report.toMap());
            o.println(ReportJson.pretty(j));
        } else {
            o.printf(Locale.ROOT, "Vigil on NAB: %d files, %s rows in %.1f s (%s; rebuilt every %d rows, densities every %d, afresh every %d, "
                    + "on the last %d)%n", results.files().size(), Text.count(results.rows()), seconds,
                    config == null ? "default configuration" : config, schedule.batch(), schedule.densityRefit(), schedule.fullRebuild(),
                    schedule.history());
            o.printf(Locale.ROOT, "Results     %s (per file), %s (all scores)%n%n", out.resolve(NabRun.DETECTOR), report.scores());
            NabTables.print(report, o);
        }
        o.flush();
    }

    private NabAlarms alarms() {
        OptionalDouble tolerance;
        if ("off".equalsIgnoreCase(rangeTolerance.strip())) {
            tolerance = OptionalDouble.empty();
        } else {
            try {
                tolerance = OptionalDouble.of(Double.parseDouble(rangeTolerance.strip()));
            } catch (NumberFormatException e) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--range-tolerance: '" + rangeTolerance
                        + "' is neither a number nor 'off'");
            }
        }
        try {
            return new NabAlarms(escalation, tolerance, secondaryExponent);
        } catch (VigilException e) {
            throw new VigilException(e.code(), "--escalation, --range-tolerance, --secondary-exponent: " + e.getMessage());
        }
    }

    private NabRun.Options options() {
        try {
            int densities = densityRefit != null ? densityRefit : Math.max(batch, NabStream.Schedule.DEFAULT.densityRefit());
            return new NabRun.Options(new NabStream.Schedule(batch, fullRebuild, history, densities),
                    holdOff == null ? OptionalInt.empty() : OptionalInt.of(holdOff),
                    threads != null ? threads : Runtime.getRuntime().availableProcessors(), alarms());
        } catch (IllegalArgumentException e) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--batch, --full-rebuild, --history, --density-refit: " + e.getMessage());
        } catch (VigilException e) {
            throw new VigilException(e.code(), "--" + e.getMessage());
        }
    }
}
