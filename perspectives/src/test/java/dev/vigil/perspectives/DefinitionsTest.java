package dev.vigil.perspectives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.PerspectiveWindow;
import dev.vigil.spi.VigilException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The formulas of docs/models.md#detection-perspectives, checked against a direct computation on random series. */
class DefinitionsTest {
    private static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian() * 3 + (i % 50 == 0 ? 10 : 0);
        }
        return v;
    }

    private static double[] run(DetectionPerspective p, double[] r, PerspectiveWindow w) {
        double[] out = new double[r.length];
        p.transform(r, w, out);
        return out;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double sd(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / v.length);
    }

    @Test
    void residualChangeIsTheDeviationFromThePastMedianOverThePastSpread() {
        double[] r = random(300, 1);
        int w = 9;
        double[] out = run(new ResidualChange(), r, PerspectiveWindow.of(w));
        for (int t = w - 1; t < r.length; t++) {
            double[] p = Arrays.copyOfRange(r, t - w + 1, t);
            double m = median(p);
            double spread = Arrays.stream(p).map(x -> Math.abs(x - m)).sum();
            assertThat(out[t]).isCloseTo((r[t] - m) / (1 + spread), within(1e-12));
        }
    }

    @Test
    void imbalanceAndFluctuationAreMovingMeanAndSpread() {
        double[] r = random(10_000, 2);
        int w = 24;
        double[] imb = run(new Imbalance(), r, PerspectiveWindow.of(w));
        double[] flu = run(new Fluctuation(), r, PerspectiveWindow.of(w));
        for (int t = w - 1; t < r.length; t += 37) {
            double[] win = Arrays.copyOfRange(r, t - w + 1, t + 1);
            assertThat(imb[t]).isCloseTo(mean(win), within(1e-9));
            assertThat(flu[t]).isCloseTo(sd(win), within(1e-9));
        }
    }

    @Test
    void changePerspectivesCompareTheRecentPartWithTheOlderOne() {
        double[] r = random(400, 3);
        int w = 16;
        int s = 4;
        double[] ic = run(new ImbalanceChange(), r, new PerspectiveWindow(w, s));
        double[] fc = run(new FluctuationChange(), r, new PerspectiveWindow(w, s));
        for (int t = w - 1; t < r.length; t++) {
            double[] a = Arrays.copyOfRange(r, t - s + 1, t + 1);
            double[] b = Arrays.copyOfRange(r, t - w + 1, t - s + 1);
            double m = median(b);
            double scale = 1 + Arrays.stream(b).map(x -> Math.abs(x - m)).sum() / (w - s);
            assertThat(ic[t]).isCloseTo((mean(a) - mean(b)) / scale, within(1e-12));
            assertThat(fc[t]).isCloseTo((sd(a) - sd(b)) / scale, within(1e-12));
        }
    }

    @Test
    void defaultWindowsFollowTheSamplingPeriod() {
        assertThat(new Imbalance().defaultWindow(Duration.ofSeconds(1))).isEqualTo(PerspectiveWindow.of(36));
        assertThat(new Imbalance().defaultWindow(Duration.ofMinutes(10))).isEqualTo(PerspectiveWindow.of(36));
        assertThat(new Imbalance().defaultWindow(Duration.ofMinutes(15))).isEqualTo(PerspectiveWindow.of(24));
        assertThat(new Imbalance().defaultWindow(Duration.ofHours(1))).isEqualTo(PerspectiveWindow.of(24));
        assertThat(new Imbalance().defaultWindow(Duration.ofDays(1))).isEqualTo(PerspectiveWindow.of(9));
        assertThat(new ResidualChange().defaultWindow(Duration.ofMinutes(5))).isEqualTo(PerspectiveWindow.of(73));
        assertThat(new ResidualChange().defaultWindow(Duration.ofHours(1))).isEqualTo(PerspectiveWindow.of(49));
        assertThat(new FluctuationChange().defaultWindow(Duration.ofMinutes(1))).isEqualTo(new PerspectiveWindow(90, 18));
        assertThat(new ImbalanceChange().defaultWindow(Duration.ofHours(1))).isEqualTo(new PerspectiveWindow(60, 12));
        assertThat(new ImbalanceChange().defaultWindow(Duration.ofDays(7))).isEqualTo(new PerspectiveWindow(16, 4));
        assertThat(new Residual().defaultWindow(Duration.ofSeconds(1)).cut()).isZero();
    }

    @Test
    void windowsGivenAsTimeSpans() {
        assertThat(new Imbalance(Duration.ofSeconds(36)).defaultWindow(Duration.ofSeconds(2))).isEqualTo(PerspectiveWindow.of(18));
        assertThat(new ImbalanceChange(Duration.ofHours(2), Duration.ofMinutes(30)).defaultWindow(Duration.ofMinutes(10)))
                .isEqualTo(new PerspectiveWindow(12, 3));
        assertThatThrownBy(() -> new FluctuationChange(Duration.ofMinutes(5), Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void changePerspectivesNeedARecentPart() {
        assertThatThrownBy(() -> run(new ImbalanceChange(), new double[20], PerspectiveWindow.of(10)))
                .isInstanceOf(VigilException.class).hasMessageContaining("needs a window with a recent part");
    }

    @Test
    void aLevelShiftRaisesImbalanceAndABurstRaisesFluctuation() {
        double[] r = random(600, 4);
        for (int i = 0; i < r.length; i++) {
            r[i] /= 3;
        }
        for (int i = 300; i < 360; i++) {
            r[i] += 3;
        }
        for (int i = 450; i < 500; i++) {
            r[i] *= 6;
        }
        double[] imb = run(new Imbalance(), r, PerspectiveWindow.of(24));
        double[] flu = run(new Fluctuation(), r, PerspectiveWindow.of(24));
        assertThat(imb[340]).isGreaterThan(2);
        assertThat(Math.abs(imb[250])).isLessThan(1);
        assertThat(flu[490]).isGreaterThan(3 * flu[250]);
    }
}
