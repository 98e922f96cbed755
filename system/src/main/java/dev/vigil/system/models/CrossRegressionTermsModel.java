package dev.vigil.system.models;

import dev.vigil.spi.SignalContributions;
import dev.vigil.spi.SystemModel;
import dev.vigil.spi.frame.TimeFrame;
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
 * alone scores model files written before these terms existed. Immutable and thread-safe.
 */
final class CrossRegressionTermsModel implements SystemModel {
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
        // block by block (each with its history before it), side by side; a short frame in one piece
        int blocks = n <= 2 * BLOCK ? 1 : (n + BLOCK - 1) / BLOCK;
        int size = blocks == 1 ? n : BLOCK;
        IntStream range = IntStream.range(0, blocks);
        (blocks > 1 ? range.parallel() : range).forEach(b -> {
            int from = b * size;
            int to = Math.min(n, from + size);
            double[][] t = terms(frame, from, to);
            for (int i = 0; i < to - from; i++) {
                double q = 0;
                for (double[] col : t) {
                    q += col[i]; // NaN propagates: a row without every term has no score
                }
                out[from + i] = Double.isFinite(q) ? q : Double.NaN;
            }
        });
    }

    @Override
    public SignalContributions contributions(TimeFrame frame, int[] rows) {
        int d = signals().size();
        double[][] shares = new double[rows.length][];
        double[][] deviations = new double[rows.length][];
        Integer[] order = IntStream.range(0, rows.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Integer.compare(rows[a], rows[b]));
        // runs of rows in one block, each explained from the block's rows and their history only
        int[] starts = IntStream.range(0, order.length).filter(i -> i == 0 || rows[order[i]] / BLOCK != rows[order[i - 1]] / BLOCK).toArray();
        IntStream range = IntStream.range(0, starts.length);
        (starts.length > 1 ? range.parallel() : range).forEach(g -> {
            int from = starts[g];
            int to = g + 1 < starts.length ? starts[g + 1] : order.length;
            int first = rows[order[from]];
            int cut = Math.max(0, first - history());
            double[][][] in = inputs(regressions, frame.slice(cut, rows[order[to - 1]] + 1));
            double[][] t = terms.terms(in[0], in[1], 0);
            for (int q = from; q < to; q++) {
                int i = order[q];
                int at = rows[i] - cut;
                double[] share = new double[d];
                double[] dev = new double[d];
                double total = 0;
                double spread = 0;
                boolean ok = true;
                for (int j = 0; j < d; j++) {
                    share[j] = t[j][at];
                    dev[j] = in[0][j][at];
                    ok &= Double.isFinite(share[j]) && Double.isFinite(dev[j]);
                    total += share[j];
                    spread += dev[j] * dev[j];
                }
                if (!ok) {
                    Arrays.fill(share, Double.NaN);
                    Arrays.fill(dev, Double.NaN);
                } else {
                    EifModel.normalise(share, total, dev, spread);
                }
                shares[i] = share;
                deviations[i] = dev;
            }
        });
        return new SignalContributions(rows.clone(), shares, deviations);
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>(regressions.state());
        s.put("terms", terms.state());
        return s;
    }
}
