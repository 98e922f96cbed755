package dev.vigil.system.models;

import dev.vigil.core.StateReader;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.Column;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The z-score of each signal a model uses, {@code (x − mu) / sigma} with the mean and the sample
 * standard deviation of the fit rows where every signal has a value — TIM's {@code normalization
 * {variableNames, mu, sigma}}. A signal constant on those rows carries no information about the
 * others and would divide by zero: it is left out, with a warning. Immutable and thread-safe.
 *
 * @param signals the signals kept, in order
 * @param mu their means
 * @param sigma their standard deviations (all 1 and means 0 when the model does not standardise)
 */
record Standardization(List<String> signals, double[] mu, double[] sigma) {
    /** A standard deviation this small against the mean's magnitude counts as constant (rounding noise). */
    private static final double CONSTANT = 1e-12;

    Standardization {
        signals = List.copyOf(signals);
        if (mu.length != signals.size() || sigma.length != signals.size()) {
            throw new IllegalArgumentException("one mu and one sigma per signal");
        }
    }

    /** Number of signals kept. */
    int size() {
        return signals.size();
    }

    /**
     * The standardisation of the problem's signals on its fit rows: the fit rows where every signal has a
     * finite value are {@code complete}; constant signals are dropped (logged as a warning).
     *
     * @param standardize false: means 0 and standard deviations 1 (the values as they are), constant
     *     signals still dropped
     * @throws VigilException {@link ErrorCode#INSUFFICIENT_DATA} with fewer than {@code minRows} complete
     *     fit rows, or when every signal is constant
     */
    static Fitted fit(TimeFrame frame, List<String> signals, RowSet fitRows, boolean standardize, int minRows, String origin,
            JobLog log) {
        int[] rows = completeRows(frame, signals, fitRows);
        if (rows.length < minRows) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, String.format(Locale.ROOT, "Only %,d of the %,d fit rows of %s have "
                    + "a value for every signal; the %s model needs at least %,d. Select more rows, or leave out the signals that are "
                    + "often missing", rows.length, fitRows.count(), frame.source(), origin, minRows));
        }
        if (rows.length < fitRows.count()) {
            log.info(origin, String.format(Locale.ROOT, "%,d of the %,d fit rows lack a value for at least one signal and are left out "
                    + "of the fit.", fitRows.count() - rows.length, fitRows.count()));
        }
        List<String> kept = new ArrayList<>();
        List<String> constant = new ArrayList<>();
        double[] mu = new double[signals.size()];
        double[] sigma = new double[signals.size()];
        int k = 0;
        for (String s : signals) {
            Column c = frame.column(s);
            double sum = 0;
            for (int r : rows) {
                sum += c.get(r);
            }
            double mean = sum / rows.length;
            double ss = 0;
            for (int r : rows) {
                double d = c.get(r) - mean;
                ss += d * d;
            }
            double sd = rows.length > 1 ? Math.sqrt(ss / (rows.length - 1)) : 0;
            if (!(sd > CONSTANT * Math.abs(mean)) || sd == 0) {
                constant.add(s + " (" + c.get(rows[0]) + ")");
                continue;
            }
            kept.add(s);
            mu[k] = standardize ? mean : 0;
            sigma[k] = standardize ? sd : 1;
            k++;
        }
        if (!constant.isEmpty()) {
            log.warning(origin, (constant.size() == 1 ? "Signal " : "Signals ") + String.join(", ", constant) + (constant.size() == 1
                    ? " is" : " are") + " constant on the fit rows and left out of the model: a constant signal says nothing about "
                    + "the others, and what it does later cannot be judged against the fit rows.");
        }
        if (kept.isEmpty()) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, "Every signal of " + frame.source() + " is constant on the fit rows; "
                    + "the " + origin + " model needs at least one that varies");
        }
        return new Fitted(new Standardization(kept, Arrays.copyOf(mu, k), Arrays.copyOf(sigma, k)), rows);
    }

    /**
     * A fitted standardisation and the fit rows it was computed on.
     *
     * @param standardization the standardisation
     * @param rows the fit rows where every signal has a finite value, ascending
     */
    record Fitted(Standardization standardization, int[] rows) {
    }

    /** The fit rows where every signal has a finite value, ascending. */
    static int[] completeRows(TimeFrame frame, List<String> signals, RowSet rows) {
        boolean[] ok = rows.toMask(frame.rows());
        for (String s : signals) {
            Column c = frame.column(s);
            for (int r = 0; r < ok.length; r++) {
                if (ok[r] && !Double.isFinite(c.get(r))) {
                    ok[r] = false;
                }
            }
        }
        return RowSet.of(ok).toArray();
    }

    /**
     * The standardised signals of every row of a frame, column-major ({@code [signal][row]}); a
     * non-finite value becomes {@code NaN}.
     */
    double[][] apply(TimeFrame frame) {
        double[][] z = new double[signals.size()][];
        for (int j = 0; j < z.length; j++) {
            double[] v = frame.values(signals.get(j));
            double m = mu[j];
            double inv = 1 / sigma[j];
            for (int r = 0; r < v.length; r++) {
                double x = (v[r] - m) * inv;
                v[r] = Double.isFinite(x) ? x : Double.NaN;
            }
            z[j] = v;
        }
        return z;
    }

    /** Whether each row has a finite value for every signal, given {@link #apply}'s output. */
    static boolean[] complete(double[][] z, int rows) {
        boolean[] ok = new boolean[rows];
        Arrays.fill(ok, true);
        for (double[] column : z) {
            for (int r = 0; r < rows; r++) {
                ok[r] &= !Double.isNaN(column[r]);
            }
        }
        return ok;
    }

    /** TIM's {@code normalization} object. */
    Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variableNames", signals);
        m.put("mu", States.list(mu));
        m.put("sigma", States.list(sigma));
        return m;
    }

    /** Reads {@link #state()}. */
    static Standardization restore(StateReader s) {
        List<String> names = s.strings("variableNames");
        double[] mu = s.doubles("mu");
        double[] sigma = s.doubles("sigma");
        if (mu.length != names.size() || sigma.length != names.size() || names.isEmpty()) {
            throw s.error("mu", "and sigma must hold one number per name of variableNames (" + names.size() + "), not " + mu.length
                    + " and " + sigma.length);
        }
        for (double v : sigma) {
            if (!(v > 0)) {
                throw s.error("sigma", "must hold positive numbers, got " + v);
            }
        }
        if (names.stream().distinct().count() != names.size()) {
            throw s.error("variableNames", "lists a name twice: " + names);
        }
        return new Standardization(names, mu, sigma);
    }
}
