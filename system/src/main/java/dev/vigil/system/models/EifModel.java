package dev.vigil.system.models;

import dev.vigil.spi.SignalContributions;
import dev.vigil.spi.SystemModel;
import dev.vigil.spi.frame.Column;
import dev.vigil.spi.frame.TimeFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A fitted {@link ExtendedIsolationForest}: the standardisation, the forest, and each signal's
 * training median (standardised) for contributions. Immutable and thread-safe.
 */
final class EifModel implements SystemModel {
    /** Rows above which scoring runs block by block in parallel. */
    private static final int PARALLEL_ROWS = 8 * Forest.BLOCK;

    private final Standardization std;
    private final Forest forest;
    private final double[] median;
    private final Map<String, Object> parameters;
    private final long seed;

    EifModel(Standardization std, Forest forest, double[] median, Map<String, Object> parameters, long seed) {
        if (forest.dims != std.size() || median.length != std.size()) {
            throw new IllegalArgumentException("the forest, the standardisation and the medians must have the same signals");
        }
        this.std = std;
        this.forest = forest;
        this.median = median.clone();
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.seed = seed;
    }

    @Override
    public String factory() {
        return ExtendedIsolationForest.NAME;
    }

    @Override
    public List<String> signals() {
        return std.signals();
    }

    @Override
    public int history() {
        return 0;
    }

    @Override
    public Map<String, Object> parameters() {
        return parameters;
    }

    Forest forest() {
        return forest;
    }

    @Override
    public void score(TimeFrame frame, double[] out) {
        int n = frame.rows();
        if (out.length != n) {
            throw new IllegalArgumentException("out has " + out.length + " elements for " + n + " rows");
        }
        Column[] columns = columns(frame);
        int blocks = (n + Forest.BLOCK - 1) / Forest.BLOCK;
        IntStream range = IntStream.range(0, blocks);
        (n >= PARALLEL_ROWS ? range.parallel() : range).forEach(b -> scoreBlock(columns, b * Forest.BLOCK,
                Math.min(n, (b + 1) * Forest.BLOCK), out));
    }

    private Column[] columns(TimeFrame frame) {
        Column[] columns = new Column[std.size()];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = frame.column(std.signals().get(j));
        }
        return columns;
    }

    /** Scores rows {@code [from, to)}: standardises them into a row-major block, leaving out rows with a missing value. */
    private void scoreBlock(Column[] columns, int from, int to, double[] out) {
        int d = std.size();
        int rows = to - from;
        double[] raw = new double[rows];
        double[] x = new double[rows * d];
        boolean[] missing = new boolean[rows];
        for (int j = 0; j < d; j++) {
            columns[j].copyTo(from, raw, 0, rows);
            double m = std.mu()[j];
            double inv = 1 / std.sigma()[j];
            for (int r = 0; r < rows; r++) {
                double v = (raw[r] - m) * inv;
                missing[r] |= !Double.isFinite(v);
                x[r * d + j] = v;
            }
        }
        int complete = compact(x, missing, rows, d);
        double[] scores = new double[complete];
        forest.scoreBlock(x, complete, scores, 0, new int[complete], new double[complete]);
        for (int r = 0, c = 0; r < rows; r++) {
            out[from + r] = missing[r] ? Double.NaN : scores[c++];
        }
    }

    /** Moves the complete rows of a row-major block to its front, in order; returns how many there are. */
    private static int compact(double[] x, boolean[] missing, int rows, int d) {
        int c = 0;
        for (int r = 0; r < rows; r++) {
            if (!missing[r]) {
                if (c != r) {
                    System.arraycopy(x, r * d, x, c * d, d);
                }
                c++;
            }
        }
        return c;
    }

    /**
     * Median replacement (docs/system-driven.md#contributions): for each signal j, the score with j put back to
     * its training median; the share of j is {@code max(0, s(x) − s(x with j at its median))}, normalised
     * to sum 1. When no single signal lowers the score (the row is anomalous only jointly, or not at all),
     * the shares are the squared standardised distances from the medians, normalised. The deviation of a
     * signal is its standardised distance from its median.
     */
    @Override
    public SignalContributions contributions(TimeFrame frame, int[] rows) {
        int d = std.size();
        Column[] columns = columns(frame);
        double[][] shares = new double[rows.length][];
        double[][] deviations = new double[rows.length][];
        // each row becomes d + 1 points: itself, then itself with one signal at its median
        int per = d + 1;
        int chunk = Math.max(1, Forest.BLOCK / per);
        List<int[]> parts = new ArrayList<>();
        for (int i = 0; i < rows.length; i += chunk) {
            parts.add(new int[] {i, Math.min(rows.length, i + chunk)});
        }
        IntStream range = IntStream.range(0, parts.size());
        (rows.length * per >= PARALLEL_ROWS ? range.parallel() : range).forEach(p -> {
            int from = parts.get(p)[0];
            int to = parts.get(p)[1];
            double[] x = new double[(to - from) * per * d];
            double[] z = new double[d];
            double[] s = new double[(to - from) * per];
            int points = 0;
            boolean[] ok = new boolean[to - from];
            for (int i = from; i < to; i++) {
                int row = rows[i];
                boolean complete = true;
                for (int j = 0; j < d; j++) {
                    z[j] = (columns[j].get(row) - std.mu()[j]) * (1 / std.sigma()[j]);
                    complete &= Double.isFinite(z[j]);
                }
                ok[i - from] = complete;
                if (!complete) {
                    continue;
                }
                for (int v = 0; v < per; v++) {
                    int at = (points + v) * d;
                    System.arraycopy(z, 0, x, at, d);
                    if (v > 0) {
                        x[at + v - 1] = median[v - 1];
                    }
                }
                points += per;
            }
            forest.scoreBlock(x, points, s, 0, new int[points], new double[points]);
            int at = 0;
            for (int i = from; i < to; i++) {
                double[] share = new double[d];
                double[] dev = new double[d];
                if (!ok[i - from]) {
                    Arrays.fill(share, Double.NaN);
                    Arrays.fill(dev, Double.NaN);
                } else {
                    double base = s[at];
                    double total = 0;
                    double spread = 0;
                    for (int j = 0; j < d; j++) {
                        share[j] = Math.max(0, base - s[at + 1 + j]);
                        total += share[j];
                        dev[j] = x[at * d + j] - median[j];
                        spread += dev[j] * dev[j];
                    }
                    normalise(share, total, dev, spread);
                    at += per;
                }
                shares[i] = share;
                deviations[i] = dev;
            }
        });
        return new SignalContributions(rows.clone(), shares, deviations);
    }

    /**
     * Divides the shares by their total; with no total, uses the squared deviations instead, and with
     * no deviation either, equal shares.
     */
    static void normalise(double[] share, double total, double[] dev, double spread) {
        int d = share.length;
        if (total > 0) {
            for (int j = 0; j < d; j++) {
                share[j] /= total;
            }
        } else if (spread > 0) {
            for (int j = 0; j < d; j++) {
                share[j] = dev[j] * dev[j] / spread;
            }
        } else {
            Arrays.fill(share, 1.0 / d);
        }
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("normalization", std.state());
        s.put("normalized", parameters.get("normalization"));
        s.put("median", States.list(median));
        s.put("seed", seed);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("numOfTrees", forest.trees());
        settings.put("subSampleSize", forest.subSample);
        settings.put("maxTreeDepth", parameters.get("maxTreeDepth"));
        settings.put("extensionLevel", forest.k - 1);
        List<Object> trees = new ArrayList<>();
        int k = forest.k;
        for (int t = 0; t < forest.trees(); t++) {
            int from = forest.root[t];
            int to = t + 1 < forest.trees() ? forest.root[t + 1] : forest.nodes();
            int n = to - from;
            int[] child = new int[n];
            for (int i = 0; i < n; i++) {
                child[i] = forest.child[from + i] - from;
            }
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("numOfNodes", n);
            tree.put("child", States.list(child));
            tree.put("offset", States.list(Arrays.copyOfRange(forest.offset, from, to)));
            tree.put("index", States.list(Arrays.copyOfRange(forest.index, from * k, to * k)));
            tree.put("coefficient", States.list(Arrays.copyOfRange(forest.coef, from * k, to * k)));
            tree.put("numOfRecords", States.list(Arrays.copyOfRange(forest.size, from, to)));
            tree.put("depth", States.list(Arrays.copyOfRange(forest.depth, from, to)));
            trees.add(tree);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("settings", settings);
        model.put("trees", trees);
        s.put("model", model);
        return s;
    }
}
