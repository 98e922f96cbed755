package dev.vigil.system.models;

import dev.vigil.spi.NormalBehaviorModel;
import dev.vigil.spi.SignalContributions;
import dev.vigil.spi.SystemModel;
import dev.vigil.spi.frame.TimeFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A fitted {@link CrossRegression}: one normal-behaviour model per signal and the residual spreads.
 * Scores and contributions come from the regressions compiled into a {@link RegressionPlan} when they
 * compile (the default features do), to the bit what the regressions' own predictions give; from those
 * predictions otherwise. Immutable and thread-safe.
 */
final class CrossRegressionModel implements SystemModel {
    /** Rows scored together through the regressions' own predictions when a frame is long: each feature array of a block stays in the cache. */
    private static final int BLOCK = 4_096;
    private final List<String> signals;
    private final NormalBehaviorModel[] models;
    private final double[] sigma;
    private final Map<String, Object> parameters;
    private final int history;
    /** The compiled regressions, or {@code null} to predict through the regressions themselves. */
    private final RegressionPlan plan;

    CrossRegressionModel(List<String> signals, NormalBehaviorModel[] models, double[] sigma, Map<String, Object> parameters) {
        this(signals, models, sigma, parameters, true);
    }

    private CrossRegressionModel(List<String> signals, NormalBehaviorModel[] models, double[] sigma, Map<String, Object> parameters,
            boolean compile) {
        this.signals = List.copyOf(signals);
        this.models = models.clone();
        this.sigma = sigma.clone();
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        int h = 0;
        for (NormalBehaviorModel m : models) {
            h = Math.max(h, m.history());
        }
        this.history = h;
        this.plan = compile ? RegressionPlan.compile(this.signals, this.models, this.sigma) : null;
    }

    /** The same model predicting through its regressions, never through a plan: the reference the plan is checked against. */
    CrossRegressionModel reference() {
        return new CrossRegressionModel(signals, models, sigma, parameters, false);
    }

    /** The compiled regressions, or {@code null} when they predict themselves. */
    RegressionPlan plan() {
        return plan;
    }

    /** Whether scores and contributions come from a compiled {@link RegressionPlan}. */
    boolean compiled() {
        return plan != null;
    }

    @Override
    public String factory() {
        return CrossRegression.NAME;
    }

    @Override
    public List<String> signals() {
        return signals;
    }

    @Override
    public int history() {
        return history;
    }

    @Override
    public Map<String, Object> parameters() {
        return parameters;
    }

    /** Standardised residuals {@code (x_j − x̂_j)/σ_j}, {@code [signal][row]}. */
    private double[][] residuals(TimeFrame frame) {
        int n = frame.rows();
        int d = signals.size();
        double[][] r = new double[d][];
        int[] index = new int[n];
        for (int j = 0; j < d; j++) {
            double[] est = new double[n];
            models[j].predict(frame, est, index);
            double[] x = frame.column(signals.get(j)).toArray();
            for (int i = 0; i < n; i++) {
                est[i] = (x[i] - est[i]) / sigma[j];
            }
            r[j] = est;
        }
        return r;
    }

    /** Standardised residuals {@code (x_j − x̂_j)/σ_j} of every row of a frame, {@code [signal][row]}: NaN where there is none. */
    double[][] standardisedResiduals(TimeFrame frame) {
        return residuals(frame);
    }

    /** σ_j, each signal's residual spread on the fit rows. */
    double[] residualSigma() {
        return sigma.clone();
    }

    /** The root mean square residual of each signal on some rows. */
    double[] residualSpread(TimeFrame frame, int[] rows) {
        double[][] r = plan != null ? plan.residuals(frame, signals, rows) : pick(residuals(frame), rows);
        double[] out = new double[r.length];
        for (int j = 0; j < r.length; j++) {
            double s = 0;
            int c = 0;
            for (double v : r[j]) {
                if (Double.isFinite(v)) {
                    s += v * v;
                    c++;
                }
            }
            out[j] = c == 0 ? 1 : Math.max(1e-12, Math.sqrt(s / c));
        }
        return out;
    }

    /** {@code [signal][i]} of {@code r} at {@code rows[i]}. */
    private static double[][] pick(double[][] r, int[] rows) {
        double[][] out = new double[r.length][rows.length];
        for (int j = 0; j < r.length; j++) {
            for (int i = 0; i < rows.length; i++) {
                out[j][i] = r[j][rows[i]];
            }
        }
        return out;
    }

    @Override
    public void score(TimeFrame frame, double[] out) {
        int n = frame.rows();
        if (out.length != n) {
            throw new IllegalArgumentException("out has " + out.length + " elements for " + n + " rows");
        }
        if (plan != null) {
            plan.score(frame, signals, out);
            return;
        }
        if (n <= 2 * BLOCK) {
            sumOfSquares(residuals(frame), 0, out, 0, n);
            return;
        }
        // block by block (each with its history before it), side by side: the features of a block stay small
        IntStream.range(0, (n + BLOCK - 1) / BLOCK).parallel().forEach(b -> {
            int from = b * BLOCK;
            int to = Math.min(n, from + BLOCK);
            int cut = Math.max(0, from - history);
            sumOfSquares(residuals(frame.slice(cut, to)), from - cut, out, from, to - from);
        });
    }

    /** {@code out[at + i] = Σ_j r[j][skip + i]²} for {@code i < count}; NaN where a residual is missing. */
    private static void sumOfSquares(double[][] r, int skip, double[] out, int at, int count) {
        for (int i = 0; i < count; i++) {
            double q = 0;
            for (double[] col : r) {
                double v = col[skip + i];
                q += v * v; // NaN propagates: a row with a missing residual has no score
            }
            out[at + i] = Double.isFinite(q) ? q : Double.NaN;
        }
    }

    @Override
    public SignalContributions contributions(TimeFrame frame, int[] rows) {
        int d = signals.size();
        double[][] shares = new double[rows.length][];
        double[][] deviations = new double[rows.length][];
        if (plan != null) {
            plan.contributions(frame, signals, rows, shares, deviations);
            return new SignalContributions(rows.clone(), shares, deviations);
        }
        // the rows by block, each block's residuals computed on the block and its history only
        Integer[] order = new Integer[rows.length];
        for (int i = 0; i < rows.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(rows[a], rows[b]));
        List<int[]> groups = new ArrayList<>(); // {from, to} in order
        for (int i = 0; i < order.length;) {
            int block = rows[order[i]] / BLOCK;
            int j = i;
            while (j < order.length && rows[order[j]] / BLOCK == block) {
                j++;
            }
            groups.add(new int[] {i, j});
            i = j;
        }
        IntStream range = IntStream.range(0, groups.size());
        (groups.size() > 1 ? range.parallel() : range).forEach(g -> {
            int from = groups.get(g)[0];
            int to = groups.get(g)[1];
            int first = rows[order[from]];
            int last = rows[order[to - 1]];
            int cut = Math.max(0, first - history);
            double[][] r = residuals(frame.slice(cut, last + 1));
            for (int q = from; q < to; q++) {
                int i = order[q];
                double[] dev = new double[d];
                for (int j = 0; j < d; j++) {
                    dev[j] = r[j][rows[i] - cut];
                }
                shares[i] = shares(dev);
                deviations[i] = dev;
            }
        });
        return new SignalContributions(rows.clone(), shares, deviations);
    }

    /**
     * A row's contributions from its standardised residuals: each squared residual's share of their
     * sum; all {@code NaN} (the residuals too, in place) when one is missing.
     */
    static double[] shares(double[] dev) {
        int d = dev.length;
        double[] share = new double[d];
        double total = 0;
        boolean ok = true;
        for (int j = 0; j < d; j++) {
            ok &= Double.isFinite(dev[j]);
            share[j] = dev[j] * dev[j];
            total += share[j];
        }
        if (!ok) {
            Arrays.fill(share, Double.NaN);
            Arrays.fill(dev, Double.NaN);
        } else {
            EifModel.normalise(share, total, dev, total);
        }
        return share;
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("signals", signals);
        s.put("features", parameters.get("features"));
        s.put("maxLag", parameters.get("maxLag"));
        s.put("maxModelComplexity", parameters.get("maxModelComplexity"));
        s.put("maxFitRows", parameters.get("maxFitRows"));
        s.put("residualSigma", States.list(sigma));
        List<Object> regressions = new ArrayList<>();
        for (NormalBehaviorModel m : models) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("factory", m.factory());
            r.put("state", m.state());
            regressions.add(r);
        }
        s.put("regressions", regressions);
        return s;
    }
}
