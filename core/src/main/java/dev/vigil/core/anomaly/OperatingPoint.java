package dev.vigil.core.anomaly;

import java.util.Arrays;
import java.util.Locale;

/**
 * The automatic sensitivity of a perspective (docs/models.md#automatic-sensitivity): the share of
 * in-sample values that separates a real tail from the bulk, chosen where the estimated F1 of
 * flagging the tail is largest. Replaces TIM's undocumented rule and Vigil's former one (the share of
 * values scoring beyond 3.5 standard deviations under the fitted mixture, which fits the anomalies
 * too and so found ≈ 0.2 % where 5 % of rows were anomalous).
 *
 * <p>The method, on the N in-sample perspective values v:
 * <ol>
 *   <li><b>The bulk</b> is a Gaussian centred on the median m, with a scale on each side from the
 *       quartiles ({@code (Q3 − m)/0.6745} above, {@code (m − Q1)/0.6745} below): the centre of the data
 *       decides what normal looks like, as Efron's empirical null does (Efron, "Large-scale simultaneous
 *       hypothesis testing", JASA 2004), and a skewed perspective (a spread) gets a scale per side.
 *   <li><b>The tail</b>: with the values ranked by their distance z from m in those scales, flagging the
 *       top j leaves the cut c at the (j+1)-th distance; the bulk alone would put {@code E(c) = N·P(|Z| &gt; c)}
 *       values beyond it, so {@code X(j) = j − E(c)} of the flagged ones are an excess the bulk does not
 *       explain. The tail's size A is the largest excess. It counts as a real tail only when it is
 *       beyond chance: {@code A ≥ 3} and {@code A > 3·√E} at that cut (Poisson noise of the bulk's count).
 *   <li><b>The operating point</b>: the j that maximises the estimated F1 {@code 2·X(j) / (j + A)}
 *       (estimated precision X/j, estimated recall X/A); the sensitivity is {@code 100·j/N}, clipped to
 *       the perspective's bounds. Without a real tail it is the lower bound (0 % by default: only values
 *       beyond the in-sample range are flagged).
 * </ol>
 *
 * @param sensitivity the chosen sensitivity, percent, within the bounds
 * @param evidence one sentence for the job log: the bulk, the tail, the operating point, any clipping
 */
record OperatingPoint(double sensitivity, String evidence) {
    /** Below this many values the tail is not estimated. */
    private static final int MIN_VALUES = 20;
    /** A normal quartile in standard deviations. */
    private static final double QUARTILE_Z = 0.6744897501960817;

    /**
     * The operating point of in-sample perspective values (finite, any order, not modified).
     *
     * @param min lower bound of the sensitivity, percent
     * @param max upper bound, percent
     */
    static OperatingPoint choose(double[] values, double min, double max) {
        int n = values.length;
        if (n < MIN_VALUES) {
            return new OperatingPoint(min, String.format(Locale.ROOT, "only %d values, too few to tell a tail from the bulk: the lower "
                    + "bound %s %%", n, fmt(min)));
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double m = quantile(sorted, 0.5);
        double hi = (quantile(sorted, 0.75) - m) / QUARTILE_Z;
        double lo = (m - quantile(sorted, 0.25)) / QUARTILE_Z;
        if (!(hi > 0) && !(lo > 0)) {
            return new OperatingPoint(min, String.format(Locale.ROOT, "the middle half of the values is one value (%.4g), so the bulk has no "
                    + "spread to judge a tail by: the lower bound %s %%", m, fmt(min)));
        }
        hi = hi > 0 ? hi : lo;
        lo = lo > 0 ? lo : hi;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double d = values[i] - m;
            z[i] = d >= 0 ? d / hi : -d / lo;
        }
        Arrays.sort(z); // ascending; the top j are z[n-j..n-1]
        int limit = n / 2; // the tail is at most half the values
        double[] excess = new double[limit + 1];
        double tail = 0;
        int tailAt = 0;
        for (int j = 1; j <= limit; j++) {
            double cut = z[n - j - 1];
            excess[j] = j - n * tailProbability(cut);
            if (excess[j] > tail) {
                tail = excess[j];
                tailAt = j;
            }
        }
        String bulk = String.format(Locale.ROOT, "bulk: median %.4g, scale %.4g below and %.4g above", m, lo, hi);
        double expected = tailAt == 0 ? 0 : n * tailProbability(z[n - tailAt - 1]);
        if (tailAt == 0 || tail < 3 || tail <= 3 * Math.sqrt(expected)) {
            return new OperatingPoint(min, String.format(Locale.ROOT, "%s; no tail beyond chance (largest excess %.1f values over the %.1f "
                    + "the bulk explains): the lower bound %s %%", bulk, tail, expected, fmt(min)));
        }
        int best = 0;
        double bestF1 = 0;
        for (int j = 1; j <= limit; j++) {
            double f1 = 2 * excess[j] / (j + tail);
            if (f1 > bestF1) {
                bestF1 = f1;
                best = j;
            }
        }
        double chosen = 100.0 * best / n;
        double sensitivity = Math.min(max, Math.max(min, chosen));
        String clip = sensitivity == chosen ? "" : String.format(Locale.ROOT, ", clipped to the %s bound %s %%", sensitivity == max ? "upper"
                : "lower", fmt(sensitivity));
        return new OperatingPoint(sensitivity, String.format(Locale.ROOT, "%s; a tail of about %.0f values (%.2f %%) the bulk does not "
                + "explain; operating point: the %d values beyond %.2f scales (estimated precision %.2f, recall %.2f): %.3g %%%s", bulk, tail,
                100 * tail / n, best, z[n - best - 1], excess[best] / best, excess[best] / tail, chosen, clip));
    }

    /** P(|Z| &gt; c) for a standard normal Z: erfc(c/√2). */
    static double tailProbability(double c) {
        return erfc(c / Math.sqrt(2));
    }

    /**
     * The complementary error function, fractional error below 1.2·10⁻⁷ everywhere (the Chebyshev fit
     * of Press, Teukolsky, Vetterling &amp; Flannery, <i>Numerical Recipes</i>, 2nd ed., §6.2, erfcc).
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /** The q-quantile of sorted values, interpolated linearly. */
    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
