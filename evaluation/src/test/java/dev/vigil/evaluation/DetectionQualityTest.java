package dev.vigil.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.anomaly.AnomalousBehaviorModel;
import dev.vigil.core.anomaly.DecisionRule;
import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.BuildResult;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.perspectives.Fluctuation;
import dev.vigil.perspectives.Imbalance;
import dev.vigil.perspectives.Residual;
import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.GeneratedData;
import dev.vigil.testing.InjectedAnomaly;
import dev.vigil.testing.KpiDataGenerator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end on seeded generator data: build on the first two thirds, detect on the last, where 5
 * spikes, 3 level shifts and 3 variance bursts were injected.
 *
 * <p>The AUC ≥ 0.95 of the quality target holds with Residual, Imbalance and Fluctuation: on seeds 1
 * to 10 it measured 0.970 to 0.980. With the default perspectives, Residual and Imbalance, it does
 * not always: on seeds 1 to 10 it measured 0.929 to 0.968 (below 0.95 on seeds 1, 3, 5, 7 and 9),
 * because the rows of a variance burst that happen to lie near normal behaviour rank low on both; every
 * injected event was still flagged on all ten seeds, with either set.
 *
 * <p>Here rather than in {@code perspectives}: it scores with this module's metrics, and this module
 * reads through {@code vigil-io}, whose tests use the perspectives; a test dependency of
 * {@code perspectives} on this module would close a cycle.
 */
class DetectionQualityTest {
    private static final int ROWS = 12_000;

    private record Outcome(double auc, int caught, int events) {
    }

    private static Outcome run(long seed, DetectionPerspective... perspectives) {
        GeneratedData g = KpiDataGenerator.create().rows(ROWS).seed(seed).anomalies(5, 3, 3, 0).anomaliesBetween(2.0 / 3, 1).generate();
        AnomalyDetector.Builder b = AnomalyDetector.builder().kpi("kpi").label("label").rows(RowSelection.first(ROWS * 2 / 3, RowUnit.Sample));
        if (perspectives.length > 0) {
            b.perspectives(perspectives);
        }
        BuildResult built = b.build().build(g.frame());
        DetectionResult found = built.model().detect(g.frame(), RowSelection.last(ROWS / 3, RowUnit.Sample));
        List<double[]> indicators = found.indicatorColumns().stream().map(found.table()::values).toList();
        double[] codes = found.table().values("anomaly_code");
        double auc = ErrorMeasures.of(found.labels(), ErrorMeasures.largestCalculated(indicators), ErrorMeasures.predicted(codes))
                .auc().orElseThrow();
        int offset = ROWS - found.rows();
        int caught = 0;
        for (InjectedAnomaly a : g.anomalies()) {
            boolean hit = false;
            for (int r = a.start(); r < a.end() && !hit; r++) {
                hit = codes[r - offset] == 1 || codes[r - offset] == 3;
            }
            caught += hit ? 1 : 0;
        }
        return new Outcome(auc, caught, g.anomalies().size());
    }

    /** Each kind of anomaly with the perspective made for it: spikes, level shifts, bursts of noise. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void theLargestIndicatorRanksAnomalousRowsFirst(long seed) {
        Outcome o = run(seed, new Residual(), new Imbalance(), new Fluctuation());
        assertThat(o.auc()).isGreaterThanOrEqualTo(0.95);
        assertThat(o.caught()).isGreaterThanOrEqualTo(o.events() - 1);
    }

    /** With TIM's default perspectives (Residual and Imbalance) and the default sensitivity. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void theDefaultsFlagMostInjectedEvents(long seed) {
        Outcome o = run(seed);
        assertThat(o.caught()).isGreaterThanOrEqualTo(o.events() - 2);
        assertThat(o.auc()).isGreaterThanOrEqualTo(0.9); // measured 0.929 to 0.968 on seeds 1 to 10: bursts of noise are Fluctuation's business
    }

    /** Per seed, for each of three long level shifts: runs over it under the default rule and under TIM's pointwise rule. */
    private static final java.util.Map<Long, int[][]> SHIFT_RUNS = new java.util.concurrent.ConcurrentHashMap<>();

    private static int[][] shiftRuns(long seed) {
        return SHIFT_RUNS.computeIfAbsent(seed, s -> {
            GeneratedData g = KpiDataGenerator.create().rows(ROWS).seed(s).anomalies(0, 3, 0, 0).lengths(150, 150, 1).sizes(7, 3.5)
                    .anomaliesBetween(2.0 / 3, 1).generate();
            BuildResult built = AnomalyDetector.builder().kpi("kpi").label("label").rows(RowSelection.first(ROWS * 2 / 3, RowUnit.Sample))
                    .build().build(g.frame());
            DetectionResult found = built.model().detect(g.frame(), RowSelection.last(ROWS / 3, RowUnit.Sample));
            double[] codes = found.table().values("anomaly_code");
            double[][] indicators = found.indicatorColumns().stream().map(found.table()::values).toArray(double[][]::new);
            double[] pointwise = AnomalousBehaviorModel.codes(indicators, found.rows(), DecisionRule.POINTWISE);
            int offset = ROWS - found.rows();
            List<InjectedAnomaly> shifts = g.anomalies();
            int[][] runs = new int[shifts.size()][];
            for (int i = 0; i < runs.length; i++) {
                InjectedAnomaly a = shifts.get(i);
                runs[i] = new int[] {runsTouching(codes, a.start() - offset, a.end() - offset),
                    runsTouching(pointwise, a.start() - offset, a.end() - offset)};
            }
            return runs;
        });
    }

    /** Long level shifts (150 rows of 3.5σ) are caught, each as one event, by the default decision rule. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aLongLevelShiftIsCaughtAsOneEvent(long seed) {
        int[][] runs = shiftRuns(seed);
        assertThat(runs.length).isEqualTo(3);
        for (int[] r : runs) {
            assertThat(r[0]).as("runs over a shift, seed %d", seed).isEqualTo(1);
        }
    }

    /** TIM's pointwise rule on the same indicators breaks some of those shifts into pieces: the rule is what keeps them whole. */
    @org.junit.jupiter.api.Test
    void thePointwiseRuleBreaksSomeOfThemUp() {
        int broken = 0;
        for (long seed = 1; seed <= 3; seed++) {
            for (int[] r : shiftRuns(seed)) {
                broken += r[1] > 1 ? 1 : 0;
            }
        }
        assertThat(broken).isPositive();
    }

    /** Runs of anomalous rows (code 1 or 3) that share a row with {@code [from, to)}. */
    private static int runsTouching(double[] codes, int from, int to) {
        int runs = 0;
        for (int r = Math.max(0, from); r < Math.min(codes.length, to); r++) {
            boolean flagged = codes[r] == 1 || codes[r] == 3;
            boolean startsRun = r == from || !(codes[r - 1] == 1 || codes[r - 1] == 3);
            runs += flagged && startsRun ? 1 : 0;
        }
        return runs;
    }
}
