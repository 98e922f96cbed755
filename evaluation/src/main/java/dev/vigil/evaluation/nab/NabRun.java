package dev.vigil.evaluation.nab;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.ProgressListener;
import dev.vigil.io.DataFiles;
import dev.vigil.io.config.ConfigurationReader;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.JobSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Vigil on every file of a NAB corpus under NAB's rules ({@link NabStream}), one detector for all of
 * them, ready for NAB's scores.
 *
 * <p>A row's NAB anomaly score comes from its perspectives' indicators and its value by {@link
 * NabAlarms} ({@link Options#alarms}): the largest indicator (those of perspectives after the first
 * compressed), at least {@value NabAlarms#BEYOND_RANGE_INDICATOR} for a value beyond the range of the
 * file's earlier values, scored {@code I / (1 + I)} where it exceeds by the escalation factor the
 * indicators of the rows just before it, else at most 0.5 — one alarm per anomaly, again when it
 * worsens. The rows looked back over ({@link Options#holdOff}) are, by default, the span the
 * detector's {@code Imbalance} perspective reads as one level at the file's sampling period (36 rows up
 * to 10 minutes, 24 up to a day, 9 beyond). Probation rows score 0, and so do rows without an indicator
 * unless their value is a new extreme.
 *
 * <pre>{@code
 * NabRun.Result r = NabRun.run(DataFiles.discover(), nabDir, AnomalyDetector.builder().settings(NabRun.defaultSettings()).build(),
 *         NabRun.Options.DEFAULT, ProgressListener.NONE);
 * r.write(out);                         // NAB's result files and one file of all scores
 * NabScore score = r.score();           // the three profiles
 * }</pre>
 *
 * Stateless and thread-safe.
 */
public final class NabRun {
    /** The file of all scores ({@code file,timestamp,anomaly_score}), inside the output folder. */
    public static final String SCORES_FILE = "vigil_anomaly_scores.csv";
    /** The detector's name in NAB's result layout. */
    public static final String DETECTOR = "vigil";
    /** Vigil's NAB configuration, a resource beside this class. */
    static final String DEFAULT_CONFIGURATION = "configuration.json";
    /** The perspective whose default window is the default hold-off. */
    static final String HOLD_OFF_PERSPECTIVE = "Imbalance";

    private NabRun() {
    }

    /**
     * How a corpus is run.
     *
     * @param schedule how often each file's model is refreshed, and on how much of the past
     * @param holdOff rows a row's indicator must beat to keep its score; empty: the window of the
     *     detector's {@code Imbalance} perspective at the file's sampling period
     * @param threads files run side by side, at least 1
     * @param alarms how a file's indicators become its scores
     */
    public record Options(NabStream.Schedule schedule, OptionalInt holdOff, int threads, NabAlarms alarms) {
        /** The default schedule, hold-off and alarms, one thread per processor. */
        public static final Options DEFAULT = new Options(NabStream.Schedule.DEFAULT, OptionalInt.empty(),
                Runtime.getRuntime().availableProcessors());

        public Options {
            requireNonNull(schedule, "schedule is null");
            requireNonNull(holdOff, "holdOff is null");
            requireNonNull(alarms, "alarms is null");
            if (threads < 1) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "threads must be at least 1, got " + threads);
            }
            if (holdOff.isPresent() && holdOff.getAsInt() < 0) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "hold-off must not be negative, got " + holdOff.getAsInt());
            }
        }

        /** The given schedule, hold-off and threads with the default alarms ({@link NabAlarms#DEFAULT}). */
        public Options(NabStream.Schedule schedule, OptionalInt holdOff, int threads) {
            this(schedule, holdOff, threads, NabAlarms.DEFAULT);
        }

        /** These options with other alarms. */
        public Options withAlarms(NabAlarms other) {
            return new Options(schedule, holdOff, threads, other);
        }
    }

    /**
     * One file's results.
     *
     * @param series its rows, scores and windows
     * @param values the KPI value of each row, in file order
     */
    public record FileResult(NabSeries series, double[] values) {
        public FileResult {
            requireNonNull(series, "series is null");
            if (values.length != series.rows()) {
                throw new IllegalArgumentException(series.name() + ": " + values.length + " values for " + series.rows() + " rows");
            }
            values = values.clone();
        }

        /** A copy of the values. */
        @Override
        public double[] values() {
            return values.clone();
        }
    }

    /**
     * What a run gave, file by file in the windows file's order.
     *
     * @param files one result per file of the corpus
     */
    public record Result(List<FileResult> files) {
        public Result {
            files = List.copyOf(files);
        }

        /** The scored series. */
        public List<NabSeries> series() {
            return files.stream().map(FileResult::series).toList();
        }

        /** The corpus as scored: every file, each with its data file's rows. */
        public NabCorpus corpus() {
            return new NabCorpus(series(), List.of(), files.size());
        }

        /** NAB's three scores, each profile's threshold swept over every distinct score. */
        public NabScore score() {
            return NabScorer.score(series());
        }

        /** Total rows of all files. */
        public long rows() {
            return files.stream().mapToLong(f -> f.series().rows()).sum();
        }

        /**
         * Writes NAB's per-file result files, {@code <out>/vigil/<category>/vigil_<file>.csv} ({@code
         * timestamp,value,anomaly_score,label}: every row of the data file in its order, label 1 inside an
         * anomaly window), and {@code <out>/}{@value #SCORES_FILE} ({@code file,timestamp,anomaly_score},
         * what {@link NabCorpus#read} reads), each atomically.
         */
        public void write(Path out) {
            NabResultFiles.write(out, DETECTOR, SCORES_FILE, files);
        }
    }

    /**
     * Runs the detector on every file that {@code <dataDir>/}{@value NabCorpus#WINDOWS_FILE} lists, each
     * read from {@code <dataDir>/data/<category>/<file>.csv}; files run side by side, largest first.
     * Progress: {@code "Reading N files"}, then {@code "Detecting (k of N files done)"} as rows are scored.
     *
     * @param files reads the data files
     * @param detector builds each file's models; its settings name the KPI column (else a file's first column)
     * @throws VigilException naming the folder or file that is missing or cannot be read, or the
     *     failure of one file ({@code "NAB file <category>/<file>.csv: …"})
     */
    public static Result run(DataFiles files, Path dataDir, AnomalyDetector detector, Options options, ProgressListener progress)
            throws InterruptedException {
        if (!Files.isDirectory(dataDir)) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, "NAB data folder not found: " + dataDir
                    + " (it must hold data/<category>/<file>.csv and " + NabCorpus.WINDOWS_FILE + ")");
        }
        Map<String, List<NabWindow>> windows = NabCorpus.readWindows(dataDir.resolve(NabCorpus.WINDOWS_FILE));
        List<String> names = new ArrayList<>(windows.keySet());
        for (String f : names) {
            Path data = dataDir.resolve("data").resolve(f);
            if (!Files.isRegularFile(data)) {
                throw new VigilException(ErrorCode.FILE_NOT_FOUND, "NAB data file not found: " + data + " (" + NabCorpus.WINDOWS_FILE
                        + " lists " + f + ")");
            }
        }
        // A fork-join pool, not a fixed one: the perspectives' densities of a model are fitted by a parallel
        // stream, which inside a fork-join worker runs on the worker's own pool. From a plain thread it
        // would go to the common pool (one thread on two cores) while the calling thread waited for it in
        // a loop: 14 % of the CPU of a three-perspective run went to that wait. The results are the same.
        ExecutorService pool = new ForkJoinPool(Math.max(1, Math.min(options.threads(), names.size())));
        try {
            progress.progress("Reading " + names.size() + " files", 0);
            ReadOptions read = ReadOptions.DEFAULT.withRequired(detector.settings().data().columnRoles());
            Map<String, TimeFrame> data = all(pool, names, f -> files.read(dataDir.resolve("data").resolve(f), read, new JobLog()));
            long total = data.values().stream().mapToLong(TimeFrame::rows).sum();
            AtomicLong done = new AtomicLong();
            AtomicInteger finished = new AtomicInteger();
            IntConsumer rowsDone = rows -> progress.progress(String.format(Locale.ROOT, "Detecting (%d of %d files done)", finished.get(),
                    names.size()), (double) done.addAndGet(rows) / total);
            List<String> largestFirst = names.stream().sorted(Comparator.comparing((String f) -> data.get(f).rows()).reversed()).toList();
            String kpi = detector.settings().data().kpiColumn();
            Map<String, FileResult> results = all(pool, largestFirst, f -> {
                TimeFrame raw = data.get(f);
                NabStream.Result result = NabStream.run(raw, detector, options.schedule(), rowsDone);
                finished.incrementAndGet();
                int lookBack = options.holdOff().isPresent() ? options.holdOff().getAsInt() : defaultHoldOff(detector, result.samplingPeriod());
                double[] values = raw.values(kpi != null ? kpi : raw.columnNames().get(0));
                double[] scores = options.alarms().scores(result.byPerspective(), values, NabScorer.probationRows(raw.rows()), lookBack);
                return new FileResult(new NabSeries(f, raw.times(), scores, windows.get(f)), values);
            });
            return new Result(names.stream().map(results::get).toList());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The window of the detector's {@value #HOLD_OFF_PERSPECTIVE} perspective at a sampling period, in rows. */
    static int defaultHoldOff(AnomalyDetector detector, Duration samplingPeriod) {
        return detector.registry().perspective(HOLD_OFF_PERSPECTIVE).defaultWindow(samplingPeriod).length();
    }

    /**
     * Vigil's NAB configuration: the Residual, Fluctuation and ResidualChange perspectives at
     * sensitivity 1 %, KPI lags up to 288 samples, and otherwise the defaults.
     */
    public static JobSettings defaultSettings() {
        try (InputStream in = NabRun.class.getResourceAsStream(DEFAULT_CONFIGURATION)) {
            if (in == null) {
                throw new VigilException(ErrorCode.INTERNAL, "The bundled NAB configuration " + DEFAULT_CONFIGURATION + " is missing from this build");
            }
            return ConfigurationReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "nab/" + DEFAULT_CONFIGURATION,
                    ZoneOffset.UTC, new JobLog());
        } catch (IOException e) {
            throw new VigilException(ErrorCode.INTERNAL, "Cannot read the bundled NAB configuration: " + e.getMessage(), e);
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
