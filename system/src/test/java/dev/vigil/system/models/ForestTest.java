package dev.vigil.system.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.testing.Trials;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ForestTest {

    @Test
    void averagePathLengthUsesExactHarmonicNumbers() {
        double[] c = Forest.averagePathTable(256);
        assertThat(c[1]).isZero();
        assertThat(c[2]).isEqualTo(1);
        assertThat(c[3]).isCloseTo(2 * 1.5 - 4.0 / 3, within(1e-12));
        assertThat(c[256]).isCloseTo(10.2487, within(1e-4));
    }

    @Test
    void floydSamplingDrawsDistinctRowsInRange() {
        Trials.forAll(3, 100, random -> {
            int n = 1 + random.nextInt(5000);
            int m = 1 + random.nextInt(n);
            int[] s = Forest.Tree.sample(n, m, new SplittableRandom(random.nextLong()));
            assertThat(s).hasSize(m);
            assertThat(Arrays.stream(s).distinct().count()).isEqualTo(m);
            assertThat(Arrays.stream(s).allMatch(v -> v >= 0 && v < n)).isTrue();
        });
    }

    @Test
    void anIsolatedPointScoresHigherAndBlockScoringMatchesOnePointScoring() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 2000;
        int d = 4;
        double[][] pts = new double[d][n];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                pts[j][i] = r.nextGaussian();
            }
        }
        for (int k : new int[] {1, 2, 4}) {
            Forest f = Forest.grow(pts, n, 100, 256, 8, k, 9, false, t -> { });
            double[] x = {0, 0, 0, 0, 6, 6, 6, 6};
            double[] out = new double[2];
            f.scoreBlock(x, 2, out, 0, new int[2], new double[2]);
            assertThat(out[1]).as("k = %d", k).isGreaterThan(out[0] + 0.15);
            assertThat(out[0]).isEqualTo(f.score(x, 0));
            assertThat(out[1]).isEqualTo(f.score(x, 4));
            Forest parallel = Forest.grow(pts, n, 100, 256, 8, k, 9, true, t -> { });
            assertThat(parallel.offset).as("the same forest whatever the threads").isEqualTo(f.offset);
            assertThat(parallel.child).isEqualTo(f.child);
        }
    }
}
