package dev.vigil.benchmarks;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.evaluation.nab.NabCorpus;
import dev.vigil.evaluation.nab.NabRun;
import dev.vigil.evaluation.nab.NabStream;
import dev.vigil.io.DataFiles;
import dev.vigil.io.config.ConfigurationReader;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.JobSettings;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Each perspective's indicator of every NAB row as {@code vigil nab run} computes it, one CSV file
 * ({@code file,holdOff,<perspective>…}, rows in file order; holdOff is the file's default hold-off,
 * {@link NabRun}'s): the raw material for studying how a score is made of the indicators without
 * re-running detection ({@link NabRescore}). The optional schedule is {@code batch,fullRebuild,history,densityRefit}
 * (default: {@link NabStream.Schedule#DEFAULT}).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.NabDump NAB_DIR OUT.csv [CONFIG.json|default [SCHEDULE]]</pre>
 */
public final class NabDump {
    private NabDump() {
    }

    public static void main(String[] args) throws Exception {
        Path nab = Path.of(args[0]);
        Path out = Path.of(args[1]);
        JobSettings settings = args.length > 2 && !args[2].equals("default") ? ConfigurationReader.read(Path.of(args[2]), new JobLog())
                : NabRun.defaultSettings();
        NabStream.Schedule schedule = NabStream.Schedule.DEFAULT;
        if (args.length > 3) {
            int[] s = java.util.Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
            schedule = new NabStream.Schedule(s[0], s[1], s[2], s[3]);
        }
        NabStream.Schedule chosen = schedule;
        AnomalyDetector detector = AnomalyDetector.builder().settings(settings).build();
        Map<String, ?> windows = NabCorpus.readWindows(nab.resolve(NabCorpus.WINDOWS_FILE));
        DataFiles files = DataFiles.discover();
        ExecutorService pool = new java.util.concurrent.ForkJoinPool(Runtime.getRuntime().availableProcessors()); // as NabRun's
        List<Future<NabStream.Result>> results = new ArrayList<>();
        List<String> names = new ArrayList<>(windows.keySet());
        long t0 = System.nanoTime();
        for (String f : names) {
            results.add(pool.submit(() -> {
                TimeFrame raw = files.read(nab.resolve("data").resolve(f), ReadOptions.DEFAULT, new JobLog());
                try {
                    return NabStream.run(raw, detector, chosen, rows -> { });
                } catch (RuntimeException e) {
                    System.err.println(f + ": " + e.getMessage() + "; its rows are left empty");
                    double[] none = new double[raw.rows()];
                    java.util.Arrays.fill(none, Double.NaN);
                    List<String> ps = settings.configuration().domainSpecifics().stream().map(d -> d.perspective()).toList();
                    double[][] each = new double[ps.size()][];
                    java.util.Arrays.fill(each, none);
                    return new NabStream.Result(none, java.time.Duration.ZERO, ps, each);
                }
            }));
        }
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            boolean header = true;
            for (int i = 0; i < names.size(); i++) {
                NabStream.Result r = results.get(i).get();
                if (header) {
                    w.write("file,holdOff," + String.join(",", r.perspectives()) + "\n");
                    header = false;
                }
                double[][] each = r.byPerspective();
                int holdOff = r.samplingPeriod().isZero() ? 0 : detector.registry().perspective("Imbalance").defaultWindow(r.samplingPeriod())
                        .length();
                for (int row = 0; row < r.indicators().length; row++) {
                    StringBuilder b = new StringBuilder(names.get(i)).append(',').append(holdOff);
                    for (double[] e : each) {
                        b.append(',').append(Double.isNaN(e[row]) ? "" : Double.toString(e[row]));
                    }
                    w.write(b.append('\n').toString());
                }
            }
        }
        pool.shutdown();
        System.out.printf("%s written in %.1f s%n", out, (System.nanoTime() - t0) / 1e9);
    }
}
