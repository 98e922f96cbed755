package dev.vigil.system.models;

import dev.vigil.core.StateReader;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.PluginLookup;
import dev.vigil.spi.SystemModel;
import dev.vigil.spi.SystemModelFactory;
import dev.vigil.spi.SystemProblem;
import dev.vigil.spi.VigilException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Principal component analysis with Hotelling's T² and the Q statistic (squared prediction error), the
 * process-monitoring classic ({@code pca}; docs/system-driven.md#pca-t-and-q). The signals are
 * standardised on the fit rows; the eigen-decomposition of their correlation matrix (Commons Math)
 * keeps the first {@code a} components. T² measures how far a row lies inside the model's plane, Q how
 * far off it: a broken relation between signals shows in Q.
 *
 * <p>Each statistic is divided by its control limit at {@code confidence}: T² by the F-based limit for
 * new observations {@code a(n−1)(n+1)/(n(n−a))·F(a, n−a)}, Q by Jackson and Mudholkar's limit from
 * {@code θ_i = Σ_{k>a} λ_k^i} (Box's {@code g·χ²(h)} when their {@code h₀ ≤ 0}). The raw score is the
 * sum of the two ratios (a combined index in the manner of Yue and Qin), so a row at both limits
 * scores 2. Contributions: the Q share {@code e_k²/Q} when Q is the larger ratio, else the T² complete
 * decomposition with negative terms set to zero.
 *
 * <p>Parameters: {@code components} ({@code "auto"}: the fewest explaining {@code varianceExplained}
 * of the variance), {@code varianceExplained} (0.85), {@code confidence} (0.99). Deterministic, no
 * random choice. Stateless and thread-safe.
 */
public final class Pca implements SystemModelFactory {
    /** The factory's name. */
    public static final String NAME = "pca";
    static final String ORIGIN = "PCA";

    private static final Map<String, Object> DEFAULTS = Parameters.ordered(
            "components", Parameters.AUTO,
            "varianceExplained", 0.85,
            "confidence", 0.99);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> defaultParameters() {
        return DEFAULTS;
    }

    private record Settings(OptionalInt components, double variance, double confidence) {
    }

    private static Settings read(Map<String, Object> parameters) {
        Parameters p = Parameters.of(NAME, DEFAULTS, parameters);
        Settings s = new Settings(p.integerOrAuto("components", 1, 100_000), p.number("varianceExplained", 0.01, 1),
                p.number("confidence", 0.5, 0.999999));
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
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = 0;
                double[] a = z[i];
                double[] b = z[j];
                for (int r : rows) {
                    sum += a[r] * b[r];
                }
                cov[i][j] = sum / (n - 1);
                cov[j][i] = cov[i][j];
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
        double[] lambda = eig.getRealEigenvalues().clone();
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
            lambda[i] = Math.max(lambda[i], 0);
        }
        Arrays.sort(order, (x, y) -> Double.compare(lambda[y], lambda[x]));
        double total = 0;
        for (double l : lambda) {
            total += l;
        }
        int a;
        if (s.components().isPresent()) {
            a = s.components().getAsInt();
            if (a > d - 1 && d > 1 || a > d) {
                Parameters p = Parameters.of(NAME, DEFAULTS, Map.of());
                p.problem("components must be from 1 to " + Math.max(1, d - 1) + " (the signals modelled, " + d + ", minus one, so that Q "
                        + "has a residual space), got " + a);
                p.throwIfAny();
            }
        } else {
            a = 0;
            double cum = 0;
            while (a < d && cum < s.variance() * total) {
                cum += lambda[order[a]];
                a++;
            }
            a = Math.max(1, Math.min(a, Math.max(1, d - 1)));
        }
        if (n <= a + 1) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, String.format(Locale.ROOT,
                    "PCA with %d components needs more than %d complete fit rows, got %d", a, a + 1, n));
        }
        RealMatrix vectors = eig.getV();
        double[][] loadings = new double[d][a]; // [signal][component]
        double[] kept = new double[a];
        double explained = 0;
        for (int c = 0; c < a; c++) {
            kept[c] = Math.max(lambda[order[c]], 1e-12 * total);
            explained += lambda[order[c]];
            for (int j = 0; j < d; j++) {
                loadings[j][c] = vectors.getEntry(j, order[c]);
            }
        }
        double theta1 = 0;
        double theta2 = 0;
        double theta3 = 0;
        for (int c = a; c < d; c++) {
            double l = lambda[order[c]];
            theta1 += l;
            theta2 += l * l;
            theta3 += l * l * l;
        }
        double alpha = s.confidence();
        double t2Limit = a * (n - 1.0) * (n + 1.0) / (n * (double) (n - a)) * new FDistribution(null, a, n - a).inverseCumulativeProbability(alpha);
        double qLimit = qLimit(theta1, theta2, theta3, alpha, total);
        problem.log().info(ORIGIN, String.format(Locale.ROOT, "%d principal components of %d signals explain %.1f %% of the variance "
                + "(%s); control limits at %s: T² %.4g (F), Q %.4g (%s), from %,d complete fit rows.", a, d, 100 * explained / total,
                s.components().isPresent() ? "given" : "automatic: the fewest reaching " + Parameters.fmt(100 * s.variance()) + " %",
                Parameters.fmt(alpha), t2Limit, qLimit, theta2 > 0 && h0(theta1, theta2, theta3) > 0 ? "Jackson–Mudholkar" : "Box", n));
        return new PcaModel(std, loadings, kept, t2Limit, qLimit,
                Parameters.ordered("components", a, "varianceExplained", s.variance(), "confidence", alpha));
    }

    private static double h0(double t1, double t2, double t3) {
        return 1 - 2 * t1 * t3 / (3 * t2 * t2);
    }

    /** Jackson–Mudholkar's Q limit, Box's approximation when h₀ ≤ 0; a small positive floor when the residual space is empty. */
    static double qLimit(double theta1, double theta2, double theta3, double alpha, double total) {
        double floor = 1e-9 * Math.max(total, 1e-300);
        if (!(theta1 > floor) || !(theta2 > 0)) {
            return floor;
        }
        double h0 = h0(theta1, theta2, theta3);
        if (h0 > 0) {
            double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(alpha);
            double inner = z * Math.sqrt(2 * theta2 * h0 * h0) / theta1 + 1 + theta2 * h0 * (h0 - 1) / (theta1 * theta1);
            if (inner > 0) {
                return theta1 * Math.pow(inner, 1 / h0);
            }
        }
        double g = theta2 / theta1;
        double h = theta1 * theta1 / theta2;
        return g * new ChiSquaredDistribution(null, h).inverseCumulativeProbability(alpha);
    }

    @Override
    public SystemModel restore(Map<String, Object> state, PluginLookup plugins) {
        StateReader s = StateReader.of(state, "model.systemModel");
        Standardization std = Standardization.restore(s.map("normalization"));
        int d = std.size();
        int a = s.integer("components");
        if (a < 1 || a > d) {
            throw s.error("components", "must be from 1 to " + d + ", got " + a);
        }
        double[][] loadings = States.matrix(s, "loadings", d, a);
        double[] eigenvalues = s.doubles("eigenvalues");
        if (eigenvalues.length != a) {
            throw s.error("eigenvalues", "must hold one number per component (" + a + ")");
        }
        for (double l : eigenvalues) {
            if (!(l > 0)) {
                throw s.error("eigenvalues", "must be positive, got " + l);
            }
        }
        double t2 = s.number("t2Limit");
        double q = s.number("qLimit");
        if (!(t2 > 0) || !(q > 0)) {
            throw s.error("t2Limit", "and qLimit must be positive, got " + t2 + " and " + q);
        }
        return new PcaModel(std, loadings, eigenvalues, t2, q, Parameters.ordered("components", a, "varianceExplained",
                s.number("varianceExplained"), "confidence", s.number("confidence")));
    }
}
