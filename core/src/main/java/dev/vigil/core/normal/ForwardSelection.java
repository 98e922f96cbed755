package dev.vigil.core.normal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Orthogonal forward selection (orthogonal least squares, Chen, Billings &amp; Luo, "Orthogonal least
 * squares methods and their application to non-linear system identification", Int. J. Control 50(5),
 * 1989) with the modified Bayesian information criterion {@code N·ln(RSS/N) + κ·k·ln N}, κ = 2
 * (reference: tim-anomaly-spec.md §2.4).
 *
 * <p>Each step adds the candidate whose part orthogonal to the chosen ones removes the most residual
 * sum of squares, keeping per candidate only two numbers up to date: its squared norm orthogonal to
 * the chosen columns and its inner product with the residual. A step costs one pass over the
 * candidate matrix ({@code O(m·p)}), the whole selection {@code O(m·p·k)} — far below the {@code
 * O(m·p²)} of forming the Gram matrix of all candidates when, as here, {@code k ≪ p}. Candidates
 * whose orthogonal part is below 10⁻⁹ of their norm (collinear with the chosen ones, or constant) are
 * never chosen. The inner loop runs in parallel over candidates.
 *
 * <p>Not thread-safe; one instance per selection.
 */
final class ForwardSelection {
    static final double KAPPA = 2;
    static final double COLLINEAR = 1e-9;
    /** Below this many matrix cells per step, threads cost more than they save. */
    static final long PARALLEL_WORK = 1L << 18;

    /** What a selection chose. */
    record Result(int[] chosen, double rss, double tss, int rows) {
    }

    private ForwardSelection() {
    }

    /**
     * Selects up to {@code maxTerms} columns of {@code x} (column-major, {@code x[c][row]}) to explain
     * {@code y}. Columns and target are centred in place when {@code centre} is set; the arrays are
     * scratch space afterwards.
     */
    static Result select(double[][] x, double[] y, int maxTerms, boolean centre) {
        int p = x.length;
        int m = y.length;
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
        double logN = Math.log(m);
        while (chosen.size() < maxTerms && rss > 0) {
            int best = -1;
            double bestGain = 0;
            for (int c = 0; c < p; c++) {
                if (taken[c] || !(ss[c] > COLLINEAR * ss0[c]) || ss0[c] <= 0) {
                    continue;
                }
                double gain = cr[c] * cr[c] / ss[c];
                if (gain > bestGain) {
                    bestGain = gain;
                    best = c;
                }
            }
            if (best < 0) {
                break;
            }
            double newRss = Math.max(rss - bestGain, 0);
            int k = chosen.size();
            double before = m * Math.log(rss / m) + KAPPA * k * logN;
            double after = m * Math.log(Math.max(newRss, 1e-300) / m) + KAPPA * (k + 1) * logN;
            if (after >= before) {
                break;
            }
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
        return new Result(chosen.stream().mapToInt(Integer::intValue).toArray(), rss, tss, m);
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
        int n = a.length;
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
