package dev.vigil.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {
    private static double[] normal(int n, double mean, double sd, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = mean + sd * r.nextGaussian();
        }
        return x;
    }

    @Test
    void oneGaussianIsOneComponentWithItsMoments() {
        GaussianMixture m = GaussianMixture.fit(normal(5000, 3, 2, 1), 30);
        assertThat(m.components()).isEqualTo(1);
        assertThat(m.means()[0]).isCloseTo(3, within(0.1));
        assertThat(Math.sqrt(m.variances()[0])).isCloseTo(2, within(0.1));
    }

    @Test
    void twoSeparatedGroupsAreTwoComponents() {
        double[] a = normal(3000, -5, 1, 2);
        double[] b = normal(1000, 5, 1, 3);
        double[] x = new double[4000];
        System.arraycopy(a, 0, x, 0, 3000);
        System.arraycopy(b, 0, x, 3000, 1000);
        GaussianMixture m = GaussianMixture.fit(x, 30);
        assertThat(m.components()).isEqualTo(2);
        double[] means = m.means();
        Arrays.sort(means);
        assertThat(means[0]).isCloseTo(-5, within(0.2));
        assertThat(means[1]).isCloseTo(5, within(0.2));
        assertThat(Arrays.stream(m.weights()).max().orElseThrow()).isCloseTo(0.75, within(0.03));
    }

    @Test
    void theSameDataGiveTheSameMixture() {
        double[] x = normal(2000, 0, 1, 4);
        GaussianMixture a = GaussianMixture.fit(x, 10);
        GaussianMixture b = GaussianMixture.fit(x.clone(), 10);
        assertThat(a.means()).containsExactly(b.means());
        assertThat(a.variances()).containsExactly(b.variances());
    }

    @Test
    void densitiesAreFiniteFarOutAndPeakAtTheMode() {
        GaussianMixture m = GaussianMixture.fit(normal(2000, 10, 1, 5), 5);
        assertThat(m.logDensity(1e9)).isFinite().isLessThan(-1e15);
        assertThat(m.maxLogDensity()).isCloseTo(m.logDensity(m.means()[0]), within(1e-9));
        assertThat(m.maxLogDensity()).isGreaterThanOrEqualTo(m.logDensity(10.3));
    }

    @Test
    void constantDataGiveOneNarrowComponent() {
        double[] x = new double[100];
        Arrays.fill(x, 7);
        GaussianMixture m = GaussianMixture.fit(x, 30);
        assertThat(m.components()).isEqualTo(1);
        assertThat(m.means()[0]).isEqualTo(7);
        assertThat(m.variances()[0]).isPositive();
    }
}
