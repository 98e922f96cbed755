package dev.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void severityIsZeroOnNormalRowsAndOneAtTheInSampleMaximum() {
        double[] scores = new double[100];
        for (int i = 0; i < 100; i++) {
            scores[i] = i;
        }
        IndicatorCalibration c = IndicatorCalibration.fit(scores, IndicatorCalibration.Settings.sensitivity(10), new JobLog());
        double[] ai = c.indicator(scores);
        assertThat(c.severity(ai[50])).isZero();
        assertThat(c.severity(ai[99])).isEqualTo(1);
        assertThat(c.severity(ai[95])).isStrictlyBetween(0.0, 1.0);
        assertThat(c.indicator(new double[] {-5})[0]).as("below the in-sample minimum: clamped to 0").isZero();
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
        IndicatorCalibration c = new IndicatorCalibration(1.5, 0.7, 0.3, 3, 4.2);
        assertThat(IndicatorCalibration.restore(StateReader.of(c.state(), "anomalyIndicator"))).isEqualTo(c);
    }
}
