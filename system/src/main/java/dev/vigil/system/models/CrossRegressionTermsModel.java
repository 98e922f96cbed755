package dev.vigil.system.models;

import dev.vigil.spi.SignalContributions;
import dev.vigil.spi.SystemModel;
import dev.vigil.spi.frame.Column;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.system.IndicatorCalibration;
import dev.vigil.system.PreferredFence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A fitted {@link CrossRegression} scored by its {@link SignalTerms}: the score of a row is the sum over
 * the signals of their residual and variability terms, a signal's contribution its terms' share. The
 * regressions and their residual spreads are those of the {@link CrossRegressionModel} inside, which
 * alone scores model files written before these terms existed. When the regressions compile into a {@link
 * RegressionPlan}, scores and repairs are computed inside the plan's blocks (a repair re-evaluating only the
 * regressions the repaired signal changes), to the bit what the straightforward path on copied columns gives;
 * otherwise through that path. Immutable and thread-safe.
 */
final class CrossRegressionTermsModel implements SystemModel, PreferredFence {
    /** Rows scored together when a frame is long. */
    private static final int BLOCK = 4_096;
    private final CrossRegressionModel regressions;
    private final SignalTerms terms;
    private final Map<String, Object> parameters;

    CrossRegressionTermsModel(CrossRegressionModel regressions, SignalTerms terms) {
        this.regressions = regressions;
        this.terms = terms;
        Map<String, Object> p = new LinkedHashMap<>(regressions.parameters());
        p.put("residualWindow", terms.residualWindow());
        p.put("variabilityWindow", terms.variabilityWindow());
        this.parameters = Collections.unmodifiableMap(p);
    }

    /**
     * Tukey's far-out fence: the fit rows are normal by definition, so every in-sample row the automatic
     * sensitivity flags is a false alarm that recurs at the same rate on new rows, and this model's terms set
     * faults far enough from normal rows that the far-out fence lost none on the tuning machines.
     */
    @Override
    public double preferredFence() {
        return IndicatorCalibration.Settings.FAR_OUT;
    }

    @Override
    public String factory() {
        return CrossRegression.NAME;
    }

    @Override
    public List<String> signals() {
        return regressions.signals();
    }

    @Override
    public int history() {
        return regressions.history() + terms.history();
    }

    @Override
    public Map<String, Object> parameters() {
        return parameters;
    }

    /** The regressions inside. */
    CrossRegressionModel regressions() {
        return regressions;
    }

    /** The same model predicting through its regressions, never through a plan: the reference the fast path is checked against. */
    CrossRegressionTermsModel reference() {
        return new CrossRegressionTermsModel(regressions.reference(), terms);
    }

    /** The standardised residuals and the values of a stretch of rows, {@code [signal][row]}. */
    static double[][][] inputs(CrossRegressionModel regressions, TimeFrame frame) {
        double[][] z = regressions.standardisedResiduals(frame);
        double[][] x = new double[z.length][];
        for (int j = 0; j < z.length; j++) {
            x[j] = frame.column(regressions.signals().get(j)).toArray();
        }
        return new double[][][] {z, x};
    }

    /** The terms of rows {@code from … to − 1}, computed on them and the history before them. */
    private double[][] terms(TimeFrame frame, int from, int to) {
        int cut = Math.max(0, from - history());
        double[][][] in = inputs(regressions, frame.slice(cut, to));
        return terms.terms(in[0], in[1], from - cut);
    }

    @Override
    public void score(TimeFrame frame, double[] out) {
        int n = frame.rows();
        if (out.length != n) {
            throw new IllegalArgumentException("out has " + out.length + " elements for " + n + " rows");
        }
        RegressionPlan plan = regressions.plan();
        if (plan != null) {
            scoreByPlan(plan, frame, out);
            return;
        }
        // block by block (each with its history before it), side by side; a short frame in one piece
        int blocks = n <= 2 * BLOCK ? 1 : (n + BLOCK - 1) / BLOCK;
        int size = blocks == 1 ? n : BLOCK;
        IntStream range = IntStream.range(0, blocks);
        (blocks > 1 ? range.parallel() : range).forEach(b -> {
            int from = b * size;
            int to = Math.min(n, from + size);
            double[] q = sums(terms(frame, from, to));
            for (int i = 0; i < q.length; i++) {
                out[from + i] = Double.isFinite(q[i]) ? q[i] : Double.NaN; // a row without every term has no score
            }
        });
    }

    /** Blocks of the plan one task scores with the same scratch arrays; tasks run side by side. */
    private static final int BLOCKS_PER_TASK = 16;

    /**
     * {@link #score} through the compiled regressions, block by block: a block's residuals (and those of
     * the terms' history before it) straight from the plan's sources, its terms from them and the values in
     * those sources, summed signal by signal; the same operations in the same order as the terms of copied
     * columns, so the same scores to the bit.
     */
    private void scoreByPlan(RegressionPlan plan, TimeFrame frame, double[] out) {
        Column[] x = RegressionPlan.columnsOf(frame, signals());
        int n = frame.rows();
        int d = signals().size();
        int h = terms.history();
        int size = RegressionPlan.BLOCK;
        int blocks = (n + size - 1) / size;
        int tasks = (blocks + BLOCKS_PER_TASK - 1) / BLOCKS_PER_TASK;
        IntStream range = IntStream.range(0, tasks);
        (tasks > 1 ? range.parallel() : range).forEach(task -> {
            RegressionPlan.Window w = plan.new Window();
            double[][] z = new double[d][h + size];
            SignalTerms.Scratch scratch = terms.new Scratch(size);
            double[] t = new double[size];
            double[] q = new double[size];
            for (int b = task * BLOCKS_PER_TASK; b < Math.min(blocks, (task + 1) * BLOCKS_PER_TASK); b++) {
                int from = b * size;
                int m = Math.min(n, from + size) - from;
                w.load(x, from - h, from + m);
                Arrays.fill(q, 0, m, 0.0);
                for (int j = 0; j < d; j++) {
                    w.residuals(j, z[j], 0);
                    terms.terms(j, z[j], h, w.values(j), plan.history() + h, m, scratch, t);
                    for (int i = 0; i < m; i++) {
                        q[i] += t[i];
                    }
                }
                for (int i = 0; i < m; i++) {
                    out[from + i] = Double.isFinite(q[i]) ? q[i] : Double.NaN; // a row without every term has no score
                }
            }
        });
    }

    /** Rows before a row that its repaired score reads: the repair's own history, then the score's. */
    private int reach() {
        return regressions.history() + history();
    }

    /**
     * Each signal's share is the fall of the row's score when that signal alone is put back to what its
     * regression says it should be (over the row and the rows its score reads), normalised to sum to 1: the
     * faulty signal, put back, removes its own terms and the residuals it caused in the regressions that read
     * it, while a signal that only reads the faulty one removes only its own. The deviation is the signal's
     * standardised residual. Where no repair lowers the score, the shares are the terms' shares.
     */
    @Override
    public SignalContributions contributions(TimeFrame frame, int[] rows) {
        int d = signals().size();
        double[] sigma = regressions.residualSigma();
        double[][] shares = new double[rows.length][];
        double[][] deviations = new double[rows.length][];
        Integer[] order = IntStream.range(0, rows.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Integer.compare(rows[a], rows[b]));
        // runs of rows close enough to share their history, at most a block long
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < order.length;) {
            int k = i + 1;
            while (k < order.length && rows[order[k]] - rows[order[k - 1]] <= reach() && rows[order[k]] - rows[order[i]] < BLOCK) {
                k++;
            }
            runs.add(new int[] {i, k});
            i = k;
        }
        RegressionPlan plan = regressions.plan();
        IntStream range = IntStream.range(0, runs.size());
        (runs.size() > 1 ? range.parallel() : range).forEach(g -> {
            int from = runs.get(g)[0];
            int to = runs.get(g)[1];
            // per row of the stretch from cut: the terms t, their sum, each signal's fall and residual z
            int cut;
            double[][] t;
            double[] score;
            double[][] fall;
            double[][] z;
            if (plan != null) {
                cut = rows[order[from]];
                Repairs r = repairs(plan, frame, cut, rows[order[to - 1]] + 1);
                t = r.terms();
                score = r.score();
                fall = r.fall();
                z = r.residuals();
            } else {
                cut = Math.max(0, rows[order[from]] - reach());
                TimeFrame slice = frame.slice(cut, rows[order[to - 1]] + 1);
                double[][][] in = inputs(regressions, slice);
                z = in[0];
                t = terms.terms(in[0], in[1], 0);
                score = sums(t);
                fall = new double[d][];
                for (int j = 0; j < d; j++) {
                    double[] zj = in[0][j];
                    double[] repaired = in[1][j].clone();
                    for (int r = 0; r < repaired.length; r++) {
                        if (Double.isFinite(zj[r])) {
                            repaired[r] -= zj[r] * sigma[j];
                        }
                    }
                    fall[j] = sums(terms.terms(inputs(regressions, slice.withColumn(signals().get(j), repaired))[0], replace(in[1], j, repaired), 0));
                    for (int r = 0; r < repaired.length; r++) {
                        fall[j][r] = Math.max(0, score[r] - fall[j][r]);
                    }
                }
            }
            for (int q = from; q < to; q++) {
                int i = order[q];
                int at = rows[i] - cut;
                double[] share = new double[d];
                double[] dev = new double[d];
                double total = 0;
                double termTotal = 0;
                double spread = 0;
                boolean ok = Double.isFinite(score[at]);
                for (int j = 0; j < d; j++) {
                    share[j] = Double.isFinite(fall[j][at]) ? fall[j][at] : 0;
                    total += share[j];
                    termTotal += t[j][at];
                    dev[j] = z[j][at];
                    spread += dev[j] * dev[j];
                }
                if (!ok) {
                    Arrays.fill(share, Double.NaN);
                    Arrays.fill(dev, Double.NaN);
                } else if (total > 0) {
                    EifModel.normalise(share, total, dev, spread);
                } else {
                    for (int j = 0; j < d; j++) {
                        share[j] = t[j][at];
                    }
                    EifModel.normalise(share, termTotal, dev, spread);
                }
                shares[i] = share;
                deviations[i] = dev;
            }
        });
        return new SignalContributions(rows.clone(), shares, deviations);
    }

    /** Of rows {@code from … to − 1}: each signal's terms and residual, the terms' sums, and each signal's fall, {@code [signal][row − from]}. */
    private record Repairs(double[][] terms, double[] score, double[][] fall, double[][] residuals) {
    }

    /**
     * The repairs of rows {@code from … to − 1} through the compiled regressions, as {@link #contributions}
     * defines them, to the bit: a signal put back to its regression's estimate changes only its own terms
     * and the residuals (so the terms) of the regressions that read it, so only those are evaluated again,
     * on the rows and the history their terms read; the sums add every signal's terms in order as before.
     */
    private Repairs repairs(RegressionPlan plan, TimeFrame frame, int from, int to) {
        int d = signals().size();
        int h = terms.history();
        int hr = plan.history();
        int m = to - from;
        // the residuals of the rows and of all the rows their repaired terms read: the repair of a value reads its residual
        int start = from - h - hr;
        int length = to - start;
        RegressionPlan.Window w = plan.new Window();
        w.load(RegressionPlan.columnsOf(frame, signals()), start, to);
        double[] sigma = regressions.residualSigma();
        double[][] z = new double[d][length];
        double[][] t = new double[d][m];
        SignalTerms.Scratch scratch = terms.new Scratch(m);
        double[] score = new double[m];
        for (int j = 0; j < d; j++) {
            w.residuals(j, z[j], 0);
            terms.terms(j, z[j], h + hr, w.values(j), hr + h + hr, m, scratch, t[j]);
            for (int i = 0; i < m; i++) {
                score[i] += t[j][i];
            }
        }
        double[][] fall = new double[d][m];
        double[] repaired = new double[length];
        double[][] zr = new double[d][];
        double[][] tr = new double[d][];
        for (int j = 0; j < d; j++) {
            double[] x = w.values(j);
            for (int p = 0; p < length; p++) {
                double v = x[hr + p];
                repaired[p] = Double.isFinite(z[j][p]) ? v - z[j][p] * sigma[j] : v;
            }
            w.replace(j, repaired);
            int[] affected = plan.affectedBy(j);
            for (int k : affected) {
                zr[k] = zr[k] == null ? new double[length] : zr[k];
                tr[k] = tr[k] == null ? new double[m] : tr[k];
                w.residuals(k, zr[k], 0);
                terms.terms(k, zr[k], h + hr, w.values(k), hr + h + hr, m, scratch, tr[k]);
            }
            w.restore(j);
            double[] f = fall[j];
            int next = 0;
            for (int k = 0; k < d; k++) {
                boolean changed = next < affected.length && affected[next] == k;
                double[] tk = changed ? tr[k] : t[k];
                next += changed ? 1 : 0;
                for (int i = 0; i < m; i++) {
                    f[i] += tk[i];
                }
            }
            for (int i = 0; i < m; i++) {
                f[i] = Math.max(0, score[i] - f[i]);
            }
        }
        double[][] residuals = new double[d][];
        for (int j = 0; j < d; j++) {
            residuals[j] = Arrays.copyOfRange(z[j], h + hr, length);
        }
        return new Repairs(t, score, fall, residuals);
    }

    private static double[][] replace(double[][] x, int j, double[] column) {
        double[][] out = x.clone();
        out[j] = column;
        return out;
    }

    /** Row sums of terms, {@code [signal][row]}: NaN where a term is (NaN propagates). */
    private static double[] sums(double[][] t) {
        double[] out = new double[t.length == 0 ? 0 : t[0].length];
        for (double[] col : t) {
            for (int r = 0; r < out.length; r++) {
                out[r] += col[r];
            }
        }
        return out;
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>(regressions.state());
        s.put("terms", terms.state());
        return s;
    }
}
