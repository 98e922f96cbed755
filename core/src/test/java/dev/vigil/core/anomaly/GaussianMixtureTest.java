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

    private static double[] concat(double[] a, double[] b) {
        double[] x = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, x, a.length, b.length);
        return x;
    }

    @Test
    void aRefitCanGrowByAComponent() {
        GaussianMixture one = GaussianMixture.fit(normal(2000, 0, 1, 7), 30);
        assertThat(one.components()).isEqualTo(1);
        GaussianMixture grown = one.refit(concat(normal(3000, -5, 1, 2), normal(1000, 5, 1, 3)), 30);
        assertThat(grown.components()).isEqualTo(2);
        double[] means = grown.means();
        Arrays.sort(means);
        assertThat(means[0]).isCloseTo(-5, within(0.2));
        assertThat(means[1]).isCloseTo(5, within(0.2));
    }

    @Test
    void aRefitCanShrinkByAComponentAndRespectsTheLimit() {
        GaussianMixture two = GaussianMixture.fit(concat(normal(3000, -5, 1, 2), normal(1000, 5, 1, 3)), 30);
        assertThat(two.components()).isEqualTo(2);
        GaussianMixture shrunk = two.refit(normal(3000, 1, 2, 8), 30);
        assertThat(shrunk.components()).isEqualTo(1);
        assertThat(shrunk.means()[0]).isCloseTo(1, within(0.1));
        assertThat(Math.sqrt(shrunk.variances()[0])).isCloseTo(2, within(0.1));
        assertThat(GaussianMixture.fit(normal(2000, 0, 1, 7), 1).refit(concat(normal(3000, -5, 1, 2), normal(1000, 5, 1, 3)), 1)
                .components()).isEqualTo(1);
    }

    @Test
    void aRefitOnSlightlyChangedDataStaysCloseToAFreshFit() {
        double[] x = concat(normal(3000, -5, 1, 2), normal(1000, 5, 1, 3));
        GaussianMixture before = GaussianMixture.fit(Arrays.copyOf(x, 3900), 30);
        GaussianMixture refitted = before.refit(x, 30);
        GaussianMixture fresh = GaussianMixture.fit(x, 30);
        assertThat(refitted.components()).isEqualTo(fresh.components());
        for (double v : new double[] {-7, -5, 0, 5, 7}) {
            assertThat(refitted.logDensity(v)).as("ln p(%s)", v).isCloseTo(fresh.logDensity(v), within(0.05));
        }
        assertThat(before.refit(x, 30).means()).containsExactly(refitted.means()); // deterministic
    }

    @Test
    void aRefitOnConstantDataGivesOneNarrowComponent() {
        double[] x = new double[50];
        Arrays.fill(x, 3);
        GaussianMixture m = GaussianMixture.fit(normal(500, 0, 1, 9), 5).refit(x, 5);
        assertThat(m.components()).isEqualTo(1);
        assertThat(m.means()[0]).isEqualTo(3);
    }
}
