package dev.vigil.core.anomaly;

import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

/**
 * A one-dimensional Gaussian mixture {@code p(v) = Σ w_k N(v; μ_k, σ²_k)}, fitted by
 * expectation–maximisation with the number of components chosen by BIC (docs/models.md#density; Dempster, Laird &amp; Rubin 1977; Schwarz 1978). Immutable and thread-safe.
 *
 * <p>Fitting: k-means++ starts with a fixed seed (the same data always give the same mixture), a
 * variance floor of 10⁻⁶ of the data's variance, at most 60 iterations or a relative log-likelihood
 * change below 10⁻⁶; k grows from 1 until BIC has not improved for two steps, the data run out of
 * distinct values, or {@code maxComponents}. Densities are computed in the log domain, so extreme
 * values get finite scores.
 *
 * <p>Refitting ({@link #refit}) to data that extend or replace those of a fitted mixture starts EM
 * from that mixture instead of from k-means++, and lets BIC choose among k − 1, k and k + 1
 * components: a rebuild on slightly changed data then costs a few EM iterations instead of a full
 * search over k, and a mixture can still grow or shrink by one component per rebuild. The k − 1 and
 * k + 1 candidates get at most 10 EM iterations, enough to tell whether they fit better.
 *
 * <p>Public for the data-quality report's test of operating modes ({@link #fitExactly}, {@link #bic});
 * the anomalous-behaviour model is its main user.
 */
public final class GaussianMixture {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final int MAX_ITERATIONS = 60;
    /**
     * EM iterations at most for the k − 1 and k + 1 candidates of a refit (the current k runs to
     * convergence): they only have to tell, by BIC, whether another number of components fits better,
     * and one that wins is refined by the next refit, which starts from it. Measured on three NAB files
     * before this cap, the split (k + 1) ran 42 iterations on average, the k − 1 candidate 15, the
     * current k 20, and the split alone took 42 % of the EM work; it won one refit in eight.
     */
    static final int REFIT_ITERATIONS = 10;
    private static final double TOLERANCE = 1e-6;

    private final double[] weights;
    private final double[] means;
    private final double[] variances;
    private final double[] logNorm; // ln w_k − ½ ln(2π σ²_k)
    private final double[] halfPrecision; // 1 / (2 σ²_k)

    GaussianMixture(double[] weights, double[] means, double[] variances) {
        if (weights.length == 0 || weights.length != means.length || means.length != variances.length) {
            throw new IllegalArgumentException("a mixture needs matching, non-empty weights, means and variances");
        }
        this.weights = weights.clone();
        this.means = means.clone();
        this.variances = variances.clone();
        this.logNorm = new double[weights.length];
        this.halfPrecision = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            if (!(variances[k] > 0) || !(weights[k] > 0) || !Double.isFinite(means[k])) {
                throw new IllegalArgumentException("component " + k + " is invalid: w=" + weights[k] + " μ=" + means[k] + " σ²=" + variances[k]);
            }
            logNorm[k] = Math.log(weights[k]) - 0.5 * (LOG_2PI + Math.log(variances[k]));
            halfPrecision[k] = 0.5 / variances[k];
        }
    }

    /** The number of components. */
    public int components() {
        return weights.length;
    }

    /** The components' weights, summing to 1. */
    public double[] weights() {
        return weights.clone();
    }

    /** The components' means. */
    public double[] means() {
        return means.clone();
    }

    /** The components' variances. */
    public double[] variances() {
        return variances.clone();
    }

    /**
     * The mixture of exactly {@code k} components fitted to the data (finite values) by EM from the same
     * seeded k-means++ start {@link #fit} uses; for {@code k = 1} the data's mean and variance. Empty
     * when a component loses its data (fewer components fit better) or the data have fewer than {@code
     * k} distinct values.
     */
    public static Optional<GaussianMixture> fitExactly(double[] x, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1: " + k);
        }
        Moments m = Moments.of(x);
        if (k == 1) {
            return Optional.of(m.single());
        }
        if (m.constant() || distinctUpTo(x, k) < k) {
            return Optional.empty();
        }
        return Optional.ofNullable(em(x, k, m.floor));
    }

    /** Schwarz's Bayesian information criterion of this mixture on the data: {@code −2 ln L + (3k − 1) ln n}; lower is better. */
    public double bic(double[] x) {
        return bic(logLikelihood(x), components(), x.length);
    }

    /** ln p(v), finite for every finite v. */
    double logDensity(double v) {
        double max = Double.NEGATIVE_INFINITY;
        int n = weights.length;
        if (n == 1) {
            double d = v - means[0];
            return logNorm[0] - d * d * halfPrecision[0];
        }
        // two passes computing each term twice (the same bits both times) instead of an array per call:
        // a stream scores every row through here and must not allocate
        for (int k = 0; k < n; k++) {
            double d = v - means[k];
            max = Math.max(max, logNorm[k] - d * d * halfPrecision[k]);
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            double d = v - means[k];
            sum += Math.exp(logNorm[k] - d * d * halfPrecision[k] - max);
        }
        return max + Math.log(sum);
    }

    /**
     * The largest ln p(v) over v: the best component mean, refined by golden-section search within
     * one standard deviation of it.
     */
    double maxLogDensity() {
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < means.length; k++) {
            double v = logDensity(means[k]);
            if (v > bestValue) {
                bestValue = v;
                best = k;
            }
        }
        double sd = Math.sqrt(variances[best]);
        double a = means[best] - sd;
        double b = means[best] + sd;
        double phi = (Math.sqrt(5) - 1) / 2;
        double c = b - phi * (b - a);
        double d = a + phi * (b - a);
        for (int i = 0; i < 60; i++) {
            if (logDensity(c) > logDensity(d)) {
                b = d;
            } else {
                a = c;
            }
            c = b - phi * (b - a);
            d = a + phi * (b - a);
        }
        return Math.max(bestValue, logDensity((a + b) / 2));
    }

    /** The mixture with the lowest BIC for the data (finite values), with at most {@code maxComponents}. */
    static GaussianMixture fit(double[] x, int maxComponents) {
        Moments m = Moments.of(x);
        GaussianMixture best = m.single();
        if (m.constant()) {
            return best; // (nearly) constant data: one narrow component
        }
        double bestBic = bic(best.logLikelihood(x), 1, x.length);
        int distinct = distinctUpTo(x, maxComponents + 1);
        int worse = 0;
        for (int k = 2; k <= Math.min(maxComponents, distinct); k++) {
            GaussianMixture candidate = em(x, k, m.floor);
            if (candidate == null) {
                break;
            }
            double bic = bic(candidate.logLikelihood(x), candidate.components(), x.length);
            if (bic < bestBic) {
                bestBic = bic;
                best = candidate;
                worse = 0;
            } else if (++worse >= 2) {
                break;
            }
        }
        return best;
    }

    /**
     * This mixture refitted to new data (finite values): EM started from this mixture with k − 1
     * components (the lightest dropped), k, and k + 1 (the widest split in two), at most {@code
     * maxComponents}; the one with the lowest BIC wins. The k − 1 and k + 1 candidates run at most 10 EM iterations.
     */
    GaussianMixture refit(double[] x, int maxComponents) {
        Moments m = Moments.of(x);
        if (m.constant()) {
            return m.single();
        }
        int k = components();
        int distinct = distinctUpTo(x, Math.min(maxComponents, k + 1) + 1);
        GaussianMixture best = null;
        double bestBic = Double.POSITIVE_INFINITY;
        for (int c = Math.max(1, k - 1); c <= Math.min(Math.min(maxComponents, k + 1), distinct); c++) {
            GaussianMixture candidate = c == 1 ? m.single() : em(x, start(c), m.floor, c == k ? MAX_ITERATIONS : REFIT_ITERATIONS);
            if (candidate == null) {
                continue;
            }
            double bic = bic(candidate.logLikelihood(x), candidate.components(), x.length);
            if (bic < bestBic) {
                bestBic = bic;
                best = candidate;
            }
        }
        return best != null ? best : m.single();
    }

    /** EM's start for {@code c} of k − 1, k or k + 1 components, from this mixture: weights, means, variances. */
    private double[][] start(int c) {
        int k = components();
        double[] w = weights.clone();
        double[] mu = means.clone();
        double[] s2 = variances.clone();
        if (c == k - 1) {
            int lightest = 0;
            for (int j = 1; j < k; j++) {
                lightest = w[j] < w[lightest] ? j : lightest;
            }
            w = remove(w, lightest);
            mu = remove(mu, lightest);
            s2 = remove(s2, lightest);
        } else if (c == k + 1) {
            int widest = 0;
            for (int j = 1; j < k; j++) {
                widest = s2[j] > s2[widest] ? j : widest;
            }
            double sd = Math.sqrt(s2[widest]);
            w = Arrays.copyOf(w, k + 1);
            mu = Arrays.copyOf(mu, k + 1);
            s2 = Arrays.copyOf(s2, k + 1);
            w[widest] /= 2;
            w[k] = w[widest];
            mu[k] = mu[widest] + sd / 2;
            mu[widest] -= sd / 2;
            s2[widest] *= 0.75;
            s2[k] = s2[widest];
        }
        double total = 0;
        for (double v : w) {
            total += v;
        }
        for (int j = 0; j < w.length; j++) {
            w[j] /= total;
        }
        return new double[][] {w, mu, s2};
    }

    private static double[] remove(double[] a, int index) {
        double[] out = new double[a.length - 1];
        System.arraycopy(a, 0, out, 0, index);
        System.arraycopy(a, index + 1, out, index, a.length - index - 1);
        return out;
    }

    /** Mean, variance and variance floor of the data. */
    private record Moments(double mean, double variance, double floor) {
        static Moments of(double[] x) {
            if (x.length == 0) {
                throw new IllegalArgumentException("no data to fit");
            }
            double mean = 0;
            for (double v : x) {
                mean += v;
            }
            mean /= x.length;
            double var = 0;
            for (double v : x) {
                var += (v - mean) * (v - mean);
            }
            var /= x.length;
            double scaleFloor = Math.max(Math.abs(mean), 1) * 1e-12;
            return new Moments(mean, var, Math.max(var * 1e-6, scaleFloor * scaleFloor));
        }

        boolean constant() {
            return variance <= floor;
        }

        GaussianMixture single() {
            return new GaussianMixture(new double[] {1}, new double[] {mean}, new double[] {Math.max(variance, floor)});
        }
    }

    double logLikelihood(double[] x) {
        double ll = 0;
        for (double v : x) {
            ll += logDensity(v);
        }
        return ll;
    }

    private static double bic(double logLikelihood, int k, int n) {
        return -2 * logLikelihood + (3.0 * k - 1) * Math.log(n);
    }

    private static int distinctUpTo(double[] x, int limit) {
        double[] s = x.clone();
        Arrays.sort(s);
        int distinct = 1;
        for (int i = 1; i < s.length && distinct < limit; i++) {
            if (s[i] != s[i - 1]) {
                distinct++;
            }
        }
        return distinct;
    }

    /** EM from a k-means++ start; null if components collapse beyond repair. */
    private static GaussianMixture em(double[] x, int k, double floor) {
        int n = x.length;
        Random random = new Random(0x5eedL * 31 + k);
        double[] mu = kMeansPlusPlus(x, k, random);
        double[] w = new double[k];
        double[] s2 = new double[k];
        double total = 0;
        for (double v : x) {
            total += v;
        }
        double overall = 0;
        for (double v : x) {
            overall += (v - total / n) * (v - total / n);
        }
        overall /= n;
        Arrays.fill(w, 1.0 / k);
        Arrays.fill(s2, Math.max(overall / (k * k), floor));
        return em(x, new double[][] {w, mu, s2}, floor, MAX_ITERATIONS);
    }

    /**
     * EM from a given start (weights, means, variances; modified), at most {@code iterations} of them;
     * null if components collapse beyond repair.
     */
    private static GaussianMixture em(double[] x, double[][] start, double floor, int iterations) {
        int n = x.length;
        double[] w = start[0];
        double[] mu = start[1];
        double[] s2 = start[2];
        int k = w.length;
        for (int j = 0; j < k; j++) {
            s2[j] = Math.max(s2[j], floor);
        }
        double[] resp = new double[k];
        double[] nk = new double[k];
        double[] sx = new double[k];
        double[] sxx = new double[k];
        double[] logNorm = new double[k];
        double[] half = new double[k];
        double previous = Double.NEGATIVE_INFINITY;
        for (int iter = 0; iter < iterations; iter++) {
            for (int j = 0; j < k; j++) {
                logNorm[j] = Math.log(w[j]) - 0.5 * (LOG_2PI + Math.log(s2[j]));
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
                // The same bits as exp, log and the division for every term, with the work skipped where
                // its result is known exactly: e^0 = 1 (the leading component), ln 1 = 0 and r / 1 = r (a row
                // only one component explains), and a zero responsibility adds nothing (the sums start at
                // +0 and never become −0, so adding ±0 leaves them as they are). GaussianMixtureTest checks
                // the fits against the plain loop.
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    double d = resp[j] - max;
                    resp[j] = d < -40 ? 0 : d == 0 ? 1 : Math.exp(d); // e^-40 ≈ 4e-18: nothing a double sum would notice
                    sum += resp[j];
                }
                boolean one = sum == 1;
                ll += max + (one ? 0 : Math.log(sum));
                for (int j = 0; j < k; j++) {
                    if (resp[j] == 0) {
                        continue;
                    }
                    double r = one ? resp[j] : resp[j] / sum;
                    nk[j] += r;
                    sx[j] += r * v;
                    sxx[j] += r * v * v;
                }
            }
            for (int j = 0; j < k; j++) {
                if (nk[j] < 1e-6 * n) {
                    return null; // a component lost its data: fewer components fit better
                }
                w[j] = nk[j] / n;
                mu[j] = sx[j] / nk[j];
                s2[j] = Math.max(sxx[j] / nk[j] - mu[j] * mu[j], floor);
            }
            if (Math.abs(ll - previous) <= TOLERANCE * Math.abs(ll)) {
                break;
            }
            previous = ll;
        }
        return new GaussianMixture(w, mu, s2);
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
