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

/** A fitted {@link Mset}: the memory, the estimator {@code B = D·G⁻¹}, the residual spreads. Immutable and thread-safe. */
final class MsetModel implements SystemModel {
    private static final int BLOCK = 1024;

    /** A similarity operator between two standardised vectors. */
    record Kernel(String name, double bandwidth) {
        double similarity(double[] a, int at, double[] b, int bt, int d) {
            if (name.equals("gaussian")) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double v = a[at + j] - b[bt + j];
                    s += v * v;
                }
                return Math.exp(-s / (2 * bandwidth * bandwidth));
            }
            double diff = 0;
            double na = 0;
            double nb = 0;
            for (int j = 0; j < d; j++) {
                double v = a[at + j] - b[bt + j];
                diff += v * v;
                na += a[at + j] * a[at + j];
                nb += b[bt + j] * b[bt + j];
            }
            double den = Math.sqrt(na) + Math.sqrt(nb);
            return den == 0 ? 1 : 1 - Math.sqrt(diff) / den;
        }
    }

    private final Standardization std;
    private final double[] memory; // m × d row-major
    private final double[] estimator; // d × m row-major
    private final Kernel kernel;
    private final double[] sigma;
    private final Map<String, Object> parameters;
    private final int m;

    MsetModel(Standardization std, double[] memory, double[] estimator, Kernel kernel, double[] sigma, Map<String, Object> parameters) {
        this.std = std;
        this.memory = memory;
        this.estimator = estimator;
        this.kernel = kernel;
        this.sigma = sigma.clone();
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.m = memory.length / std.size();
    }

    @Override
    public String factory() {
        return Mset.NAME;
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

    private Column[] columns(TimeFrame frame) {
        Column[] c = new Column[std.size()];
        for (int j = 0; j < c.length; j++) {
            c[j] = frame.column(std.signals().get(j));
        }
        return c;
    }

    /** The standardised residual {@code x − x̂} of a row into {@code r}; false when a value is missing. */
    private boolean residual(Column[] columns, int row, double[] z, double[] sim, double[] r) {
        int d = z.length;
        for (int j = 0; j < d; j++) {
            z[j] = (columns[j].get(row) - std.mu()[j]) / std.sigma()[j];
            if (!Double.isFinite(z[j])) {
                return false;
            }
        }
        for (int i = 0; i < m; i++) {
            sim[i] = kernel.similarity(memory, i * d, z, 0, d);
        }
        for (int j = 0; j < d; j++) {
            double est = 0;
            int base = j * m;
            for (int i = 0; i < m; i++) {
                est += estimator[base + i] * sim[i];
            }
            r[j] = z[j] - est;
        }
        return true;
    }

    /** The root mean square residual of each signal on some rows. */
    double[] residualSpread(TimeFrame frame, int[] rows) {
        Column[] columns = columns(frame);
        int d = std.size();
        double[] sum = new double[d];
        double[] z = new double[d];
        double[] sim = new double[m];
        double[] r = new double[d];
        int count = 0;
        for (int row : rows) {
            if (residual(columns, row, z, sim, r)) {
                count++;
                for (int j = 0; j < d; j++) {
                    sum[j] += r[j] * r[j];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            sum[j] = count == 0 ? 1 : Math.sqrt(sum[j] / count);
            if (!(sum[j] > 1e-9)) {
                sum[j] = 1e-9;
            }
        }
        return sum;
    }

    @Override
    public void score(TimeFrame frame, double[] out) {
        int n = frame.rows();
        if (out.length != n) {
            throw new IllegalArgumentException("out has " + out.length + " elements for " + n + " rows");
        }
        Column[] columns = columns(frame);
        int d = std.size();
        IntStream range = IntStream.range(0, (n + BLOCK - 1) / BLOCK);
        (n > 4 * BLOCK ? range.parallel() : range).forEach(b -> {
            double[] z = new double[d];
            double[] sim = new double[m];
            double[] r = new double[d];
            for (int row = b * BLOCK, end = Math.min(n, row + BLOCK); row < end; row++) {
                if (!residual(columns, row, z, sim, r)) {
                    out[row] = Double.NaN;
                    continue;
                }
                double q = 0;
                for (int j = 0; j < d; j++) {
                    double v = r[j] / sigma[j];
                    q += v * v;
                }
                out[row] = q;
            }
        });
    }

    @Override
    public SignalContributions contributions(TimeFrame frame, int[] rows) {
        Column[] columns = columns(frame);
        int d = std.size();
        double[] z = new double[d];
        double[] sim = new double[m];
        double[] r = new double[d];
        double[][] shares = new double[rows.length][];
        double[][] deviations = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double[] share = new double[d];
            double[] dev = new double[d];
            shares[i] = share;
            deviations[i] = dev;
            if (!residual(columns, rows[i], z, sim, r)) {
                Arrays.fill(share, Double.NaN);
                Arrays.fill(dev, Double.NaN);
                continue;
            }
            double total = 0;
            for (int j = 0; j < d; j++) {
                dev[j] = r[j] / sigma[j];
                share[j] = dev[j] * dev[j];
                total += share[j];
            }
            EifModel.normalise(share, total, dev, total);
        }
        return new SignalContributions(rows.clone(), shares, deviations);
    }

    @Override
    public Map<String, Object> state() {
        int d = std.size();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("normalization", std.state());
        s.put("memorySize", m);
        s.put("similarity", kernel.name());
        s.put("bandwidth", kernel.name().equals("gaussian") ? kernel.bandwidth() : 0.0);
        s.put("regularization", parameters.get("regularization"));
        s.put("residualSigma", States.list(sigma));
        List<List<Double>> mem = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            mem.add(States.list(Arrays.copyOfRange(memory, i * d, (i + 1) * d)));
        }
        s.put("memory", mem);
        List<List<Double>> est = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            est.add(States.list(Arrays.copyOfRange(estimator, j * m, (j + 1) * m)));
        }
        s.put("estimator", est);
        return s;
    }
}
