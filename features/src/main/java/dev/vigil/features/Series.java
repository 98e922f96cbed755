package dev.vigil.features;

import dev.vigil.spi.frame.Column;
import java.util.Arrays;

/**
 * Causal transforms of one series on regular data (row offset = time offset), in one pass each and
 * without allocation beyond the output. A value is {@code NaN} when any input it needs is missing or
 * lies before the first row — never a silently shortened window.
 */
final class Series {
    private Series() {
    }

    /** {@code out[t] = x[t + offset]} for {@code offset ≤ 0}. */
    static void shift(Column x, int offset, double[] out) {
        int k = -offset;
        int n = x.size();
        Arrays.fill(out, 0, Math.min(k, n), Double.NaN);
        if (k < n) {
            x.copyTo(0, out, k, n - k);
        }
    }

    /** In place: {@code v[t] = v[t + offset]} for {@code offset ≤ 0}. */
    private static void shiftInPlace(double[] v, int offset) {
        int k = -offset;
        int n = v.length;
        if (k < n) {
            System.arraycopy(v, 0, v, k, n - k);
        }
        Arrays.fill(v, 0, Math.min(k, n), Double.NaN);
    }

    /**
     * The length of the truncated exponential moving average of window {@code w}: {@code 6w}
     * samples, beyond which the weights sum to less than 2·10⁻⁵ of the total.
     */
    static int emaLength(int window) {
        return 6 * window;
    }

    /**
     * Exponential moving average with α = 2/(w+1) over the last {@link #emaLength} samples, weights
     * normalised to sum to 1, ending at {@code t + offset}. One pass: {@code S_t = βS_{t−1} + x_t −
     * β^L x_{t−L}}; the recursion is stable (errors decay with β), so long series lose no precision.
     */
    static void ema(Column x, int window, int offset, double[] out) {
        int n = x.size();
        int length = emaLength(window);
        double alpha = 2.0 / (window + 1);
        double beta = 1 - alpha;
        double betaL = Math.pow(beta, length);
        double scale = alpha / (1 - betaL);
        double s = 0;
        int run = 0;
        for (int t = 0; t < n; t++) {
            double v = x.get(t);
            if (Double.isNaN(v)) {
                s = 0;
                run = 0;
                out[t] = Double.NaN;
                continue;
            }
            s = beta * s + v;
            run++;
            if (run > length) {
                s -= betaL * x.get(t - length);
            }
            out[t] = run >= length ? s * scale : Double.NaN;
        }
        if (offset != 0) {
            shiftInPlace(out, offset);
        }
    }

    /** Mean of the last {@code w} samples ending at {@code t + offset}. */
    static void sma(Column x, int window, int offset, double[] out) {
        int n = x.size();
        double sum = 0;
        int run = 0;
        for (int t = 0; t < n; t++) {
            double v = x.get(t);
            if (Double.isNaN(v)) {
                sum = 0;
                run = 0;
                out[t] = Double.NaN;
                continue;
            }
            run++;
            if (run > window && run % 4096 == 0) {
                // re-add the window from scratch now and then so rounding cannot accumulate
                sum = 0;
                for (int j = t - window + 1; j <= t; j++) {
                    sum += x.get(j);
                }
            } else {
                sum += v;
                if (run > window) {
                    sum -= x.get(t - window);
                }
            }
            out[t] = run >= window ? sum / window : Double.NaN;
        }
        if (offset != 0) {
            shiftInPlace(out, offset);
        }
    }

    /** The q-quantile (0..1) of the finite values at the given rows, by linear interpolation; NaN if none. */
    static double quantile(double[] sortedFinite, double q) {
        int n = sortedFinite.length;
        if (n == 0) {
            return Double.NaN;
        }
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        return sortedFinite[lo] + (sortedFinite[hi] - sortedFinite[lo]) * (pos - lo);
    }
}
