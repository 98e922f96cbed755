package dev.vigil.system.models;

import dev.vigil.spi.SignalContributions;
import dev.vigil.spi.SystemModel;
import dev.vigil.spi.frame.Column;
import dev.vigil.spi.frame.TimeFrame;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** A fitted {@link Pca}: the standardisation, the kept loadings and eigenvalues, the two control limits. Immutable and thread-safe. */
final class PcaModel implements SystemModel {
    private final Standardization std;
    private final double[][] loadings; // [signal][component]
    private final double[] eigenvalues;
    private final double t2Limit;
    private final double qLimit;
    private final Map<String, Object> parameters;
    private final double[] flatLoadings; // [signal * a + component]

    PcaModel(Standardization std, double[][] loadings, double[] eigenvalues, double t2Limit, double qLimit, Map<String, Object> parameters) {
        this.std = std;
        this.loadings = loadings;
        this.eigenvalues = eigenvalues.clone();
        this.t2Limit = t2Limit;
        this.qLimit = qLimit;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        int d = std.size();
        int a = eigenvalues.length;
        flatLoadings = new double[d * a];
        for (int j = 0; j < d; j++) {
            System.arraycopy(loadings[j], 0, flatLoadings, j * a, a);
        }
    }

    @Override
    public String factory() {
        return Pca.NAME;
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

    /** Standardised values of a row into {@code z}; false when one is missing. */
    private boolean row(Column[] columns, int r, double[] z) {
        boolean ok = true;
        for (int j = 0; j < z.length; j++) {
            z[j] = (columns[j].get(r) - std.mu()[j]) / std.sigma()[j];
            ok &= Double.isFinite(z[j]);
        }
        return ok;
    }

    private Column[] columns(TimeFrame frame) {
        Column[] c = new Column[std.size()];
        for (int j = 0; j < c.length; j++) {
            c[j] = frame.column(std.signals().get(j));
        }
        return c;
    }

    /**
     * T² and Q of a standardised row: {@code t} receives the scores, {@code e} the residual; returns
     * {@code {T², Q}} in {@code out}.
     */
    private void statistics(double[] z, double[] t, double[] e, double[] out) {
        int d = z.length;
        int a = eigenvalues.length;
        Arrays.fill(t, 0);
        for (int j = 0; j < d; j++) {
            double v = z[j];
            int base = j * a;
            for (int c = 0; c < a; c++) {
                t[c] += v * flatLoadings[base + c];
            }
        }
        double t2 = 0;
        for (int c = 0; c < a; c++) {
            t2 += t[c] * t[c] / eigenvalues[c];
        }
        double q = 0;
        for (int j = 0; j < d; j++) {
            double fit = 0;
            int base = j * a;
            for (int c = 0; c < a; c++) {
                fit += t[c] * flatLoadings[base + c];
            }
            e[j] = z[j] - fit;
            q += e[j] * e[j];
        }
        out[0] = t2;
        out[1] = q;
    }

    @Override
    public void score(TimeFrame frame, double[] out) {
        int n = frame.rows();
        if (out.length != n) {
            throw new IllegalArgumentException("out has " + out.length + " elements for " + n + " rows");
        }
        Column[] columns = columns(frame);
        int d = std.size();
        int blocks = (n + 4095) / 4096;
        IntStream range = IntStream.range(0, blocks);
        (n > 65_536 ? range.parallel() : range).forEach(b -> {
            double[] z = new double[d];
            double[] t = new double[eigenvalues.length];
            double[] e = new double[d];
            double[] st = new double[2];
            for (int r = b * 4096, end = Math.min(n, r + 4096); r < end; r++) {
                if (!row(columns, r, z)) {
                    out[r] = Double.NaN;
                    continue;
                }
                statistics(z, t, e, st);
                out[r] = st[0] / t2Limit + st[1] / qLimit;
            }
        });
    }

    @Override
    public SignalContributions contributions(TimeFrame frame, int[] rows) {
        Column[] columns = columns(frame);
        int d = std.size();
        int a = eigenvalues.length;
        double[] z = new double[d];
        double[] t = new double[a];
        double[] e = new double[d];
        double[] st = new double[2];
        double[][] shares = new double[rows.length][];
        double[][] deviations = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double[] share = new double[d];
            double[] dev = new double[d];
            shares[i] = share;
            deviations[i] = dev;
            if (!row(columns, rows[i], z)) {
                Arrays.fill(share, Double.NaN);
                Arrays.fill(dev, Double.NaN);
                continue;
            }
            statistics(z, t, e, st);
            double total = 0;
            if (st[1] / qLimit >= st[0] / t2Limit) {
                // Q: e_k² / Q, signed residual as the deviation
                for (int j = 0; j < d; j++) {
                    share[j] = e[j] * e[j];
                    total += share[j];
                    dev[j] = e[j];
                }
            } else {
                // T² complete decomposition c_k = z_k · (P Λ⁻¹ t)_k, negatives set to zero
                for (int j = 0; j < d; j++) {
                    double w = 0;
                    for (int c = 0; c < a; c++) {
                        w += loadings[j][c] * t[c] / eigenvalues[c];
                    }
                    share[j] = Math.max(0, z[j] * w);
                    total += share[j];
                    dev[j] = z[j];
                }
            }
            double spread = 0;
            for (double v : dev) {
                spread += v * v;
            }
            EifModel.normalise(share, total, dev, spread);
        }
        return new SignalContributions(rows.clone(), shares, deviations);
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("normalization", std.state());
        s.put("components", eigenvalues.length);
        s.put("varianceExplained", parameters.get("varianceExplained"));
        s.put("confidence", parameters.get("confidence"));
        s.put("eigenvalues", States.list(eigenvalues));
        s.put("loadings", States.list(loadings));
        s.put("t2Limit", t2Limit);
        s.put("qLimit", qLimit);
        return s;
    }
}
