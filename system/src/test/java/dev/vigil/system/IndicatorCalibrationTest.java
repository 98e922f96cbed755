package dev.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.core.StateReader;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.log.JobLog;
import dev.vigil.testing.Trials;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IndicatorCalibrationTest {

    @Test
    void exactlyKInSampleRowsAreAboveOneOneIsAtOneAndOneAtZero() {
        Trials.forAll(14, 200, random -> {
            int n = 2 + random.nextInt(3_000);
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                // distinct values: heavy-tailed, shifted; some rows unscored
                scores[i] = random.nextInt(20) == 0 ? Double.NaN : Math.exp(3 * random.nextGaussian()) + 1e-9 * i;
            }
            double s = random.nextDouble() * 20;
            int window = random.nextInt(4) == 0 ? 1 + random.nextInt(5) : 1;
            IndicatorCalibration c = IndicatorCalibration.fit(scores, new IndicatorCalibration.Settings(s, 0, 5, window), new JobLog());
            double[] ai = c.indicator(scores);
            long defined = Arrays.stream(ai).filter(v -> !Double.isNaN(v)).count();
            if (defined == 0) {
                return;
            }
            long k = Math.min(Math.round(s * defined / 100), defined - 1);
            assertThat(Arrays.stream(ai).filter(v -> v > 1).count()).as("rows above 1, N = %d, S = %s", defined, s).isEqualTo(k);
            assertThat(Arrays.stream(ai).filter(v -> v == 1).count()).isEqualTo(1);
            assertThat(Arrays.stream(ai).filter(v -> v == 0).count()).isEqualTo(1);
            assertThat(c.detectedSensitivity()).isEqualTo(s);
        });
    }

    @Test
    void theWindowIsATrailingMeanUndefinedUntilFullAndAfterAGap() {
        double[] s = {1, 2, 3, Double.NaN, 4, 5, 6, 7};
        double[] m = IndicatorCalibration.smooth(s, 2);
        assertThat(m).usingComparatorWithPrecision(1e-12).containsExactly(Double.NaN, 1.5, 2.5, Double.NaN, Double.NaN, 4.5, 5.5, 6.5);
        assertThat(IndicatorCalibration.smooth(s, 1)).isSameAs(s);
    }

    @Test
    void theAutomaticSensitivityFlagsRowsBeyondTheInnerFenceOnTheLogScaleUnlessAskedForTheFarOutOne() {
        // a body from 1 to 2 (on the log scale the inner fence is ≈ 2.9, the far-out one ≈ 4.8), five rows
        // between the two fences and two far out
        double[] scores = new double[1007];
        for (int i = 0; i < 1000; i++) {
            scores[i] = 1 + i / 999.0;
        }
        Arrays.fill(scores, 1000, 1005, 3.5);
        Arrays.fill(scores, 1005, 1007, 10);
        JobLog log = new JobLog();
        IndicatorCalibration inner = IndicatorCalibration.fit(scores, IndicatorCalibration.Settings.DEFAULT, log);
        assertThat(inner.detectedSensitivity()).isEqualTo(100.0 * 7 / 1007);
        assertThat(log.entries()).anyMatch(e -> e.message().contains("Q3·(Q3/Q1)^1.5 "));
        IndicatorCalibration far = IndicatorCalibration.fit(scores, IndicatorCalibration.Settings.DEFAULT.withFence(3), log);
        assertThat(far.detectedSensitivity()).isEqualTo(100.0 * 2 / 1007);
        assertThat(Arrays.stream(far.indicator(scores)).filter(v -> v > 1).count()).isEqualTo(2);
        assertThat(log.entries()).anyMatch(e -> e.message().contains("Q3·(Q3/Q1)^3 "));
        assertThat(IndicatorCalibration.Settings.DEFAULT.fence()).as("left to the model").isNaN();
        assertThat(IndicatorCalibration.Settings.DEFAULT.withFence(3).withWindow(4).fence()).isEqualTo(IndicatorCalibration.Settings.FAR_OUT);
        assertThatThrownBy(() -> IndicatorCalibration.Settings.DEFAULT.withFence(0)).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION)).hasMessageContaining("got 0.0");
    }

    @Test
    void automaticSensitivityStaysWithinItsBoundsAndIsLogged() {
        double[] scores = new double[1000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i < 900 ? i % 10 : 1000 + i; // 10 % far out
        }
        JobLog log = new JobLog();
        IndicatorCalibration c = IndicatorCalibration.fit(scores, new IndicatorCalibration.Settings(Double.NaN, 0, 5, 1), log);
        assertThat(c.detectedSensitivity()).isEqualTo(5);
        assertThat(log.entries()).anyMatch(e -> e.message().contains("automatically") && e.message().contains("10.000 %") && e.message().contains("log scale"));
        IndicatorCalibration low = IndicatorCalibration.fit(scores, new IndicatorCalibration.Settings(Double.NaN, 0, 20, 1), log);
        assertThat(low.detectedSensitivity()).isEqualTo(10);
        double[] clean = new double[1000];
        for (int i = 0; i < clean.length; i++) {
            clean[i] = i;
        }
        assertThat(IndicatorCalibration.fit(clean, new IndicatorCalibration.Settings(Double.NaN, 1, 5, 1), log).detectedSensitivity())
                .as("no outlying rows: the lower bound").isEqualTo(1);
    }

    @Test
    void severityIsZeroOnNormalRowsAndRanksEveryAnomalyBeyondTheThreshold() {
        double[] scores = new double[100];
        for (int i = 0; i < 100; i++) {
            scores[i] = i;
        }
        IndicatorCalibration c = IndicatorCalibration.fit(scores, IndicatorCalibration.Settings.sensitivity(10), new JobLog());
        double[] ai = c.indicator(scores);
        assertThat(c.severity(ai[50])).isZero();
        // (s − threshold) / (s − translation): the share of the score's rise that lies beyond the threshold
        assertThat(c.severity(ai[99])).isCloseTo((99 - c.threshold()) / (99 - c.translation()), within(1e-12));
        assertThat(c.severity(ai[95])).isStrictlyBetween(0.0, c.severity(ai[99]));
        assertThat(c.indicator(new double[] {-5})[0]).as("below the in-sample minimum: clamped to 0").isZero();
        // no in-sample row above 1 (sensitivity 0): anomalies far apart keep severities far apart, never all 1
        IndicatorCalibration none = IndicatorCalibration.fit(scores, IndicatorCalibration.Settings.sensitivity(0), new JobLog());
        double[] later = none.indicator(new double[] {120, 200, 10_000});
        assertThat(none.severity(later[0])).isStrictlyBetween(0.0, none.severity(later[1]));
        assertThat(none.severity(later[1])).isStrictlyBetween(none.severity(later[0]), none.severity(later[2]));
        assertThat(none.severity(later[2])).isLessThan(1);
    }

    @Test
    void modelFilesWrittenBeforeKeepTheirSeverityRule() {
        IndicatorCalibration fitted = IndicatorCalibration.fit(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 20}, IndicatorCalibration.Settings.sensitivity(10),
                new JobLog());
        java.util.Map<String, Object> old = new java.util.LinkedHashMap<>(fitted.state());
        assertThat(old.remove("severity")).isEqualTo("beyondThreshold");
        IndicatorCalibration legacy = IndicatorCalibration.restore(StateReader.of(old, "anomalyIndicator"));
        assertThat(legacy.severityRule()).isEqualTo(IndicatorCalibration.SeverityRule.IN_SAMPLE_MAX);
        double ai = legacy.maxIndicator();
        assertThat(legacy.severity(ai)).as("the in-sample maximum").isEqualTo(1);
        assertThat(legacy.severity(2 * ai)).as("saturated").isEqualTo(1);
        assertThat(legacy.severity((1 + ai) / 2)).isEqualTo(0.5, within(1e-12));
        old.put("severity", "loud");
        assertThatThrownBy(() -> IndicatorCalibration.restore(StateReader.of(old, "anomalyIndicator"))).hasMessageContaining("beyondThreshold");
    }

    @Test
    void equalScoresEverywhereDoNotDivideByZero() {
        double[] flat = new double[50];
        Arrays.fill(flat, 0.5);
        IndicatorCalibration c = IndicatorCalibration.fit(flat, IndicatorCalibration.Settings.sensitivity(2), new JobLog());
        assertThat(c.indicator(new double[] {0.5, 0.7})).containsExactly(0, IndicatorCalibration.CAP);
    }

    @Test
    void badSettingsAreRefusedWithTheValidRange() {
        assertThatThrownBy(() -> new IndicatorCalibration.Settings(120, 0, 5, 1)).isInstanceOf(VigilException.class)
                .hasMessageContaining("0 to 100");
        assertThatThrownBy(() -> new IndicatorCalibration.Settings(Double.NaN, 6, 5, 1)).hasMessageContaining("min ≤ max");
        assertThatThrownBy(() -> new IndicatorCalibration.Settings(Double.NaN, 0, 5, 0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> IndicatorCalibration.fit(new double[] {Double.NaN}, IndicatorCalibration.Settings.DEFAULT, new JobLog()))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_DATA));
    }

    @Test
    void windowsInTimeUnitsBecomeRows() {
        assertThat(IndicatorCalibration.windowRows("Sample", 10, 60_000)).isEqualTo(10);
        assertThat(IndicatorCalibration.windowRows("Hour", 1, 60_000)).isEqualTo(60);
        assertThat(IndicatorCalibration.windowRows("second", 10, 60_000)).isEqualTo(1);
        assertThatThrownBy(() -> IndicatorCalibration.windowRows("Week", 1, 60_000)).hasMessageContaining("Sample, Second, Minute, Hour, Day");
    }

    @Test
    void stateRoundTrips() {
        for (IndicatorCalibration.SeverityRule rule : IndicatorCalibration.SeverityRule.values()) {
            IndicatorCalibration c = new IndicatorCalibration(1.5, 0.7, 0.3, 3, 4.2, rule);
            assertThat(IndicatorCalibration.restore(StateReader.of(c.state(), "anomalyIndicator"))).isEqualTo(c);
        }
    }
}
