package dev.vigil.benchmarks;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.BuildResult;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.io.csv.CsvReader;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Detection, end to end:
 *
 * <ol>
 *   <li>production_line.csv (../shared): build on the first 9,392 rows, detect on the other 4,696,
 *       in-process (warm) and as two cold command-line runs;
 *   <li>throughput of {@code DetectionModel.detect} with a stored model on 1,000,000 rows × 20
 *       influencers (run with {@code -XX:ActiveProcessorCount=1} for one core).
 * </ol>
 *
 * Run: {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.DetectionBenchmark}
 */
public final class DetectionBenchmark {
    private DetectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores available");
        Optional<Path> line = SharedData.file("datasets/tim/production_line.csv");
        if (line.isPresent()) {
            TimeFrame raw = CsvReader.read(line.get(), new JobLog());
            AnomalyDetector detector = AnomalyDetector.builder().kpi("Output").rows(RowSelection.first(9392, RowUnit.Sample)).build();
            Measure.Timing t = Measure.time("production_line.csv: build 9,392 rows + detect 4,696 (in-process)", 5, 15, () -> {
                BuildResult b = detector.build(raw);
                return b.model().detect(raw, RowSelection.last(4696, RowUnit.Sample));
            });
            System.out.println(t);
            BuildResult b = detector.build(raw);
            DetectionResult d = b.model().detect(raw, RowSelection.last(4696, RowUnit.Sample));
            System.out.printf(Locale.ROOT, "    in-sample anomalous rows %d; detected %d anomalous rows of %d; perspectives %s%n",
                    b.inSample().anomalies().size(), d.anomalies().size(), d.rows(), d.perspectives());
            d.anomalies().stream().limit(12).forEach(a -> System.out.printf(Locale.ROOT, "      %s Output %.2f expected %.2f %s%n",
                    a.timestamp(), a.kpi(), a.normalBehavior(), a.exceeded()));
            cold(line.get());
        } else {
            System.out.println(SharedData.skipped("datasets/tim/production_line.csv"));
        }
        TimeFrame train = NormalBehaviorBenchmark.generated(100_000, 20);
        DetectionModel model = AnomalyDetector.builder().kpi("kpi").build().build(train).model();
        TimeFrame million = NormalBehaviorBenchmark.generated(1_000_000, 20);
        Measure.Timing t = Measure.time("detect 1,000,000 rows x 20 influencers with a stored model", 2, 5, () -> model.detect(million,
                RowSelection.all()));
        System.out.println(t);
        System.out.printf(Locale.ROOT, "    throughput %,.0f rows/s (terms: %d)%n", 1_000_000 / t.medianSeconds(),
                model.normalBehavior().summary().models().get(0).terms().size());
    }

    /** build-model then detect through the command-line jar, each in a new JVM. */
    private static void cold(Path data) throws Exception {
        Path jar = Path.of("cli/target/vigil.jar");
        if (!Files.exists(jar)) {
            System.out.println("    (cli/target/vigil.jar not built: cold command-line runs skipped)");
            return;
        }
        Path dir = Files.createTempDirectory("vigil-bench");
        Path model = dir.resolve("model.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Double> build = new ArrayList<>();
        List<Double> detect = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            build.add(run(java, "-jar", jar.toString(), "build-model", "--data", data.toString(), "--kpi", "Output", "--rows", "first:9392",
                    "--model-out", model.toString()));
            detect.add(run(java, "-jar", jar.toString(), "detect", "--model", model.toString(), "--data", data.toString(),
                    "--table-out", dir.resolve("t.csv").toString()));
        }
        build.sort(null);
        detect.sort(null);
        System.out.printf(Locale.ROOT, "    command line, cold JVM (median of 3): build-model %.2f s, detect %.2f s%n", build.get(1), detect.get(1));
    }

    private static double run(String... command) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
