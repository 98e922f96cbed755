package dev.vigil.system.models;

import dev.vigil.spi.NormalBehaviorModel;
import dev.vigil.spi.frame.Column;
import dev.vigil.spi.frame.TimeFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The cross-regression's fitted regressions compiled into flat primitive arrays, for detect: per
 * signal an intercept and its terms, per term a coefficient and its factors, per factor a source
 * and a lag. A source is a signal's column, the constant 1, or a signal standardised {@code (x − c)/s}
 * — computed once per block and shared by every term and regression that reads it, at any lag.
 *
 * <p>Only regressions of {@code SparseRegression} without a daily cycle whose terms are products of
 * {@code Identity}, {@code TimeOffsets} and {@code Intercept} parts (standardised or not) compile:
 * {@link #compile} returns {@code null} for any other, and the model then predicts through the
 * regressions themselves. A compiled plan gives to the bit what those predictions give: every value
 * comes from the same operations in the same order — a factor {@code (x(t−k) − c)/s}, factors
 * multiplied left to right, {@code intercept + Σ β·term} term by term in the model's order, the
 * residual {@code (x − x̂)/σ}, squares added signal by signal — and a lag before the first row reads
 * {@code NaN}, as the features do. Immutable and thread-safe.
 */
final class RegressionPlan {
    /** Rows evaluated together: a block's sources, one estimate and the squares stay in the core's cache. */
    static final int BLOCK = 1_024;
    /** Blocks one task evaluates with the same scratch arrays; tasks run side by side. */
    private static final int BLOCKS_PER_TASK = 16;
    private static final String SPARSE_REGRESSION = "SparseRegression";
    private static final Set<String> STANDARDISATION = Set.of("center", "scale");

    private final int signals;
    private final int history;
    private final double[] intercept;
    private final double[] sigma;
    /** Terms of signal j: {@code termStart[j]} to {@code termStart[j + 1]}. */
    private final int[] termStart;
    private final double[] beta;
    /** Factors of term t: {@code factorStart[t]} to {@code factorStart[t + 1]}. */
    private final int[] factorStart;
    /** Per factor: its source (signals first, then the constant 1, then the standardised sources). */
    private final int[] factorSource;
    private final int[] factorLag;
    /** Per standardised source: the source it standardises (a signal or the constant), its centre and scale. */
    private final int[] zOf;
    private final double[] zCenter;
    private final double[] zScale;
    /** Per signal j: j and the signals whose regressions read j (directly or standardised), ascending. */
    private final int[][] affected;

    private RegressionPlan(int signals, int history, double[] intercept, double[] sigma, int[] termStart, double[] beta, int[] factorStart,
            int[] factorSource, int[] factorLag, int[] zOf, double[] zCenter, double[] zScale) {
        this.signals = signals;
        this.history = history;
        this.intercept = intercept;
        this.sigma = sigma;
        this.termStart = termStart;
        this.beta = beta;
        this.factorStart = factorStart;
        this.factorSource = factorSource;
        this.factorLag = factorLag;
        this.zOf = zOf;
        this.zCenter = zCenter;
        this.zScale = zScale;
        this.affected = new int[signals][];
        for (int j = 0; j < signals; j++) {
            int of = j;
            this.affected[j] = IntStream.range(0, signals).filter(k -> k == of || reads(k, of)).toArray();
        }
    }

    /** Whether the regression of signal k reads signal j. */
    private boolean reads(int k, int j) {
        for (int f = factorStart[termStart[k]]; f < factorStart[termStart[k + 1]]; f++) {
            int s = factorSource[f];
            if (s == j || s > signals && zOf[s - signals - 1] == j) {
                return true;
            }
        }
        return false;
    }

    /** The constant source's index. */
    private int ones() {
        return signals;
    }

    /** Rows before a row that its residuals read. */
    int history() {
        return history;
    }

    /**
     * The plan of regression {@code models[j]} of signal {@code j} (each reading only the given
     * signals) with residual spreads {@code sigma}; {@code null} when a regression is not one the plan
     * can evaluate.
     */
    static RegressionPlan compile(List<String> names, NormalBehaviorModel[] models, double[] sigma) {
        int d = names.size();
        Map<String, Integer> signal = new HashMap<>();
        for (int j = 0; j < d; j++) {
            signal.put(names.get(j), j);
        }
        double[] icept = new double[d];
        int[] termStart = new int[d + 1];
        List<Double> beta = new ArrayList<>();
        List<Integer> factorStart = new ArrayList<>();
        List<Integer> source = new ArrayList<>();
        List<Integer> lag = new ArrayList<>();
        Map<List<Object>, Integer> zIndex = new HashMap<>();
        List<Integer> zOf = new ArrayList<>();
        List<Double> zCenter = new ArrayList<>();
        List<Double> zScale = new ArrayList<>();
        int history = 0;
        for (int j = 0; j < d; j++) {
            termStart[j] = beta.size();
            Map<String, Object> model = regression(models[j]);
            if (model == null || !(model.get("intercept") instanceof Number b0) || !(model.get("terms") instanceof List<?> terms)) {
                return null;
            }
            icept[j] = b0.doubleValue();
            for (Object t : terms) {
                if (!(t instanceof Map<?, ?> term) || !(term.get("beta") instanceof Number b) || !(term.get("parts") instanceof List<?> parts)
                        || parts.isEmpty()) {
                    return null;
                }
                beta.add(b.doubleValue());
                factorStart.add(source.size());
                for (Object p : parts) {
                    if (!(p instanceof Map<?, ?> part) || !(part.get("parameters") instanceof Map<?, ?> parameters)) {
                        return null;
                    }
                    int[] read = read(part, parameters, signal, d);
                    if (read == null) {
                        return null;
                    }
                    int s = read[0];
                    if (parameters.containsKey("center")) {
                        double c = ((Number) parameters.get("center")).doubleValue();
                        double sc = ((Number) parameters.get("scale")).doubleValue();
                        List<Object> key = List.of(s, Double.doubleToLongBits(c), Double.doubleToLongBits(sc));
                        Integer z = zIndex.get(key);
                        if (z == null) {
                            z = zOf.size();
                            zIndex.put(key, z);
                            zOf.add(s);
                            zCenter.add(c);
                            zScale.add(sc);
                        }
                        s = d + 1 + z;
                    }
                    source.add(s);
                    lag.add(read[1]);
                    history = Math.max(history, read[1]);
                }
            }
        }
        termStart[d] = beta.size();
        factorStart.add(source.size());
        return new RegressionPlan(d, history, icept, sigma.clone(), termStart, beta.stream().mapToDouble(Double::doubleValue).toArray(),
                ints(factorStart), ints(source), ints(lag), ints(zOf), zCenter.stream().mapToDouble(Double::doubleValue).toArray(),
                zScale.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The one linear model of a {@code SparseRegression} without a daily cycle, from its state; {@code null} for any other model. */
    private static Map<String, Object> regression(NormalBehaviorModel m) {
        if (!SPARSE_REGRESSION.equals(m.factory())) {
            return null;
        }
        Map<String, Object> state = m.state();
        if (!Boolean.FALSE.equals(state.get("dailyCycle")) || !(state.get("models") instanceof List<?> list) || list.size() != 1
                || !(list.get(0) instanceof Map<?, ?> one) || !(one.get("index") instanceof Number index) || index.intValue() != 1) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) one;
        return model;
    }

    /**
     * A part's source (a signal's index, or {@code d} for the constant) and lag: {@code Identity} of a
     * signal (offset 0), {@code TimeOffsets} of a signal (offset ≤ 0), {@code Intercept}, each
     * possibly with a finite centre and a positive scale; {@code null} for anything else.
     */
    private static int[] read(Map<?, ?> part, Map<?, ?> parameters, Map<String, Integer> signal, int d) {
        for (Map.Entry<?, ?> e : parameters.entrySet()) {
            if (!(e.getValue() instanceof Double)) {
                return null;
            }
        }
        boolean standardised = parameters.containsKey("center");
        if (standardised != parameters.containsKey("scale")) {
            return null;
        }
        if (standardised) {
            double c = (Double) parameters.get("center");
            double s = (Double) parameters.get("scale");
            if (!Double.isFinite(c) || !(s > 0) || !Double.isFinite(s)) {
                return null;
            }
        }
        Object type = part.get("type");
        Object predictor = part.get("predictor");
        if ("Intercept".equals(type)) {
            return predictor == null && STANDARDISATION.containsAll(parameters.keySet()) ? new int[] {d, 0} : null;
        }
        if (!("Identity".equals(type) || "TimeOffsets".equals(type)) || !(predictor instanceof String name) || !signal.containsKey(name)
                || !(parameters.get("offset") instanceof Double offset) || parameters.size() != (standardised ? 3 : 1)) {
            return null;
        }
        double o = offset;
        if (o > 0 || o != Math.rint(o) || o < -1_000_000 || ("Identity".equals(type) && o != 0)) {
            return null;
        }
        return new int[] {signal.get(name), (int) -o};
    }

    private static int[] ints(List<Integer> v) {
        return v.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The frame's columns of the signals, in order, without copying. */
    private static Column[] columns(TimeFrame frame, List<String> names) {
        Column[] c = new Column[names.size()];
        for (int j = 0; j < c.length; j++) {
            c[j] = frame.column(names.get(j));
        }
        return c;
    }

    /**
     * {@code out[r] = Σ_j r_j²} for every row of the frame, {@code NaN} where a residual is missing or
     * the sum is not finite; blocks side by side when the frame is long.
     */
    void score(TimeFrame frame, List<String> names, double[] out) {
        Column[] x = columns(frame, names);
        int n = frame.rows();
        int blocks = (n + BLOCK - 1) / BLOCK;
        int tasks = (blocks + BLOCKS_PER_TASK - 1) / BLOCKS_PER_TASK;
        IntStream range = IntStream.range(0, tasks);
        (tasks > 1 ? range.parallel() : range).forEach(task -> {
            Window w = new Window();
            double[] r = new double[BLOCK];
            double[] q = new double[BLOCK];
            for (int b = task * BLOCKS_PER_TASK; b < Math.min(blocks, (task + 1) * BLOCKS_PER_TASK); b++) {
                int from = b * BLOCK;
                int m = Math.min(n, from + BLOCK) - from;
                w.load(x, from, from + m);
                Arrays.fill(q, 0, m, 0.0);
                for (int j = 0; j < signals; j++) {
                    w.residuals(j, r, 0);
                    for (int i = 0; i < m; i++) {
                        q[i] += r[i] * r[i];
                    }
                }
                for (int i = 0; i < m; i++) {
                    double v = q[i];
                    out[from + i] = Double.isFinite(v) ? v : Double.NaN; // NaN propagates: a row with a missing residual has no score
                }
            }
        });
    }

    /** The frame's columns of the given signals, in the plan's order, without copying. */
    static Column[] columnsOf(TimeFrame frame, List<String> names) {
        return columns(frame, names);
    }

    /** Per signal, the signals whose residuals change when its values do, ascending: itself and those whose regressions read it. */
    int[] affectedBy(int j) {
        return affected[j].clone();
    }

    /**
     * A stretch of rows {@code from … to − 1} of a frame with the {@link #history()} rows before it: every
     * source the regressions read, computed once and shared by all of them, to evaluate the residuals of
     * the stretch one signal at a time, and again with one signal's values replaced. Rows before the
     * frame's first read {@code NaN}, as a lag there does. Reused from stretch to stretch by one thread.
     */
    final class Window {
        /** Per source, its values on rows {@code from − history} to {@code to − 1}. */
        private double[][] source = new double[signals + 1 + zOf.length][0];
        private double[] estimate = new double[0];
        private double[] product = new double[0];
        private double[] saved = new double[0];
        private int rows;

        /** Loads rows {@code from … to − 1} and their history; {@code from} may be negative. */
        void load(Column[] x, int from, int to) {
            int h = history;
            int m = to - from;
            int length = h + m;
            if (source[0].length < length) {
                for (int s = 0; s < source.length; s++) {
                    source[s] = new double[length];
                }
                Arrays.fill(source[ones()], 1.0);
                estimate = new double[m];
                product = new double[m];
                saved = new double[length];
            }
            rows = m;
            // NaN before the first row (where a lag finds nothing)
            int before = Math.min(length, Math.max(0, h - from));
            for (int j = 0; j < signals; j++) {
                Arrays.fill(source[j], 0, before, Double.NaN);
                x[j].copyTo(from - h + before, source[j], before, length - before);
            }
            standardise(-1);
        }

        /** Recomputes the standardised sources of signal {@code of} ({@code −1}: of every source). */
        private void standardise(int of) {
            int length = history + rows;
            for (int z = 0; z < zOf.length; z++) {
                if (of >= 0 && zOf[z] != of) {
                    continue;
                }
                double[] v = source[zOf[z]];
                double[] o = source[signals + 1 + z];
                double c = zCenter[z];
                double sc = zScale[z];
                for (int p = 0; p < length; p++) {
                    o[p] = (v[p] - c) / sc;
                }
            }
        }

        /** Signal {@code j}'s values: row {@code from + i} at index {@code history() + i}. */
        double[] values(int j) {
            return source[j];
        }

        /**
         * Puts {@code values[0 … rows)} in place of signal {@code j}'s values on the stretch's rows (its
         * history rows keep theirs) until {@link #restore}.
         */
        void replace(int j, double[] values) {
            System.arraycopy(source[j], history, saved, 0, rows);
            System.arraycopy(values, 0, source[j], history, rows);
            standardise(j);
        }

        /** Undoes {@link #replace} of signal {@code j}. */
        void restore(int j) {
            System.arraycopy(saved, 0, source[j], history, rows);
            standardise(j);
        }

        /** {@code out[at + i]}: the standardised residual {@code (x_j − x̂_j)/σ_j} of row {@code from + i}. */
        void residuals(int j, double[] out, int at) {
            int m = rows;
            int h = history;
            double[][] src = source;
            double[] est = estimate;
            double[] prod = product;
            Arrays.fill(est, 0, m, intercept[j]);
            for (int t = termStart[j]; t < termStart[j + 1]; t++) {
                double b = beta[t];
                int f0 = factorStart[t];
                int factors = factorStart[t + 1] - f0;
                double[] a = src[factorSource[f0]];
                int oa = h - factorLag[f0];
                if (factors == 1) {
                    for (int i = 0; i < m; i++) {
                        est[i] += b * a[oa + i];
                    }
                } else if (factors == 2) {
                    double[] c = src[factorSource[f0 + 1]];
                    int oc = h - factorLag[f0 + 1];
                    for (int i = 0; i < m; i++) {
                        est[i] += b * (a[oa + i] * c[oc + i]);
                    }
                } else {
                    System.arraycopy(a, oa, prod, 0, m);
                    for (int f = f0 + 1; f < f0 + factors; f++) {
                        double[] c = src[factorSource[f]];
                        int oc = h - factorLag[f];
                        for (int i = 0; i < m; i++) {
                            prod[i] *= c[oc + i];
                        }
                    }
                    for (int i = 0; i < m; i++) {
                        est[i] += b * prod[i];
                    }
                }
            }
            double[] v = src[j];
            double sg = sigma[j];
            for (int i = 0; i < m; i++) {
                out[at + i] = (v[h + i] - est[i]) / sg;
            }
        }
    }

    /** The standardised residuals {@code (x_j − x̂_j)/σ_j} of one row into {@code r}, {@code NaN} where a regression has no value. */
    private void residuals(Column[] x, int row, double[] r) {
        for (int j = 0; j < signals; j++) {
            double v = intercept[j];
            for (int t = termStart[j]; t < termStart[j + 1]; t++) {
                int f0 = factorStart[t];
                double p = factor(x, f0, row);
                for (int f = f0 + 1; f < factorStart[t + 1]; f++) {
                    p *= factor(x, f, row);
                }
                v += beta[t] * p;
            }
            r[j] = (x[j].get(row) - v) / sigma[j];
        }
    }

    /** One factor's value at a row: {@code NaN} when its lag reaches before the first row. */
    private double factor(Column[] x, int f, int row) {
        int at = row - factorLag[f];
        int s = factorSource[f];
        if (at < 0) {
            return Double.NaN;
        }
        if (s < signals) {
            return x[s].get(at);
        }
        if (s == signals) {
            return 1.0;
        }
        int z = s - signals - 1;
        double raw = zOf[z] == signals ? 1.0 : x[zOf[z]].get(at);
        return (raw - zCenter[z]) / zScale[z];
    }

    /** The standardised residuals of some rows, {@code [signal][i]} for {@code rows[i]}. */
    double[][] residuals(TimeFrame frame, List<String> names, int[] rows) {
        Column[] x = columns(frame, names);
        double[][] out = new double[signals][rows.length];
        double[] r = new double[signals];
        for (int i = 0; i < rows.length; i++) {
            residuals(x, rows[i], r);
            for (int j = 0; j < signals; j++) {
                out[j][i] = r[j];
            }
        }
        return out;
    }

    /**
     * Each row's squared residuals as shares of their sum and the residuals as deviations, as {@link
     * CrossRegressionModel#contributions} defines them; {@code NaN} for a row with a missing residual.
     */
    void contributions(TimeFrame frame, List<String> names, int[] rows, double[][] shares, double[][] deviations) {
        Column[] x = columns(frame, names);
        IntStream range = IntStream.range(0, rows.length);
        (rows.length > BLOCK ? range.parallel() : range).forEach(i -> {
            double[] dev = new double[signals];
            residuals(x, rows[i], dev);
            shares[i] = CrossRegressionModel.shares(dev);
            deviations[i] = dev;
        });
    }
}
