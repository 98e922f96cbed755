package dev.vigil.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The EM loop's shortcuts (no exp for the leading component, no log or division for a row one component
 * explains, no sums of zero responsibilities) give the bits the plain loop gives: {@link
 * GaussianMixture#fitExactly} is compared, bit for bit, with a copy of the loop as it was before them.
 * Seeded draws (vigil-testing's Trials would close a module cycle here; each case names its seed).
 */
class GaussianMixtureEmTest {
    @Test
    void fitsAreBitIdenticalToThePlainLoop() {
        SplittableRandom seeds = new SplittableRandom(1515);
        int compared = 0;
        for (int t = 0; t < 40; t++) {
            long seed = seeds.nextLong();
            double[] x = data(new Random(seed));
            for (int k = 2; k <= 6; k++) {
                Optional<GaussianMixture> fast = GaussianMixture.fitExactly(x, k);
                double[][] plain = plainFit(x, k);
                assertThat(fast.isPresent()).as("seed %d, k %d: fitted", seed, k).isEqualTo(plain != null);
                if (plain != null) {
                    GaussianMixture m = fast.orElseThrow();
                    assertThat(bits(m.weights())).as("seed %d, k %d: weights", seed, k).containsExactly(bits(plain[0]));
                    assertThat(bits(m.means())).as("seed %d, k %d: means", seed, k).containsExactly(bits(plain[1]));
                    assertThat(bits(m.variances())).as("seed %d, k %d: variances", seed, k).containsExactly(bits(plain[2]));
                    compared++;
                }
            }
        }
        assertThat(compared).as("fits compared").isGreaterThan(100);
    }

    /** Data of the kinds densities are fitted to: separated groups, far outliers, ties, integers, sorted quantiles. */
    private static double[] data(Random r) {
        int n = 50 + r.nextInt(2_000);
        int groups = 1 + r.nextInt(4);
        double[] centre = new double[groups];
        double[] sd = new double[groups];
        for (int g = 0; g < groups; g++) {
            centre[g] = 50 * r.nextGaussian();
            sd[g] = Math.exp(2 * r.nextGaussian());
        }
        boolean integers = r.nextInt(4) == 0;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            int g = r.nextInt(groups);
            double v = centre[g] + sd[g] * r.nextGaussian();
            if (r.nextInt(100) == 0) {
                v += 1e3 * r.nextGaussian(); // far outliers: rows only one component explains
            }
            x[i] = integers ? Math.rint(v) : v;
        }
        if (r.nextBoolean()) {
            Arrays.sort(x); // thinned densities are fitted to sorted quantiles
        }
        return x;
    }

    private static long[] bits(double[] a) {
        return Arrays.stream(a).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    // ---- the loop before the shortcuts, with GaussianMixture's k-means++ start and floor ----

    private static double[][] plainFit(double[] x, int k) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        var /= n;
        double scaleFloor = Math.max(Math.abs(mean), 1) * 1e-12;
        double floor = Math.max(var * 1e-6, scaleFloor * scaleFloor);
        if (var <= floor || Arrays.stream(x).distinct().count() < k) {
            return null;
        }
        Random random = new Random(0x5eedL * 31 + k);
        double[] mu = kMeansPlusPlus(x, k, random);
        double total = 0;
        for (double v : x) {
            total += v;
        }
        double overall = 0;
        for (double v : x) {
            overall += (v - total / n) * (v - total / n);
        }
        overall /= n;
        double[] w = new double[k];
        double[] s2 = new double[k];
        Arrays.fill(w, 1.0 / k);
        Arrays.fill(s2, Math.max(overall / (k * k), floor));
        double[] resp = new double[k];
        double[] nk = new double[k];
        double[] sx = new double[k];
        double[] sxx = new double[k];
        double previous = Double.NEGATIVE_INFINITY;
        for (int iter = 0; iter < 60; iter++) {
            double[] logNorm = new double[k];
            double[] half = new double[k];
            for (int j = 0; j < k; j++) {
                logNorm[j] = Math.log(w[j]) - 0.5 * (Math.log(2 * Math.PI) + Math.log(s2[j]));
                half[j] = 0.5 / s2[j];
            }
            Arrays.fill(nk, 0);
            Arrays.fill(sx, 0);
            Arrays.fill(sxx, 0);
            double ll = 0;
            for (double v : x) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double d = v - mu[j];
                    resp[j] = logNorm[j] - d * d * half[j];
                    max = Math.max(max, resp[j]);
                }
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    double d = resp[j] - max;
                    resp[j] = d < -40 ? 0 : Math.exp(d);
                    sum += resp[j];
                }
                ll += max + Math.log(sum);
                for (int j = 0; j < k; j++) {
                    double r = resp[j] / sum;
                    nk[j] += r;
                    sx[j] += r * v;
                    sxx[j] += r * v * v;
                }
            }
            for (int j = 0; j < k; j++) {
                if (nk[j] < 1e-6 * n) {
                    return null;
                }
                w[j] = nk[j] / n;
                mu[j] = sx[j] / nk[j];
                s2[j] = Math.max(sxx[j] / nk[j] - mu[j] * mu[j], floor);
            }
            if (Math.abs(ll - previous) <= 1e-6 * Math.abs(ll)) {
                break;
            }
            previous = ll;
        }
        return new double[][] {w, mu, s2};
    }

    private static double[] kMeansPlusPlus(double[] x, int k, Random random) {
        double[] centres = new double[k];
        centres[0] = x[random.nextInt(x.length)];
        double[] d2 = new double[x.length];
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (int i = 0; i < x.length; i++) {
                double best = Double.POSITIVE_INFINITY;
                for (int c = 0; c < j; c++) {
                    double d = x[i] - centres[c];
                    best = Math.min(best, d * d);
                }
                d2[i] = best;
                total += best;
            }
            double pick = random.nextDouble() * total;
            int chosen = x.length - 1;
            for (int i = 0; i < x.length; i++) {
                pick -= d2[i];
                if (pick <= 0) {
                    chosen = i;
                    break;
                }
            }
            centres[j] = x[chosen];
        }
        return centres;
    }
}
