package dev.vigil.system.models;

import dev.vigil.core.StateReader;
import dev.vigil.spi.PluginLookup;
import dev.vigil.spi.SystemModel;
import dev.vigil.spi.SystemModelFactory;
import dev.vigil.spi.SystemProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Extended Isolation Forest ({@code eif}), TIM's system-driven model: anomalies are the points a
 * forest of random hyperplane cuts isolates in few steps (Hariri, Carrasco Kind &amp; Brunner,
 * "Extended Isolation Forest", IEEE TKDE 33(4), 2021; docs/system-driven.md#extended-isolation-forest). The
 * score is {@code 2^(−E[h]/c(ψ))}: near 1 for points isolated at once, about 0.5 or less for
 * ordinary ones.
 *
 * <p>Parameters (TIM's names):
 * <ul>
 *   <li>{@code numberOfTrees} (100);
 *   <li>{@code subSampleSize} ψ (256, capped at the complete fit rows): rows drawn, without
 *       replacement, for each tree;
 *   <li>{@code maxTreeDepth} ({@code "auto"}: ⌈log₂ ψ⌉, the average depth of a tree of ψ points);
 *   <li>{@code extensionLevel} e, 0 to d − 1 ({@code "auto"}: {@value #AUTO_EXTENSION}, capped at d − 1):
 *       each cut's normal has e + 1 random non-zero coordinates. 0 is the classic axis-parallel
 *       isolation forest; d − 1 the paper's "full extension", which it recommends. The automatic value
 *       is chosen for cost, not quality: a cut on two signals costs two operations per step of every
 *       walk instead of d, which is what lets scoring keep up with wide machines; on Vigil's seeded
 *       machines full extension scored a few hundredths of AUC better (BENCHMARKS.md#system-driven-models),
 *       so ask for {@code d − 1} when quality matters more than speed;
 *   <li>{@code normalization} (true): z-score each signal on the fit rows first, so that no signal
 *       dominates the cuts by its units.
 * </ul>
 *
 * <p>Every tree draws from its own random generator seeded with the problem's seed plus the tree's
 * index: the same problem and seed give the same forest whatever the threads. Contributions: a signal's
 * share is how much the score falls when that signal alone is put back to its training median
 * (docs/system-driven.md#contributions). Stateless and thread-safe.
 */
public final class ExtendedIsolationForest implements SystemModelFactory {
    /** The factory's name. */
    public static final String NAME = "eif";
    /** Non-zero coordinates beyond the first of each cut's normal, when {@code extensionLevel} is automatic (capped at d − 1). */
    static final int AUTO_EXTENSION = 1;
    static final String ORIGIN = "ExtendedIsolationForest";

    private static final Map<String, Object> DEFAULTS = Parameters.ordered(
            "numberOfTrees", 100,
            "subSampleSize", 256,
            "maxTreeDepth", Parameters.AUTO,
            "extensionLevel", Parameters.AUTO,
            "normalization", true);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> defaultParameters() {
        return DEFAULTS;
    }

    /** The parameters as read, before the data decide the automatic ones. */
    private record Settings(int trees, int subSample, OptionalInt maxDepth, OptionalInt extension, boolean normalization) {
    }

    private static Settings read(Map<String, Object> parameters) {
        Parameters p = Parameters.of(NAME, DEFAULTS, parameters);
        Settings s = new Settings(p.integer("numberOfTrees", 1, 10_000), p.integer("subSampleSize", 2, 1 << 20),
                p.integerOrAuto("maxTreeDepth", 1, 64), p.integerOrAuto("extensionLevel", 0, 100_000), p.bool("normalization"));
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
        Standardization.Fitted fitted = Standardization.fit(problem.frame(), problem.signals(), problem.fitRows(), s.normalization(), 2,
                ORIGIN, problem.log());
        Standardization std = fitted.standardization();
        int d = std.size();
        int e = s.extension().orElse(Math.min(AUTO_EXTENSION, d - 1));
        if (e > d - 1) {
            Parameters p = Parameters.of(NAME, DEFAULTS, Map.of());
            p.problem("extensionLevel must be from 0 to " + (d - 1) + " (the number of signals modelled, " + d + ", minus one), got " + e);
            p.throwIfAny();
        }
        int[] rows = fitted.rows();
        int psi = Math.min(s.subSample(), rows.length);
        int depth = s.maxDepth().orElse(ceilLog2(psi));
        if (psi < s.subSample()) {
            problem.log().info(ORIGIN, String.format(Locale.ROOT, "subSampleSize %,d is more than the %,d complete fit rows: each tree "
                    + "takes all of them.", s.subSample(), rows.length));
        }
        // the complete fit rows, standardised, column-major
        double[][] z = std.apply(problem.frame());
        double[][] points = new double[d][rows.length];
        for (int j = 0; j < d; j++) {
            double[] col = z[j];
            double[] dst = points[j];
            for (int i = 0; i < rows.length; i++) {
                dst[i] = col[rows[i]];
            }
        }
        double[] median = new double[d];
        for (int j = 0; j < d; j++) {
            median[j] = median(points[j].clone());
        }
        long t0 = System.nanoTime();
        AtomicInteger grown = new AtomicInteger();
        int trees = s.trees();
        Forest forest = Forest.grow(points, rows.length, trees, psi, depth, e + 1, problem.seed(), true,
                t -> problem.progress().accept((double) grown.incrementAndGet() / trees));
        problem.log().info(ORIGIN, String.format(Locale.ROOT, "%d trees of %,d rows each (of %,d complete fit rows), depth at most %d%s, "
                + "extension level %d of %d%s (%s), %s; %,d nodes, grown in %.3f s from seed %d.", trees, psi, rows.length, depth,
                s.maxDepth().isPresent() ? "" : " (⌈log₂ " + psi + "⌉)", e, d - 1, e == d - 1 ? ", full" : "",
                s.extension().isPresent() ? "given" : "automatic: cuts on " + (e + 1) + " signals at a time",
                s.normalization() ? "signals standardised" : "signals as they are", forest.nodes(), (System.nanoTime() - t0) / 1e9,
                problem.seed()));
        return new EifModel(std, forest, median, Parameters.ordered("numberOfTrees", trees, "subSampleSize", psi, "maxTreeDepth", depth,
                "extensionLevel", e, "normalization", s.normalization()), problem.seed());
    }

    static int ceilLog2(int n) {
        return n <= 1 ? 1 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }

    /** The median of the values (reordered in place): the middle one, or the mean of the two middle ones. */
    static double median(double[] v) {
        int n = v.length;
        double hi = select(v, 0, n - 1, n / 2);
        if (n % 2 == 1) {
            return hi;
        }
        double lo = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n / 2; i++) {
            lo = Math.max(lo, v[i]);
        }
        return lo + (hi - lo) / 2;
    }

    /** The {@code k}-th smallest of {@code v[from..to]}: quickselect, leaving smaller values before it. */
    private static double select(double[] v, int from, int to, int k) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            double pivot = v[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (v[i] < pivot) {
                    i++;
                }
                while (v[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = v[i];
                    v[i++] = v[j];
                    v[j--] = t;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return v[k];
            }
        }
        return v[k];
    }

    @Override
    public SystemModel restore(Map<String, Object> state, PluginLookup plugins) {
        StateReader s = StateReader.of(state, "model.systemModel");
        Standardization std = Standardization.restore(s.map("normalization"));
        int d = std.size();
        StateReader m = s.map("model");
        StateReader settings = m.map("settings");
        int k = settings.integer("extensionLevel") + 1;
        int psi = settings.integer("subSampleSize");
        int depthLimit = settings.integer("maxTreeDepth");
        List<StateReader> trees = m.maps("trees");
        if (k < 1 || k > d || psi < 1 || trees.isEmpty() || trees.size() != settings.integer("numOfTrees")) {
            throw m.error("settings", "do not fit the " + d + " signals and " + trees.size() + " trees of the model");
        }
        int total = 0;
        List<int[]> childs = new ArrayList<>();
        for (StateReader t : trees) {
            int[] c = States.ints(t, "child");
            if (c.length == 0 || c.length != t.integer("numOfNodes")) {
                throw t.error("child", "must hold numOfNodes entries");
            }
            childs.add(c);
            total += c.length;
        }
        int[] root = new int[trees.size()];
        int[] levels = new int[trees.size()];
        int[] child = new int[total];
        double[] offset = new double[total];
        int[] index = new int[total * k];
        double[] coef = new double[total * k];
        int[] size = new int[total];
        int[] depth = new int[total];
        int at = 0;
        for (int i = 0; i < trees.size(); i++) {
            StateReader t = trees.get(i);
            int[] c = childs.get(i);
            int n = c.length;
            double[] off = t.doubles("offset");
            int[] idx = States.ints(t, "index");
            double[] cf = t.doubles("coefficient");
            int[] sz = States.ints(t, "numOfRecords");
            int[] dp = States.ints(t, "depth");
            if (off.length != n || idx.length != n * k || cf.length != n * k || sz.length != n || dp.length != n) {
                throw t.error("offset", "index, coefficient, numOfRecords and depth must hold one entry per node (" + k
                        + " for index and coefficient)");
            }
            root[i] = at;
            int deepest = 0;
            for (int j = 0; j < n; j++) {
                if (c[j] < 0 || c[j] >= n) {
                    throw t.error("child[" + j + "]", "points outside the tree's " + n + " nodes: " + c[j]);
                }
                if (dp[j] < 0 || dp[j] > depthLimit) {
                    throw t.error("depth[" + j + "]", "must be from 0 to maxTreeDepth " + depthLimit + ", got " + dp[j]);
                }
                child[at + j] = c[j] + at;
                if (c[j] == j) {
                    deepest = Math.max(deepest, dp[j]);
                }
            }
            levels[i] = deepest;
            System.arraycopy(off, 0, offset, at, n);
            System.arraycopy(idx, 0, index, at * k, n * k);
            System.arraycopy(cf, 0, coef, at * k, n * k);
            System.arraycopy(sz, 0, size, at, n);
            System.arraycopy(dp, 0, depth, at, n);
            at += n;
        }
        Forest forest;
        try {
            forest = new Forest(d, k, psi, root, levels, child, offset, index, coef, size, depth);
        } catch (IllegalArgumentException e) {
            throw m.error("trees", "are inconsistent: " + e.getMessage());
        }
        double[] median = s.doubles("median");
        if (median.length != d) {
            throw s.error("median", "must hold one number per signal (" + d + ")");
        }
        Map<String, Object> parameters = Parameters.ordered("numberOfTrees", trees.size(), "subSampleSize", psi, "maxTreeDepth", depthLimit,
                "extensionLevel", k - 1, "normalization", s.bool("normalized"));
        return new EifModel(std, forest, median, parameters, s.longInteger("seed"));
    }
}
