package dev.vigil.core.normal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Orthogonal forward selection (orthogonal least squares, Chen, Billings &amp; Luo, "Orthogonal least
 * squares methods and their application to non-linear system identification", Int. J. Control 50(5),
 * 1989) with the modified Bayesian information criterion {@code N·ln(RSS/N) + κ·k·ln N}, κ = 2
 * (docs/models.md#the-information-criterion). N is the number of rows the model stands for: when the
 * selection runs on a sample of m of them, the criterion is estimated as
 * {@code N·ln(RSS_m/m) + κ·k·ln N} (the sample's mean square estimates the full one); {@link
 * #selectFromGram} then checks each step exactly on all N rows.
 *
 * <p>Each step adds the candidate whose part orthogonal to the chosen ones removes the most residual
 * sum of squares, keeping per candidate only two numbers up to date: its squared norm orthogonal to
 * the chosen columns and its inner product with the residual. A step costs one pass over the
 * candidate matrix ({@code O(m·p)}), the whole selection {@code O(m·p·k)} — far below the {@code
 * O(m·p²)} of forming the Gram matrix of all candidates when, as here, {@code k ≪ p}. Candidates
 * whose orthogonal part is below 10⁻⁹ of their norm (collinear with the chosen ones, or constant) are
 * never chosen; the result names them, for the log. The inner loop runs in parallel over candidates.
 *
 * <p>Not thread-safe; one instance per selection.
 */
final class ForwardSelection {
    static final double KAPPA = 2;
    static final double COLLINEAR = 1e-9;
    /** Below this many matrix cells per step, threads cost more than they save. */
    static final long PARALLEL_WORK = 1L << 18;

    /**
     * What a selection chose.
     *
     * @param chosen candidate indices, in the order chosen
     * @param collinear candidates never chosen because collinear with the chosen ones
     * @param constant candidates never chosen because constant on the rows
     */
    record Result(int[] chosen, double rss, double tss, int rows, int[] collinear, int[] constant) {
    }

    private ForwardSelection() {
    }

    /**
     * Selects up to {@code maxTerms} columns of {@code x} (column-major, {@code x[c][row]}) to explain
     * {@code y}. Columns and target are centred in place when {@code centre} is set; the arrays are
     * scratch space afterwards.
     *
     * @param population the rows N the criterion counts: {@code y.length}, or more when the rows are a
     *     sample of N
     */
    static Result select(double[][] x, double[] y, int maxTerms, boolean centre, double population) {
        int p = x.length;
        int m = y.length;
        double big = Math.max(m, population);
        boolean parallel = (long) m * p >= PARALLEL_WORK;
        if (centre) {
            centreInPlace(y);
            range(p, parallel).forEach(c -> centreInPlace(x[c]));
        }
        double[] ss0 = new double[p];
        double[] ss = new double[p];
        double[] cr = new double[p];
        range(p, parallel).forEach(c -> {
            ss0[c] = dot(x[c], x[c]);
            ss[c] = ss0[c];
            cr[c] = dot(x[c], y);
        });
        double tss = dot(y, y);
        double rss = tss;
        boolean[] taken = new boolean[p];
        List<double[]> q = new ArrayList<>();
        List<Integer> chosen = new ArrayList<>();
        while (chosen.size() < maxTerms && rss > 0) {
            int k = chosen.size();
            int best = next(taken, ss, ss0, cr, rss, m, big, k);
            if (best < 0) {
                break;
            }
            double newRss = rssAfter(rss, cr, ss, best);
            double[] v = orthonormal(x[best], q);
            if (v == null) {
                taken[best] = true; // numerically collinear after all
                continue;
            }
            double g = dot(v, y);
            range(p, parallel).forEach(c -> {
                if (!taken[c]) {
                    double a = dot(v, x[c]);
                    ss[c] -= a * a;
                    cr[c] -= a * g;
                }
            });
            // y keeps its original value: cr tracks inner products with the residual
            taken[best] = true;
            q.add(v);
            chosen.add(best);
            rss = newRss;
        }
        return result(chosen, rss, tss, m, taken, ss, ss0);
    }

    /**
     * Forward selection from the Gram matrix of all N rows: {@code gram} (lower triangle, {@code
     * gram[i][j]} for j ≤ i) and {@code b} the inner products of the (centred) columns with the
     * (centred) target, {@code tss} its sum of squares. Same steps and criterion as {@link #select}, in
     * {@code O(p·k²)} for p columns and k terms once the Gram matrix is known.
     */
    static Result selectFromGram(double[][] gram, double[] b, double tss, int n, int maxTerms) {
        int p = b.length;
        double[] ss0 = new double[p];
        double[] ss = new double[p];
        double[] cr = b.clone();
        for (int c = 0; c < p; c++) {
            ss0[c] = gram[c][c];
            ss[c] = ss0[c];
        }
        double[][] l = new double[p][]; // l[c][t]: column c's coefficient on the t-th orthonormal direction
        for (int c = 0; c < p; c++) {
            l[c] = new double[Math.min(p, maxTerms)];
        }
        boolean[] taken = new boolean[p];
        List<Integer> chosen = new ArrayList<>();
        double rss = tss;
        while (chosen.size() < maxTerms && rss > 0) {
            int k = chosen.size();
            int best = next(taken, ss, ss0, cr, rss, n, n, k);
            if (best < 0) {
                break;
            }
            double newRss = rssAfter(rss, cr, ss, best);
            double pivot = Math.sqrt(ss[best]);
            double g = cr[best] / pivot;
            taken[best] = true;
            for (int c = 0; c < p; c++) {
                if (taken[c]) {
                    continue;
                }
                double s = gram[Math.max(c, best)][Math.min(c, best)];
                for (int t = 0; t < k; t++) {
                    s -= l[c][t] * l[best][t];
                }
                double a = s / pivot;
                l[c][k] = a;
                ss[c] -= a * a;
                cr[c] -= a * g;
            }
            l[best][k] = pivot;
            chosen.add(best);
            rss = newRss;
        }
        return result(chosen, rss, tss, n, taken, ss, ss0);
    }

    /**
     * The next term of a selection with k terms and residual sum of squares {@code rss} over m rows:
     * the candidate {@link #best} picks, if adding it {@link #improves} the criterion; else −1.
     */
    private static int next(boolean[] taken, double[] ss, double[] ss0, double[] cr, double rss, int m, double population, int k) {
        int best = best(taken, ss, ss0, cr);
        return best >= 0 && improves(rss, rssAfter(rss, cr, ss, best), m, population, k) ? best : -1;
    }

    /** The residual sum of squares once candidate c joins. */
    private static double rssAfter(double rss, double[] cr, double[] ss, int c) {
        return Math.max(rss - cr[c] * cr[c] / ss[c], 0);
    }

    /** The untaken candidate removing the most residual sum of squares, or −1 if none can. */
    private static int best(boolean[] taken, double[] ss, double[] ss0, double[] cr) {
        int best = -1;
        double bestGain = 0;
        for (int c = 0; c < ss.length; c++) {
            if (taken[c] || !(ss[c] > COLLINEAR * ss0[c]) || ss0[c] <= 0) {
                continue;
            }
            double gain = cr[c] * cr[c] / ss[c];
            if (gain > bestGain) {
                bestGain = gain;
                best = c;
            }
        }
        return best;
    }

    /**
     * Whether going from k to k + 1 terms lowers {@code N·ln(RSS/N) + κ·k·ln N}, with the mean square
     * RSS/N estimated on the m rows the residual sums cover.
     */
    static boolean improves(double rss, double newRss, int m, double population, int k) {
        double before = population * Math.log(rss / m) + KAPPA * k * Math.log(population);
        double after = population * Math.log(Math.max(newRss, 1e-300) / m) + KAPPA * (k + 1) * Math.log(population);
        return after < before;
    }

    private static Result result(List<Integer> chosen, double rss, double tss, int rows, boolean[] taken, double[] ss, double[] ss0) {
        int[] picked = chosen.stream().mapToInt(Integer::intValue).toArray();
        boolean[] isChosen = new boolean[taken.length];
        for (int c : picked) {
            isChosen[c] = true;
        }
        // candidates never chosen: constant on the rows, or (taken without being chosen, or with no
        // orthogonal part left) collinear with the chosen ones
        int[] constant = IntStream.range(0, taken.length).filter(c -> !isChosen[c] && !(ss0[c] > 0)).toArray();
        int[] collinear = IntStream.range(0, taken.length)
                .filter(c -> !isChosen[c] && ss0[c] > 0 && (taken[c] || !(ss[c] > COLLINEAR * ss0[c]))).toArray();
        return new Result(picked, rss, tss, rows, collinear, constant);
    }

    private static IntStream range(int p, boolean parallel) {
        IntStream s = IntStream.range(0, p);
        return parallel ? s.parallel() : s;
    }

    /** The unit vector of {@code x} orthogonal to the basis (Gram–Schmidt, twice), or null if none. */
    private static double[] orthonormal(double[] x, List<double[]> basis) {
        double[] v = x.clone();
        double norm0 = Math.sqrt(dot(v, v));
        for (int pass = 0; pass < 2; pass++) {
            for (double[] b : basis) {
                double a = dot(b, v);
                for (int i = 0; i < v.length; i++) {
                    v[i] -= a * b[i];
                }
            }
        }
        double norm = Math.sqrt(dot(v, v));
        if (!(norm > Math.sqrt(COLLINEAR) * norm0)) {
            return null;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= norm;
        }
        return v;
    }

    static void centreInPlace(double[] v) {
        double mean = 0;
        for (double d : v) {
            mean += d;
        }
        mean /= v.length;
        for (int i = 0; i < v.length; i++) {
            v[i] -= mean;
        }
    }

    /** Dot product with four accumulators (lets the JIT keep the FPU busy). */
    static double dot(double[] a, double[] b) {
        return dot(a, b, a.length);
    }

    /** Dot product of the first n elements. */
    static double dot(double[] a, double[] b, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
