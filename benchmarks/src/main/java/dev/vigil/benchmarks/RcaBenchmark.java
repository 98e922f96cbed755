package dev.vigil.benchmarks;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.io.csv.CsvReader;
import dev.vigil.rca.Decomposition;
import dev.vigil.rca.RootCauseAnalysis;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.SharedData;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Root-cause analysis against detection on the same rows, with a stored model: decomposing the
 * normal behaviour into its contributors, the influencer table, and the causes of every anomaly.
 *
 * <ol>
 *   <li>production_line.csv (../shared): model built on the first 9,392 rows, the other 4,696 analysed;
 *   <li>1,000,000 rows × 20 influencers, model built on 100,000.
 * </ol>
 *
 * Run: {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.RcaBenchmark}
 */
public final class RcaBenchmark {
    private RcaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores available");
        Optional<Path> line = SharedData.file("datasets/tim/production_line.csv");
        if (line.isPresent()) {
            TimeFrame raw = CsvReader.read(line.get(), new JobLog());
            DetectionModel model = AnomalyDetector.builder().kpi("Output").rows(RowSelection.first(9392, RowUnit.Sample)).build()
                    .build(raw).model();
            compare("production_line.csv, 4,696 rows", model, raw, RowSelection.last(4696, RowUnit.Sample), 5, 20);
        } else {
            System.out.println(SharedData.skipped("datasets/tim/production_line.csv"));
        }
        DetectionModel model = AnomalyDetector.builder().kpi("kpi").build().build(NormalBehaviorBenchmark.generated(100_000, 20)).model();
        compare("1,000,000 rows x 20 influencers", model, NormalBehaviorBenchmark.generated(1_000_000, 20), RowSelection.all(), 2, 5);
    }

    private static void compare(String what, DetectionModel model, TimeFrame raw, RowSelection rows, int warmUps, int runs)
            throws Exception {
        RootCauseAnalysis rca = RootCauseAnalysis.of(model);
        Measure.Timing detect = Measure.time(what + ": detect", warmUps, runs, () -> model.detect(raw, rows));
        Measure.Timing decompose = Measure.time(what + ": decompose", warmUps, runs, () -> rca.decompose(raw, rows));
        DetectionResult found = model.detect(raw, rows);
        Measure.Timing all = Measure.time(what + ": decompose + influencer table + causes of every anomaly", warmUps, runs, () -> {
            Decomposition d = rca.decompose(raw, rows);
            d.table();
            return d.causesOf(found.anomalies());
        });
        System.out.println(detect);
        System.out.println(decompose);
        System.out.println(all);
        Decomposition d = rca.decompose(raw, rows);
        System.out.printf(Locale.ROOT, "    decompose / detect = %.2f; %d contributors; %d anomalous rows explained%n",
                decompose.medianSeconds() / detect.medianSeconds(), d.contributors().size(), found.anomalies().size());
    }
}
