package dev.vigil.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The automatic sensitivity: no tail in a clean bulk, the tail's share (not a bound) where there is a
 * clear one. Seeded draws of bulk, size and contamination (vigil-testing's Trials would close a
 * module cycle here; each case names its seed).
 */
class OperatingPointTest {
    @Test
    void aGaussianBulkAloneHasNoTailSoTheLowerBoundIsUsed() {
        SplittableRandom seeds = new SplittableRandom(15);
        for (int t = 0; t < 20; t++) {
            long seed = seeds.nextLong();
            Random r = new Random(seed);
            int n = 2000 + r.nextInt(18_000);
            double mu = 100 * r.nextGaussian();
            double sigma = Math.exp(4 * r.nextGaussian());
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = mu + sigma * r.nextGaussian();
            }
            OperatingPoint p = OperatingPoint.choose(v, 0, 5);
            assertThat(p.sensitivity()).as("seed %d: %s", seed, p.evidence()).isZero();
            assertThat(p.evidence()).contains("no tail beyond chance");
        }
    }

    @Test
    void aClearTailGivesItsShareWithinTheBoundsNotABound() {
        SplittableRandom seeds = new SplittableRandom(16);
        for (int t = 0; t < 20; t++) {
            long seed = seeds.nextLong();
            Random r = new Random(seed);
            int n = 4000 + r.nextInt(16_000);
            double share = 0.005 + 0.025 * r.nextDouble();
            double mu = 100 * r.nextGaussian();
            double sigma = Math.exp(2 * r.nextGaussian());
            double[] v = new double[n];
            int anomalies = 0;
            for (int i = 0; i < n; i++) {
                boolean anomalous = r.nextDouble() < share;
                anomalies += anomalous ? 1 : 0;
                double offset = anomalous ? (r.nextBoolean() ? 1 : -1) * (7 + 5 * r.nextDouble()) : 0;
                v[i] = mu + sigma * (r.nextGaussian() + offset);
            }
            OperatingPoint p = OperatingPoint.choose(v, 0, 5);
            double truth = 100.0 * anomalies / n;
            assertThat(p.sensitivity()).as("seed %d: %s", seed, p.evidence()).isCloseTo(truth, within(0.15 * truth)).isLessThan(5);
            assertThat(p.evidence()).contains("operating point");
        }
    }

    @Test
    void theBoundsClipTheChoiceAndTheEvidenceSaysSo() {
        Random r = new Random(17);
        double[] v = new double[10_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian() + (i % 20 == 0 ? 9 : 0); // 5 % at +9 sigma
        }
        OperatingPoint p = OperatingPoint.choose(v, 0, 2);
        assertThat(p.sensitivity()).isEqualTo(2);
        assertThat(p.evidence()).contains("clipped to the upper bound 2 %");
        assertThat(OperatingPoint.choose(v, 0, 100).sensitivity()).isCloseTo(5, within(0.3));
    }

    @Test
    void aConstantBulkOrTooFewValuesGiveTheLowerBound() {
        double[] constant = new double[500];
        constant[3] = 10;
        assertThat(OperatingPoint.choose(constant, 0.5, 5).sensitivity()).isEqualTo(0.5);
        assertThat(OperatingPoint.choose(new double[] {1, 2, 3}, 0, 5).sensitivity()).isZero();
    }

    @Test
    void theNormalTailProbabilityIsAccurate() {
        // P(|Z| > c) from tables: 1: 0.3173105, 3: 0.0026998, 5: 5.733e-7
        assertThat(OperatingPoint.tailProbability(0)).isCloseTo(1, within(1e-7));
        assertThat(OperatingPoint.tailProbability(1)).isCloseTo(0.3173105, within(1e-6));
        assertThat(OperatingPoint.tailProbability(3) / 0.0026998).isCloseTo(1, within(1e-4));
        assertThat(OperatingPoint.tailProbability(5) / 5.733e-7).isCloseTo(1, within(1e-3));
    }
}
