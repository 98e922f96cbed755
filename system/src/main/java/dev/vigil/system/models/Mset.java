package dev.vigil.system.models;

import dev.vigil.core.StateReader;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.PluginLookup;
import dev.vigil.spi.SystemModel;
import dev.vigil.spi.SystemModelFactory;
import dev.vigil.spi.SystemProblem;
import dev.vigil.spi.VigilException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The Multivariate State Estimation Technique ({@code mset}), the industrial classic
 * (docs/system-driven.md#mset): a memory matrix D of m normal observations (standardised); a new row x
 * is estimated as {@code x̂ = D·(Dᵀ⊗D + λI)⁻¹·(Dᵀ⊗x)}, ⊗ a similarity operator applied column pair by
 * column pair, and judged by its residuals {@code r = x − x̂}. The score is {@code Σ_j (r_j/σ_j)²},
 * σ_j the residual spread on fit rows outside the memory; signal j's contribution is its term's share.
 *
 * <p>Memory selection ({@code memorySize} m, {@code "auto"}: {@code min(n, 100·d, 1000)}): the rows
 * holding each signal's minimum and maximum, then rows spread evenly along the fit rows ordered by
 * their norm (vector ordering), without duplicates. Similarity ({@code similarity}): {@code gaussian}
 * {@code exp(−‖a−b‖²/(2h²))} with h the median distance between memory vectors (default), or {@code vsm}
 * {@code 1 − ‖a−b‖/(‖a‖+‖b‖)}. Regularisation ({@code regularization} ρ): {@code λ = ρ·trace/m}, the
 * system solved once at fit by Cholesky (LU when not positive definite); the estimate is then {@code x̂
 * = B·(Dᵀ⊗x)} with {@code B = D·(Dᵀ⊗D + λI)⁻¹}, 2·m·d operations per row. Deterministic. Stateless and
 * thread-safe.
 */
public final class Mset implements SystemModelFactory {
    /** The factory's name. */
    public static final String NAME = "mset";
    static final String ORIGIN = "MSET";
    static final List<String> SIMILARITIES = List.of("gaussian", "vsm");

    private static final Map<String, Object> DEFAULTS = Parameters.ordered(
            "memorySize", Parameters.AUTO,
            "similarity", "gaussian",
            "bandwidth", Parameters.AUTO,
            "regularization", 1e-3);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> defaultParameters() {
        return DEFAULTS;
    }

    private record Settings(OptionalInt memory, String similarity, OptionalDouble bandwidth, double regularization) {
    }

    private static Settings read(Map<String, Object> parameters) {
        Parameters p = Parameters.of(NAME, DEFAULTS, parameters);
        Settings s = new Settings(p.integerOrAuto("memorySize", 2, 20_000), p.choice("similarity", SIMILARITIES),
                p.numberOrAuto("bandwidth", 1e-9, 1e9), p.number("regularization", 0, 1));
        p.throwIfAny();
        return s;
    }

    @Override
    public void checkParameters(Map<String, Object> parameters) {
        read(parameters);
    }

    @Override
    public SystemModel fit(SystemProblem problem) {
        Settings s = read(problem.parameters());
        Standardization.Fitted fitted = Standardization.fit(problem.frame(), problem.signals(), problem.fitRows(), true, 3, ORIGIN,
                problem.log());
        Standardization std = fitted.standardization();
        int d = std.size();
        int[] rows = fitted.rows();
        int n = rows.length;
        double[][] z = std.apply(problem.frame());
        int m = Math.min(n, s.memory().orElse(Math.min(100 * d, 1000)));
        int[] memoryRows = select(z, rows, m);
        m = memoryRows.length;
        double[] memory = new double[m * d]; // row-major: memory vector i at i*d
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                memory[i * d + j] = z[j][memoryRows[i]];
            }
        }
        double h = s.bandwidth().orElse(Double.NaN);
        if (s.similarity().equals("gaussian") && Double.isNaN(h)) {
            h = medianDistance(memory, m, d);
        }
        MsetModel.Kernel kernel = new MsetModel.Kernel(s.similarity(), h);
        double[][] g = new double[m][m];
        double trace = 0;
        for (int i = 0; i < m; i++) {
            for (int k = 0; k <= i; k++) {
                g[i][k] = kernel.similarity(memory, i * d, memory, k * d, d);
                g[k][i] = g[i][k];
            }
            trace += g[i][i];
        }
        double lambda = s.regularization() * trace / m;
        for (int i = 0; i < m; i++) {
            g[i][i] += lambda;
        }
        RealMatrix gm = new Array2DRowRealMatrix(g, false);
        DecompositionSolver solver;
        String how;
        try {
            solver = new CholeskyDecomposition(gm, 1e-12, 1e-14).getSolver();
            how = "Cholesky";
        } catch (NonPositiveDefiniteMatrixException e) {
            solver = new LUDecomposition(gm).getSolver();
            how = "LU (not positive definite)";
        }
        if (!solver.isNonSingular()) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, "The MSET similarity matrix of the memory is singular; raise regularization "
                    + "(now " + s.regularization() + ")");
        }
        // B = D · G⁻¹, d × m: since G is symmetric, B = (G⁻¹ Dᵀ)ᵀ
        double[][] dt = new double[m][d];
        for (int i = 0; i < m; i++) {
            System.arraycopy(memory, i * d, dt[i], 0, d);
        }
        RealMatrix x = solver.solve(new Array2DRowRealMatrix(dt, false)); // m × d
        double[] b = new double[d * m]; // row-major [signal][memory]
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                b[j * m + i] = x.getEntry(i, j);
            }
        }
        MsetModel probe = new MsetModel(std, memory, b, kernel, filled(d, 1), Map.of());
        // residual spread on the fit rows outside the memory (all fit rows when every one is in it)
        Set<Integer> inMemory = new LinkedHashSet<>();
        for (int r : memoryRows) {
            inMemory.add(r);
        }
        int[] held = Arrays.stream(rows).filter(r -> !inMemory.contains(r)).toArray();
        if (held.length < 2) {
            held = rows;
        }
        double[] sigma = probe.residualSpread(problem.frame(), held);
        Map<String, Object> params = Parameters.ordered("memorySize", m, "similarity", s.similarity(), "bandwidth",
                s.similarity().equals("gaussian") ? h : Parameters.AUTO, "regularization", s.regularization());
        problem.log().info(ORIGIN, String.format(Locale.ROOT, "Memory of %,d of %,d complete fit rows (%s; min-max rows of each signal, "
                + "then spread by norm), %s similarity%s, λ = %.3g (%s · trace / m) solved by %s; residual spreads from %,d fit rows "
                + "outside the memory.", m, n, s.memory().isPresent() ? "given" : "automatic: min(n, 100·d, 1000)", s.similarity(),
                s.similarity().equals("gaussian") ? String.format(Locale.ROOT, " with bandwidth %.4g (%s)", h,
                        s.bandwidth().isPresent() ? "given" : "median distance between memory vectors") : "", lambda,
                Parameters.fmt(s.regularization()), how, held.length));
        return new MsetModel(std, memory, b, kernel, sigma, params);
    }

    private static double[] filled(int d, double v) {
        double[] a = new double[d];
        Arrays.fill(a, v);
        return a;
    }

    /**
     * Memory rows: each signal's minimum and maximum, then evenly spaced rows of the fit rows sorted by
     * norm, until {@code m}; no row twice.
     */
    static int[] select(double[][] z, int[] rows, int m) {
        int d = z.length;
        Set<Integer> chosen = new LinkedHashSet<>();
        for (int j = 0; j < d && chosen.size() < m; j++) {
            int min = rows[0];
            int max = rows[0];
            for (int r : rows) {
                if (z[j][r] < z[j][min]) {
                    min = r;
                }
                if (z[j][r] > z[j][max]) {
                    max = r;
                }
            }
            chosen.add(min);
            if (chosen.size() < m) {
                chosen.add(max);
            }
        }
        int n = rows.length;
        double[] norm = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += z[j][rows[i]] * z[j][rows[i]];
            }
            norm[i] = s;
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> norm[a] != norm[b] ? Double.compare(norm[a], norm[b]) : Integer.compare(a, b));
        int need = m - chosen.size();
        // evenly spaced picks; a pick already chosen moves to the next unchosen row in norm order
        for (int q = 0; q < need && chosen.size() < m; q++) {
            int at = (int) ((q + 0.5) * n / need);
            while (at < n && chosen.contains(rows[order[at]])) {
                at++;
            }
            if (at < n) {
                chosen.add(rows[order[at]]);
            }
        }
        // picks that ran past the end: the first unchosen rows in norm order
        for (int at = 0; at < n && chosen.size() < m; at++) {
            chosen.add(rows[order[at]]);
        }
        List<Integer> list = new ArrayList<>(chosen);
        list.sort(Integer::compare);
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The median Euclidean distance between distinct memory vectors (a sample of pairs when there are many). */
    static double medianDistance(double[] memory, int m, int d) {
        int pairs = m * (m - 1) / 2;
        int step = Math.max(1, pairs / 200_000);
        double[] dist = new double[(pairs + step - 1) / step];
        int count = 0;
        int p = 0;
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < i; k++, p++) {
                if (p % step == 0 && count < dist.length) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        double v = memory[i * d + j] - memory[k * d + j];
                        s += v * v;
                    }
                    dist[count++] = Math.sqrt(s);
                }
            }
        }
        if (count == 0) {
            return 1;
        }
        double med = ExtendedIsolationForest.median(Arrays.copyOf(dist, count));
        return med > 0 ? med : 1;
    }

    @Override
    public SystemModel restore(Map<String, Object> state, PluginLookup plugins) {
        StateReader s = StateReader.of(state, "model.systemModel");
        Standardization std = Standardization.restore(s.map("normalization"));
        int d = std.size();
        int m = s.integer("memorySize");
        if (m < 1) {
            throw s.error("memorySize", "must be positive, got " + m);
        }
        double[] memory = flat(States.matrix(s, "memory", m, d));
        double[] b = flat(States.matrix(s, "estimator", d, m));
        double[] sigma = s.doubles("residualSigma");
        if (sigma.length != d) {
            throw s.error("residualSigma", "must hold one number per signal (" + d + ")");
        }
        for (double v : sigma) {
            if (!(v > 0)) {
                throw s.error("residualSigma", "must hold positive numbers, got " + v);
            }
        }
        String similarity = s.string("similarity");
        if (!SIMILARITIES.contains(similarity)) {
            throw s.error("similarity", "must be one of " + SIMILARITIES + ", got " + similarity);
        }
        double h = s.number("bandwidth");
        Map<String, Object> params = Parameters.ordered("memorySize", m, "similarity", similarity, "bandwidth",
                similarity.equals("gaussian") ? h : Parameters.AUTO, "regularization", s.number("regularization"));
        return new MsetModel(std, memory, b, new MsetModel.Kernel(similarity, h), sigma, params);
    }

    private static double[] flat(double[][] m) {
        int c = m.length == 0 ? 0 : m[0].length;
        double[] out = new double[m.length * c];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, out, i * c, c);
        }
        return out;
    }
}
