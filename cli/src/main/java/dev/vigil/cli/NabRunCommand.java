package dev.vigil.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.AnomalyScores;
import dev.vigil.evaluation.nab.NabCorpus;
import dev.vigil.evaluation.nab.NabScore;
import dev.vigil.evaluation.nab.NabScorer;
import dev.vigil.evaluation.nab.NabSeries;
import dev.vigil.evaluation.nab.NabWindow;
import dev.vigil.io.config.ConfigurationReader;
import dev.vigil.perspectives.Imbalance;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.JobSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code vigil nab run}: Vigil on every file of the NAB corpus under NAB's rules ({@link NabStream}),
 * one configuration for all of them, then NAB's three scores.
 *
 * <p>A row's NAB anomaly score is {@link AnomalyScores#onsets} of its largest indicator: {@code I / (1
 * + I)} when the indicator exceeds those of the rows just before it, else at most 0.5 — one alarm per
 * anomaly, again when it worsens. The rows looked back over are, by default, the span Vigil's
 * Imbalance perspective reads as one level at the file's sampling period (36 rows up to 10 minutes, 24
 * up to a day, 9 beyond). Probation rows and rows without an indicator score 0.
 *
 * <p>Writes {@code <out>/vigil/<category>/vigil_<file>.csv} ({@code timestamp,value,anomaly_score,label},
 * NAB's result format: every row of the data file, in its order; label 1 inside an anomaly window)
 * and {@code <out>/vigil_anomaly_scores.csv} ({@code file,timestamp,anomaly_score}, what {@code vigil
 * nab score} reads).
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
    /** The configuration used without {@code --config}. */
    static final String DEFAULT_CONFIGURATION = "nab/configuration.json";
    /** The file of all scores, inside {@code --out}. */
    static final String SCORES_FILE = "vigil_anomaly_scores.csv";
    /** The detector's name in NAB's result layout. */
    static final String DETECTOR = "vigil";

    @Spec
    CommandSpec spec;

    @ParentCommand
    NabCommand parent;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "The NAB corpus: DIR/data/<category>/<file>.csv and DIR/" + NabCorpus.WINDOWS_FILE + ".")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A JSON configuration in TIM's shape for every file (default: Vigil's NAB configuration: the Residual "
                    + "perspective at sensitivity 1 %%, KPI lags up to 288 samples).")
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

    @Option(names = "--hold-off", paramLabel = "ROWS",
            description = "A row keeps its score only if its indicator exceeds those of this many rows before it (default: the "
                    + "Imbalance perspective's window for the file's sampling period).")
    Integer holdOff;

    @Option(names = "--threads", paramLabel = "N", description = "Files run side by side (default: the number of processors).")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON object instead of tables.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        NabStream.Schedule schedule = schedule();
        if (threads != null && threads < 1) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--threads must be at least 1, got " + threads);
        }
        if (holdOff != null && holdOff < 0) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--hold-off must not be negative, got " + holdOff);
        }
        if (!Files.isDirectory(dataDir)) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, "NAB data folder not found: " + dataDir
                    + " (it must hold data/<category>/<file>.csv and " + NabCorpus.WINDOWS_FILE + ")");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--out " + out + " is a file; give a folder");
        }
        Outputs.requireDistinct(Arrays.asList(config), "--out", out.resolve(SCORES_FILE));
        Map<String, List<NabWindow>> windows = NabCorpus.readWindows(dataDir.resolve(NabCorpus.WINDOWS_FILE));
        List<String> files = new ArrayList<>(windows.keySet());
        for (String f : files) {
            Path data = dataDir.resolve("data").resolve(f);
            if (!Files.isRegularFile(data)) {
                throw new VigilException(ErrorCode.FILE_NOT_FOUND, "NAB data file not found: " + data + " (" + NabCorpus.WINDOWS_FILE
                        + " lists " + f + ")");
            }
        }
        JobSettings settings = settings();
        AnomalyDetector.Builder builder = AnomalyDetector.builder().settings(settings).registry(parent.root.registry());
        AnomalyDetector detector = config == null ? builder.build() : VigilCommand.resolvingPluginsOf(config, builder::build);
        ProgressBar bar = ProgressBar.on(spec.commandLine().getErr());
        List<NabResultFiles.Result> results;
        try {
            results = runAll(files, windows, detector, schedule, bar);
        } finally {
            bar.finish();
        }
        NabResultFiles.write(out, DETECTOR, SCORES_FILE, results);
        List<NabSeries> series = results.stream().map(NabResultFiles.Result::series).toList();
        NabCorpus corpus = new NabCorpus(series, List.of(), series.size());
        NabScore score = NabScorer.score(series);
        double seconds = (System.nanoTime() - started) / 1e9;
        Path scores = out.resolve(SCORES_FILE);
        NabReport report = new NabReport(scores, dataDir, corpus, score, "swept over every distinct score (one per profile for the whole corpus)");
        print(series, report, schedule, seconds);
        return 0;
    }

    private void print(List<NabSeries> series, NabReport report, NabStream.Schedule schedule, double seconds)
            throws JsonProcessingException {
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("configuration", config == null ? "default" : config.toString());
            run.put("batch", schedule.batch());
            run.put("fullRebuild", schedule.fullRebuild());
            run.put("history", schedule.history());
            run.put("holdOff", holdOff == null ? "the Imbalance perspective's window" : holdOff);
            run.put("seconds", seconds);
            run.put("resultFiles", out.resolve(DETECTOR).toString());
            j.put("run", run);
            j.putAll(report.toJson());
            o.println(Json.pretty(j));
        } else {
            o.printf(Locale.ROOT, "Vigil on NAB: %d files, %s rows in %.1f s (%s; rebuilt every %d rows, afresh every %d, on the last %d)%n",
                    series.size(), Text.count(series.stream().mapToLong(NabSeries::rows).sum()), seconds, config == null ? "default configuration" : config, schedule.batch(),
                    schedule.fullRebuild(), schedule.history());
            o.printf(Locale.ROOT, "Results     %s (per file), %s (all scores)%n%n", out.resolve(DETECTOR), report.scores());
            report.print(o);
        }
        o.flush();
    }

    private NabStream.Schedule schedule() {
        try {
            return new NabStream.Schedule(batch, fullRebuild, history);
        } catch (IllegalArgumentException e) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--batch, --full-rebuild, --history: " + e.getMessage());
        }
    }

    private JobSettings settings() throws IOException {
        if (config != null) {
            return ConfigurationReader.read(config, new JobLog());
        }
        return defaultSettings();
    }

    /** Vigil's NAB configuration, {@link #DEFAULT_CONFIGURATION}. */
    static JobSettings defaultSettings() throws IOException {
        JobLog log = new JobLog();
        try (InputStream in = NabRunCommand.class.getResourceAsStream(DEFAULT_CONFIGURATION)) {
            if (in == null) {
                throw new VigilException(ErrorCode.INTERNAL, "The bundled NAB configuration " + DEFAULT_CONFIGURATION + " is missing from this build");
            }
            return ConfigurationReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_CONFIGURATION, ZoneOffset.UTC, log);
        }
    }

    /**
     * Reads every file, then runs each through {@link NabStream}, largest first, on a few threads;
     * returns the series in the windows file's order.
     */
    private List<NabResultFiles.Result> runAll(List<String> files, Map<String, List<NabWindow>> windows, AnomalyDetector detector,
            NabStream.Schedule schedule, ProgressBar bar) throws InterruptedException {
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(n, files.size())));
        try {
            bar.progress("Reading " + files.size() + " files", 0);
            Map<String, TimeFrame> data = new LinkedHashMap<>();
            for (Map.Entry<String, TimeFrame> e : all(pool, files, f -> parent.root.dataFiles().read(dataDir.resolve("data").resolve(f),
                    ReadOptions.DEFAULT.withRequired(detector.settings().data().columnRoles()), new JobLog())).entrySet()) {
                data.put(e.getKey(), e.getValue());
            }
            long total = data.values().stream().mapToLong(TimeFrame::rows).sum();
            AtomicLong done = new AtomicLong();
            AtomicInteger finished = new AtomicInteger();
            IntConsumer progress = rows -> bar.progress(String.format(Locale.ROOT, "Detecting (%d of %d files done)", finished.get(),
                    files.size()), (double) done.addAndGet(rows) / total);
            List<String> largestFirst = files.stream().sorted(Comparator.comparing((String f) -> data.get(f).rows()).reversed()).toList();
            String kpi = detector.settings().data().kpiColumn();
            Map<String, NabResultFiles.Result> results = all(pool, largestFirst, f -> {
                TimeFrame raw = data.get(f);
                NabStream.Result result = NabStream.run(raw, detector, schedule, progress);
                finished.incrementAndGet();
                int lookBack = holdOff != null ? holdOff : new Imbalance().defaultWindow(result.samplingPeriod()).length();
                NabSeries s = new NabSeries(f, raw.times(), AnomalyScores.onsets(result.indicators(), lookBack), windows.get(f));
                return new NabResultFiles.Result(s, raw.values(kpi != null ? kpi : raw.columnNames().get(0)));
            });
            return files.stream().map(results::get).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Applies a task to every file on the pool; a failure names the file. */
    private static <T> Map<String, T> all(ExecutorService pool, List<String> files, Function<String, T> task) throws InterruptedException {
        Map<String, Future<T>> futures = new LinkedHashMap<>();
        for (String f : files) {
            futures.put(f, pool.submit(() -> task.apply(f)));
        }
        Map<String, T> out = new LinkedHashMap<>();
        for (Map.Entry<String, Future<T>> e : futures.entrySet()) {
            try {
                out.put(e.getKey(), e.getValue().get());
            } catch (ExecutionException failure) {
                futures.values().forEach(f -> f.cancel(true));
                Throwable cause = failure.getCause();
                if (cause instanceof VigilException v) {
                    throw new VigilException(v.code(), "NAB file " + e.getKey() + ": " + v.getMessage(), v);
                }
                throw new VigilException(ErrorCode.INTERNAL, "NAB file " + e.getKey() + ": " + cause, cause);
            }
        }
        return out;
    }
}
