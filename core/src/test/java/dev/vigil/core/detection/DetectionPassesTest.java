package dev.vigil.core.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.spi.log.MessageType;
import dev.vigil.spi.settings.AnomalousBehaviorSettings;
import dev.vigil.spi.settings.AutoBoolean;
import dev.vigil.spi.settings.Configuration;
import dev.vigil.spi.settings.DetectionInterval;
import dev.vigil.spi.settings.DomainSpecific;
import dev.vigil.spi.settings.NormalBehaviorSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The parts of a build that lie between the two models: the second pass, detection intervals,
 * thresholds on tied values and progress reports. Uses the minimal plugins of {@link AnomalyDetectorTest}.
 */
class DetectionPassesTest {
    private static final int ROWS = 1000;

    /** kpi = 3 + 2·a + 0.1·noise, every minute from the epoch, plus a spike of 10 to 50 on every 25th row. */
    private static TimeFrame spiked(long seed) {
        Random r = new Random(seed);
        long[] t = new long[ROWS];
        double[] kpi = new double[ROWS];
        double[] a = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            t[i] = i * 60_000L;
            a[i] = r.nextGaussian();
            kpi[i] = 3 + 2 * a[i] + 0.1 * r.nextGaussian() + (i % 25 == 7 ? 10 + 40 * r.nextDouble() : 0);
        }
        return TimeFrame.builder(t).column("kpi", kpi).column("a", a).source("spiked.csv").build();
    }

    private static AnomalyDetector.Builder detector(AnomalousBehaviorSettings anomalous) {
        return AnomalyDetector.builder()
                .configuration(new Configuration(List.of(DomainSpecific.fixed("Raw", 5)), NormalBehaviorSettings.DEFAULT, anomalous))
                .perspectives(new AnomalyDetectorTest.Raw())
                .features(List.of(new AnomalyDetectorTest.Current()))
                .normalBehavior(NormalBehaviorSettings.DEFAULT.withFeatures(List.of("Current", "Intercept"))
                        .withUseKPIoffsets(AutoBoolean.FALSE))
                .registry(PluginRegistry.empty().with(FeatureGenerator.class, new AnomalyDetectorTest.Current())
                        .with(FeatureGenerator.class, new AnomalyDetectorTest.Intercept()));
    }

    /** Root mean square of normal_behavior − (3 + 2·a) over the rows without a spike. */
    private static double errorOnCleanRows(TimeFrame frame, DetectionResult result) {
        double[] nb = result.table().values(DetectionResult.NORMAL_BEHAVIOR);
        double[] a = frame.values("a");
        double ss = 0;
        int n = 0;
        for (int i = 0; i < ROWS; i++) {
            if (i % 25 != 7) {
                double e = nb[i] - (3 + 2 * a[i]);
                ss += e * e;
                n++;
            }
        }
        return Math.sqrt(ss / n);
    }

    /** In-sample rows whose indicator exceeds 1: what a sensitivity counts (the decision rule may join or drop some of them). */
    private static long anomalies(DetectionResult result) {
        TimeFrame table = result.table();
        return java.util.Arrays.stream(table.values(result.indicatorColumns().get(0))).filter(v -> v > 1).count();
    }

    @Test
    void theSecondPassRefitsTheNormalBehaviourWithoutTheRowsTheFirstFlagged() {
        TimeFrame frame = spiked(1);
        BuildResult once = detector(AnomalousBehaviorSettings.DEFAULT.withSecondPass(false)).build().build(frame);
        BuildResult twice = detector(AnomalousBehaviorSettings.DEFAULT).build().build(frame);

        // one pass: the 40 spikes pull the intercept up by about 40·30/1000 = 1.2
        assertThat(errorOnCleanRows(frame, once.inSample())).isGreaterThan(0.8);
        assertThat(once.inSample().logs()).extracting(LogEntry::message).noneMatch(m -> m.startsWith("Second pass"));
        // the first pass flags 5 % of 1,000 rows, every spike among them; the second leaves exactly those out
        long firstPass = anomalies(once.inSample());
        assertThat(firstPass).isEqualTo(50);
        assertThat(twice.inSample().logs()).extracting(LogEntry::message).contains("Second pass: refitting the normal behaviour without the "
                + firstPass + " in-sample rows the first pass flagged.");
        assertThat(errorOnCleanRows(frame, twice.inSample())).isLessThan(0.05);
    }

    @Test
    void outsideDetectionIntervalsNothingIsCalculatedAndTheThresholdCountHoldsInside() {
        // 1,000 minutes from midnight: hours 0 to 16; Gaussian noise, so no tied scores (isolated spikes could each get a
        // mixture component of their own, with equal scores)
        TimeFrame frame = AnomalyDetectorTest.data(ROWS, 2);
        AnomalousBehaviorSettings elevenToTwelve = new AnomalousBehaviorSettings(30, List.of(new DetectionInterval(DetectionInterval.Type.Hour,
                "11-12")), true);
        DetectionResult result = detector(elevenToTwelve).build().build(frame).inSample();
        TimeFrame table = result.table();
        double[] indicator = table.values("anomaly_indicator_raw");
        double[] code = table.values(DetectionResult.ANOMALY_CODE);
        int inside = 0;
        int above = 0;
        for (int i = 0; i < table.rows(); i++) {
            long hour = table.time(i) / 3_600_000L;
            if (hour == 11 || hour == 12) {
                inside++;
                assertThat(indicator[i]).as("row %d", i).isNotNaN();
                assertThat(code[i]).as("row %d", i).isIn(0.0, 1.0);
                above += indicator[i] > 1 ? 1 : 0;
            } else {
                assertThat(indicator[i]).as("row %d", i).isNaN();
                assertThat(code[i]).as("row %d", i).isIn(2.0, 3.0);
            }
        }
        assertThat(inside).isEqualTo(120);
        assertThat(above).isEqualTo(Math.round(0.05 * inside)); // the threshold is calibrated on the in-window rows only
        assertThat(result.perspectives().get(0).rows()).isEqualTo(120);
    }

    @Test
    void tiedValuesGetTheNearestThresholdCountTheSensitivityActuallyUsedAndAWarning() {
        Random r = new Random(3);
        int n = 2000;
        long[] t = new long[n];
        double[] kpi = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * 60_000L;
            kpi[i] = 20 + Math.round(2 * r.nextGaussian()); // counts: a handful of distinct values
        }
        TimeFrame frame = TimeFrame.builder(t).column("kpi", kpi).source("counts.csv").build();
        NormalBehaviorSettings off = new NormalBehaviorSettings(false, true, OptionalInt.empty(), List.of("Current"), AutoBoolean.AUTO,
                AutoBoolean.FALSE, true, OptionalInt.empty());
        DetectionResult result = detector(AnomalousBehaviorSettings.DEFAULT).normalBehavior(off).build().build(frame).inSample();
        long above = anomalies(result);
        assertThat(above).isPositive().isNotEqualTo(100); // 5 % of 2,000 is impossible with these ties, but some rows are flagged
        assertThat(result.perspectives().get(0).sensitivity()).isEqualTo(100.0 * above / n);
        assertThat(result.logs()).filteredOn(e -> e.messageType() == MessageType.Warning).extracting(LogEntry::message)
                .anyMatch(m -> m.startsWith("Raw: tied in-sample scores leave no threshold with exactly 100 of 2,000 values above it"));
    }

    @Test
    void progressRisesFromZeroToOneThroughBuildAndDetect() {
        TimeFrame frame = spiked(4);
        List<Double> build = new ArrayList<>();
        List<String> stages = new ArrayList<>();
        BuildResult built = detector(AnomalousBehaviorSettings.DEFAULT).build().build(frame, (stage, fraction) -> {
            synchronized (build) {
                build.add(fraction);
                stages.add(stage);
            }
        });
        assertThat(build.get(0)).isZero();
        assertThat(build.get(build.size() - 1)).isEqualTo(1.0);
        assertThat(stages.get(stages.size() - 1)).isEqualTo("Done");
        assertThat(build).isSorted();
        assertThat(stages).contains("Modelling anomalous behaviour", "Second pass");

        List<Double> detect = new ArrayList<>();
        built.model().detect(frame, null, (stage, fraction) -> {
            synchronized (detect) {
                detect.add(fraction);
            }
        });
        assertThat(detect).isSorted().startsWith(0.0).endsWith(1.0);
    }
}
