package dev.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.Trials;
import org.junit.jupiter.api.Test;

class DownsamplingTest {
    @Test
    void everyBucketKeepsItsLowestAndHighestValueInTimeOrderAndNoMoreThanTwoPointsPerBucket() {
        Trials.forAll(16L, 200, random -> {
            int n = random.nextInt(1, 5000);
            int buckets = random.nextInt(1, 300);
            long[] time = new long[n];
            double[] value = new double[n];
            for (int i = 0; i < n; i++) {
                time[i] = 1_000L * i;
                value[i] = random.nextDouble() < 0.05 ? Double.NaN : random.nextDouble() < 0.01 ? 1e6 * random.nextGaussian() : random.nextGaussian();
            }
            Downsampling.Points p = Downsampling.minMax(time, value, 0, n, buckets);
            if (n <= 2 * buckets) {
                assertThat(p.time()).containsExactly(time);
                return;
            }
            assertThat(p.size()).isLessThanOrEqualTo(2 * buckets);
            for (int i = 1; i < p.size(); i++) {
                assertThat(p.time()[i]).isGreaterThan(p.time()[i - 1]);
            }
            for (int b = 0; b < buckets; b++) {
                int from = (int) ((long) b * n / buckets);
                int to = (int) ((long) (b + 1) * n / buckets);
                double lo = Double.NaN;
                double hi = Double.NaN;
                for (int r = from; r < to; r++) {
                    if (!Double.isNaN(value[r])) {
                        lo = Double.isNaN(lo) ? value[r] : Math.min(lo, value[r]);
                        hi = Double.isNaN(hi) ? value[r] : Math.max(hi, value[r]);
                    }
                }
                boolean sawLo = false;
                boolean sawHi = false;
                boolean sawGap = false;
                for (int i = 0; i < p.size(); i++) {
                    if (p.time()[i] >= time[from] && p.time()[i] <= time[to - 1]) {
                        sawLo |= p.value()[i] == lo;
                        sawHi |= p.value()[i] == hi;
                        sawGap |= Double.isNaN(p.value()[i]);
                    }
                }
                if (Double.isNaN(lo)) {
                    assertThat(sawGap).as("bucket %d of missing values keeps a gap", b).isTrue();
                } else {
                    assertThat(sawLo && sawHi).as("bucket %d keeps %s and %s", b, lo, hi).isTrue();
                }
            }
        });
    }

    @Test
    void aSpikeOfOneRowInAMillionSurvives() {
        int n = 1_000_000;
        long[] time = new long[n];
        double[] value = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = i;
            value[i] = Math.sin(i / 1000.0);
        }
        value[654_321] = 50;
        value[123_456] = -40;
        Downsampling.Points p = Downsampling.minMax(time, value, 0, n, 1500);
        assertThat(p.size()).isLessThanOrEqualTo(3000);
        assertThat(p.value()).contains(50.0, -40.0);
        assertThat(p.time()).contains(654_321L, 123_456L);
    }
}
