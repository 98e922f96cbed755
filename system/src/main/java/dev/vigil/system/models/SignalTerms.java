package dev.vigil.system.models;

import dev.vigil.core.StateReader;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-signal terms of the cross-regression's score (docs/system-driven.md#cross-regression), from each
 * signal's standardised residual {@code z_j} and its own values {@code x_j}, all trailing (causal):
 *
 * <ul>
 *   <li><b>residual</b> {@code max(z_j², (m_j/σ̄_j)²)}: the larger of the row's own squared residual and that of
 *       the mean {@code m_j} of the last {@code residualWindow} residuals, {@code σ̄_j} being that mean's
 *       spread on the fit rows. A fault that persists (a drift, a broken relation, a sensor stuck away from
 *       where the others say it should be) keeps its residual's sign, so its mean stands out of noise that
 *       averages away; a one-row spike keeps its full height through the first term;
 *   <li><b>variability</b> {@code max(0, (μ_j − ln(v_j + ε_j))/s_j)²}: how far the log of the signal's
 *       short-term variability {@code v_j}, the mean squared step {@code (x_t − x_{t−1})²} over the last
 *       {@code variabilityWindow} steps, has fallen below its median {@code μ_j} on the fit rows, in units of
 *       its lower spread {@code s_j} there (median minus the 15.9 % quantile, one standard deviation for a
 *       normal law); {@code ε_j} is a millionth of the median step. A stuck sensor shows at once in its own
 *       steps, long before the other signals have moved away from its frozen value. Signals whose median
 *       step on the fit rows is 0 (slow or coarsely quantised ones, which often do not move) get no such term.
 * </ul>
 *
 * Under normal behaviour each term is about one; a signal's contribution to an anomalous row is its terms'
 * share of the row's sum. Immutable.
 */
final class SignalTerms {
    private final int residualWindow;
    private final int variabilityWindow;
    private final double[] meanSpread;
    private final double[] level;
    private final double[] lowerSpread;
    private final double[] floor;

    private SignalTerms(int residualWindow, int variabilityWindow, double[] meanSpread, double[] level, double[] lowerSpread,
            double[] floor) {
        this.residualWindow = residualWindow;
        this.variabilityWindow = variabilityWindow;
        this.meanSpread = meanSpread;
        this.level = level;
        this.lowerSpread = lowerSpread;
        this.floor = floor;
    }

    /** Rows before a row that its terms read: {@code max(residualWindow − 1, variabilityWindow)}. */
    int history() {
        return Math.max(residualWindow - 1, variabilityWindow);
    }

    int residualWindow() {
        return residualWindow;
    }

    int variabilityWindow() {
        return variabilityWindow;
    }

    /**
     * Fits the terms' spreads on the fit rows of a stretch of rows: only windows whose rows are all fit rows
     * count, so that no window reads across a gap or a join of sampled pieces.
     *
     * @param z standardised residuals, {@code [signal][row]}
     * @param x the signals' values, {@code [signal][row]}
     * @param fit which rows are fit rows
     */
    static SignalTerms fit(double[][] z, double[][] x, boolean[] fit, int residualWindow, int variabilityWindow) {
        int d = z.length;
        int n = fit.length;
        // run[t]: consecutive fit rows ending at t
        int[] run = new int[n];
        for (int t = 0; t < n; t++) {
            run[t] = fit[t] ? (t == 0 ? 1 : run[t - 1] + 1) : 0;
        }
        double[] meanSpread = new double[d];
        double[] level = new double[d];
        double[] lowerSpread = new double[d];
        double[] floor = new double[d];
        for (int j = 0; j < d; j++) {
            double[] m = trailingMean(z[j], residualWindow);
            double s = 0;
            int c = 0;
            for (int t = 0; t < n; t++) {
                if (run[t] >= residualWindow && Double.isFinite(m[t])) {
                    s += m[t] * m[t];
                    c++;
                }
            }
            meanSpread[j] = c == 0 ? 1 : Math.max(1e-12, Math.sqrt(s / c));
            if (variabilityWindow > 0) {
                double[] v = variability(x[j], variabilityWindow);
                double[] onFit = values(v, run, variabilityWindow + 1);
                if (onFit.length > 0) {
                    double median = quantile(onFit, 0.5);
                    if (median > 0) {
                        floor[j] = 1e-6 * median;
                        for (int i = 0; i < onFit.length; i++) {
                            onFit[i] = Math.log(onFit[i] + floor[j]);
                        }
                        Arrays.sort(onFit);
                        double mu = quantile(onFit, 0.5);
                        double spread = mu - quantile(onFit, 0.158655);
                        if (spread > 0) {
                            level[j] = mu;
                            lowerSpread[j] = spread;
                        }
                    }
                }
            }
        }
        return new SignalTerms(residualWindow, variabilityWindow, meanSpread, level, lowerSpread, floor);
    }

    /** The finite values at rows ending a run of at least {@code need} fit rows, sorted. */
    private static double[] values(double[] v, int[] run, int need) {
        return java.util.stream.IntStream.range(0, v.length).filter(t -> run[t] >= need && Double.isFinite(v[t])).mapToDouble(t -> v[t])
                .sorted().toArray();
    }

    /** Whether signal j has a variability term (its steps vary on the fit rows); without one its spread is 0. */
    boolean watchesVariability(int j) {
        return lowerSpread[j] > 0;
    }

    /**
     * The terms of rows {@code skip …} of a stretch, {@code [signal][row − skip]}: NaN where a window lacks
     * rows or values (so the row has no score).
     */
    double[][] terms(double[][] z, double[][] x, int skip) {
        int d = z.length;
        int n = z[0].length;
        double[][] out = new double[d][n - skip];
        for (int j = 0; j < d; j++) {
            double[] m = trailingMean(z[j], residualWindow);
            double[] v = variabilityWindow > 0 && watchesVariability(j) ? variability(x[j], variabilityWindow) : null;
            double[] o = out[j];
            for (int t = skip; t < n; t++) {
                o[t - skip] = term(j, z[j][t], m[t], v == null ? 0 : v[t], v != null);
            }
        }
        return out;
    }

    /** One term of signal j from the row's residual, the mean of its last residuals and (if {@code watch}) its variability. */
    private double term(int j, double r, double mean, double v, boolean watch) {
        double a = mean / meanSpread[j];
        double term = Math.max(r * r, a * a);
        if (watch) {
            double fall = Math.max(0, (level[j] - Math.log(v + floor[j])) / lowerSpread[j]);
            term += fall * fall;
        }
        return Double.isNaN(r) || Double.isNaN(a) ? Double.NaN : term;
    }

    /** Arrays {@link #terms(int, double[], int, double[], int, int, Scratch, double[])} reuses, for up to a given number of rows. */
    final class Scratch {
        private final double[] steps;
        private final double[] mean;
        private final double[] variability;

        Scratch(int rows) {
            steps = new double[rows + variabilityWindow];
            mean = new double[rows];
            variability = new double[rows];
        }
    }

    /**
     * The terms of signal j on {@code count} consecutive rows into {@code out[0 … count)}, as {@link #terms}
     * computes them without copying: row i's residual is {@code z[zAt + i]} and its value {@code x[xAt + i]},
     * with the {@link #history()} rows before it at the indices below ({@code NaN} before a frame's first row).
     * Each trailing sum adds its values oldest first, as {@link #trailingMean} does, a window position at a
     * time over all the rows.
     */
    void terms(int j, double[] z, int zAt, double[] x, int xAt, int count, Scratch scratch, double[] out) {
        boolean watch = variabilityWindow > 0 && watchesVariability(j);
        int w = residualWindow;
        int wc = variabilityWindow;
        double[] mean = scratch.mean;
        if (w == 1) {
            System.arraycopy(z, zAt, mean, 0, count);
        } else {
            Arrays.fill(mean, 0, count, 0.0);
            for (int k = zAt - w + 1; k <= zAt; k++) {
                for (int i = 0; i < count; i++) {
                    mean[i] += z[k + i];
                }
            }
            for (int i = 0; i < count; i++) {
                mean[i] /= w;
            }
        }
        double[] v = scratch.variability;
        if (watch) {
            // steps[k]: the squared step into row k − wc (from k = 1: the first a row reads)
            double[] steps = scratch.steps;
            for (int k = 1; k < count + wc; k++) {
                int at = xAt + k - wc;
                double s = x[at] - x[at - 1];
                steps[k] = s * s;
            }
            if (wc == 1) {
                System.arraycopy(steps, 1, v, 0, count);
            } else {
                Arrays.fill(v, 0, count, 0.0);
                for (int k = 1; k <= wc; k++) {
                    for (int i = 0; i < count; i++) {
                        v[i] += steps[k + i];
                    }
                }
                for (int i = 0; i < count; i++) {
                    v[i] /= wc;
                }
            }
        }
        for (int i = 0; i < count; i++) {
            out[i] = term(j, z[zAt + i], mean[i], watch ? v[i] : 0, watch);
        }
    }

    /** The mean of the last {@code w} values (NaN on the first {@code w − 1} rows and where one of them is missing). */
    static double[] trailingMean(double[] a, int w) {
        if (w == 1) {
            return a;
        }
        int n = a.length;
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            if (t < w - 1) {
                out[t] = Double.NaN;
                continue;
            }
            double s = 0;
            for (int i = t - w + 1; i <= t; i++) {
                s += a[i];
            }
            out[t] = s / w;
        }
        return out;
    }

    /** The mean squared step {@code (x_i − x_{i−1})²} over the last {@code w} steps (NaN where it cannot be told). */
    static double[] variability(double[] x, int w) {
        int n = x.length;
        double[] step = new double[n];
        step[0] = Double.NaN;
        for (int t = 1; t < n; t++) {
            double s = x[t] - x[t - 1];
            step[t] = s * s;
        }
        return trailingMean(step, w);
    }

    private static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int k = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[k] - sorted[i]);
    }

    /** The terms' state: the windows and, per signal, the spread of the mean residual and the variability's level, spread and floor. */
    Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("residualWindow", residualWindow);
        s.put("variabilityWindow", variabilityWindow);
        s.put("meanResidualSigma", States.list(meanSpread));
        s.put("variabilityLevel", States.list(level));
        s.put("variabilitySpread", States.list(lowerSpread));
        s.put("variabilityFloor", States.list(floor));
        return s;
    }

    /** Reads {@link #state()} for {@code d} signals. */
    static SignalTerms restore(StateReader s, int d) {
        int w = s.integer("residualWindow");
        int wc = s.integer("variabilityWindow");
        if (w < 1 || wc < 0) {
            throw s.error("residualWindow", "must be at least 1 (and variabilityWindow at least 0), got " + w + " and " + wc);
        }
        double[][] a = new double[4][];
        String[] keys = {"meanResidualSigma", "variabilityLevel", "variabilitySpread", "variabilityFloor"};
        for (int i = 0; i < keys.length; i++) {
            a[i] = s.doubles(keys[i]);
            if (a[i].length != d) {
                throw s.error(keys[i], "must hold one number per signal (" + d + ")");
            }
        }
        for (int j = 0; j < d; j++) {
            if (!(a[0][j] > 0) || a[2][j] < 0 || a[3][j] < 0) {
                throw s.error("meanResidualSigma", "must be positive, and variabilitySpread and variabilityFloor not negative, got "
                        + a[0][j] + ", " + a[2][j] + " and " + a[3][j]);
            }
        }
        return new SignalTerms(w, wc, a[0], a[1], a[2], a[3]);
    }
}
