package dev.vigil.core.anomaly;

import java.util.Arrays;
import java.util.Locale;

/**
 * Each normal-behaviour model's own residual scale (docs/models.md#residual-scales): the divisor of
 * the residuals of the rows a given model (its model index) predicted, so the perspectives judge every
 * residual against the spread of the model that made it.
 *
 * <p>Why: with a daily cycle, the normal behaviour is one model per time-of-day slot, and slot models
 * differ in how well they fit — on the KPI quality benchmark's hourly cases two or three of 24 slot
 * models left residuals twice as wide as the others, in-sample and after. One density over all
 * residuals then flags the wide slots' ordinary rows (most false alarms of those cases, at the same
 * hours every day) and needs the narrow slots' anomalies to be larger.
 *
 * <p>How, from the in-sample residuals: per model index with at least {@link #MIN_ROWS} finite
 * residuals, its robust scale {@code s_k} (median absolute deviation from its median) and the log-ratio
 * {@code l_k = ln(s_k / s)} to the typical scale s, the median of the s_k (a few wide models do not move it).
 * Part of the spread of the l_k is chance: a MAD of n Gaussian values has {@code var(ln MAD) ≈ 1.36/n}.
 * Only a model whose scale differs beyond chance gets a divisor: {@code |l_k| > 3·√(1.36/n_k)}
 * (with 96 models of one-quarter-hour data, about one model in 400 passes by chance); its divisor
 * is shrunk by empirical Bayes, {@code d_k = exp(l_k · τ²/(τ² + 1.36/n_k))} with {@code τ² = max(0,
 * mean(l_k²) − mean(1.36/n_k))} the spread of the log-scales beyond chance. Without such a model (one
 * model, or models alike) there are no scales and residuals are judged as they are; the other model
 * indexes, those with fewer rows, and unknown ones get 1.
 *
 * @param divisors the divisor of each model index's residuals, indexed by model index; empty for none
 */
record ResidualScales(double[] divisors) {
    /** No scaling: every residual judged as it is. */
    static final ResidualScales NONE = new ResidualScales(new double[0]);
    /** Fewest in-sample residuals a model index needs for a scale of its own. */
    static final int MIN_ROWS = 30;
    /** {@code var(ln MAD) · n} for Gaussian values, asymptotically. */
    private static final double LOG_MAD_VARIANCE = 1.36;
    /** Standard errors a model's log-scale must differ from the others' by to get a divisor. */
    private static final double BEYOND_CHANCE = 3;

    ResidualScales {
        divisors = divisors.clone();
        for (int k = 0; k < divisors.length; k++) {
            if (!(divisors[k] > 0) || !Double.isFinite(divisors[k])) {
                throw new IllegalArgumentException("residual scale " + k + " must be positive and finite, got " + divisors[k]);
            }
        }
    }

    @Override
    public double[] divisors() {
        return divisors.clone();
    }

    /** Whether residuals are scaled at all. */
    boolean any() {
        return divisors.length > 0;
    }

    /** The divisor of a model index's residuals: 1 where it has none. */
    double divisor(int modelIndex) {
        return modelIndex >= 0 && modelIndex < divisors.length ? divisors[modelIndex] : 1;
    }

    /** A residual as the perspectives judge it. */
    double apply(double residual, int modelIndex) {
        return residual / divisor(modelIndex);
    }

    /** Every residual as the perspectives judge it; the same array when nothing is scaled. */
    double[] apply(double[] residuals, int[] modelIndex) {
        if (!any()) {
            return residuals;
        }
        double[] out = new double[residuals.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = apply(residuals[i], modelIndex[i]);
        }
        return out;
    }

    /**
     * The scales of in-sample residuals (see the class comment).
     *
     * @param residuals every row's residual
     * @param modelIndex every row's model index
     * @param rows the in-sample rows
     * @param evidence hears one sentence on what was found, when there is more than one model index
     */
    static ResidualScales fit(double[] residuals, int[] modelIndex, int[] rows, java.util.function.Consumer<String> evidence) {
        int max = -1;
        for (int r : rows) {
            max = Math.max(max, modelIndex[r]);
        }
        if (max < 1) {
            return NONE;
        }
        int[] counts = new int[max + 1];
        for (int r : rows) {
            if (modelIndex[r] >= 0 && Double.isFinite(residuals[r])) {
                counts[modelIndex[r]]++;
            }
        }
        double[][] byModel = new double[max + 1][];
        for (int k = 0; k <= max; k++) {
            byModel[k] = new double[counts[k]];
        }
        int[] fill = new int[max + 1];
        for (int r : rows) {
            int k = modelIndex[r];
            if (k >= 0 && Double.isFinite(residuals[r])) {
                byModel[k][fill[k]++] = residuals[r];
            }
        }
        int models = 0;
        for (int k = 0; k <= max; k++) {
            if (counts[k] >= MIN_ROWS) {
                models++;
            }
        }
        if (models < 2) {
            return NONE;
        }
        double[] scale = new double[max + 1];
        double[] scales = new double[models];
        int p = 0;
        for (int k = 0; k <= max; k++) {
            if (counts[k] >= MIN_ROWS) {
                double[] v = byModel[k];
                double m = median(v.clone());
                double[] dev = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    dev[i] = Math.abs(v[i] - m);
                }
                scale[k] = median(dev);
                scales[p++] = scale[k];
            }
        }
        double all = median(scales);
        if (!(all > 0)) {
            return NONE;
        }
        double squares = 0;
        double chance = 0;
        double[] log = new double[max + 1];
        for (int k = 0; k <= max; k++) {
            if (counts[k] >= MIN_ROWS) {
                if (!(scale[k] > 0)) {
                    return NONE; // a model whose residuals are mostly one value: no scale to judge by
                }
                log[k] = Math.log(scale[k] / all);
                squares += log[k] * log[k];
                chance += LOG_MAD_VARIANCE / counts[k];
            }
        }
        double spread = squares / models - chance / models;
        String found = String.format(Locale.ROOT, "residual scales of %d normal-behaviour models with at least %d in-sample rows: spread of "
                + "their log-scales %.3f, %.3f of it chance", models, MIN_ROWS, Math.sqrt(squares / models), Math.sqrt(chance / models));
        if (!(spread > 0)) {
            evidence.accept(found + ": alike, residuals judged as they are");
            return NONE;
        }
        double[] d = new double[max + 1];
        Arrays.fill(d, 1);
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        int widest = -1;
        int scaled = 0;
        for (int k = 0; k <= max; k++) {
            double chanceOfOne = LOG_MAD_VARIANCE / Math.max(1, counts[k]);
            if (counts[k] >= MIN_ROWS && Math.abs(log[k]) > BEYOND_CHANCE * Math.sqrt(chanceOfOne)) {
                d[k] = Math.exp(log[k] * spread / (spread + chanceOfOne));
                scaled++;
                lo = Math.min(lo, d[k]);
                if (d[k] > hi) {
                    hi = d[k];
                    widest = k;
                }
            }
        }
        if (scaled == 0) {
            evidence.accept(found + ": no model's scale differs from the others' beyond chance, residuals judged as they are");
            return NONE;
        }
        evidence.accept(String.format(Locale.ROOT, "%s: the residuals of the %d models whose scale differs beyond chance are divided by "
                + "it, shrunk towards 1 (divisors %.3g to %.3g, the widest model %d)", found, scaled, lo, hi, widest));
        return new ResidualScales(d);
    }

    /** The median; sorts {@code v}. */
    private static double median(double[] v) {
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResidualScales s && Arrays.equals(divisors, s.divisors);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(divisors);
    }

    @Override
    public String toString() {
        return "ResidualScales" + Arrays.toString(divisors);
    }
}
