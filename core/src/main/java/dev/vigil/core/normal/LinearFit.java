package dev.vigil.core.normal;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Least squares on a few chosen features, from the Gram matrix of the centred features accumulated in
 * one pass over the rows ({@code O(n·k²)}): Cholesky {@code XcᵀXc = RᵀR}, {@code g = R⁻ᵀ Xcᵀyc},
 * {@code β = R⁻¹g} — the algebra TIM stores (R⁻¹, g and the feature means), from which every nested
 * model with the first i terms follows exactly (docs/models.md#what-is-stored). A feature whose
 * Cholesky pivot falls below 10⁻¹⁰ of its own variance is collinear with the earlier ones and is left
 * out.
 */
final class LinearFit {
    /**
     * The fit.
     *
     * @param kept indices (into the features given) of the features kept, in order
     * @param beta coefficient per kept feature
     * @param intercept constant term (0 without an intercept)
     * @param mx mean per kept feature (0 without an intercept)
     * @param yMean mean of the target (0 without an intercept)
     * @param rInv inverse of R, column-major (rInv[j·k + i] = R⁻¹[i][j])
     * @param g R⁻ᵀ Xcᵀ yc
     * @param rows rows used
     * @param rss residual sum of squares
     * @param tss total sum of squares about the mean (about 0 without an intercept)
     */
    record Fit(int[] kept, double[] beta, double intercept, double[] mx, double yMean, double[] rInv, double[] g,
            int rows, double rss, double tss) {
        double residualSd() {
            return rows > 0 ? Math.sqrt(rss / rows) : Double.NaN;
        }
    }

    private LinearFit() {
    }

    /**
     * The Gram matrix of centred features, accumulated in one pass over the rows.
     *
     * @param gram lower triangle of XcᵀXc ({@code gram[i][j]}, j ≤ i)
     * @param b Xcᵀyc
     * @param mx mean per feature (0 without an intercept)
     * @param yMean mean of the target (0 without an intercept)
     * @param tss ycᵀyc
     * @param rows rows used
     */
    record Gram(double[][] gram, double[] b, double[] mx, double yMean, double tss, int rows) {
    }

    /**
     * Fits {@code y} on the features {@code f[j][row]} over the rows where {@code use[row]}.
     *
     * @param intercept whether to centre (fit a constant term)
     */
    static Fit fit(double[][] f, double[] y, boolean[] use, boolean intercept) {
        return fit(gram(f, y, use, intercept), intercept);
    }

    /** The Gram matrix of the features {@code f[j][row]} and the target over the rows where {@code use[row]}. */
    static Gram gram(double[][] f, double[] y, boolean[] use, boolean intercept) {
        int k = f.length;
        int n = 0;
        double yMean = 0;
        double[] mx = new double[k];
        for (int r = 0; r < y.length; r++) {
            if (!use[r]) {
                continue;
            }
            n++;
            if (intercept) {
                yMean += y[r];
                for (int j = 0; j < k; j++) {
                    mx[j] += f[j][r];
                }
            }
        }
        if (intercept && n > 0) {
            yMean /= n;
            for (int j = 0; j < k; j++) {
                mx[j] /= n;
            }
        }
        // the target joins as column k: its inner products with the features are b, with itself tss
        double[][] cols = Arrays.copyOf(f, k + 1);
        cols[k] = y;
        double[] means = Arrays.copyOf(mx, k + 1);
        means[k] = yMean;
        int chunks = (y.length + CHUNK - 1) / CHUNK;
        List<double[][]> parts = IntStream.range(0, chunks).parallel()
                .mapToObj(c -> accumulate(cols, means, use, c * CHUNK, Math.min(y.length, (c + 1) * CHUNK))).toList();
        double[][] all = new double[k + 1][k + 1];
        for (double[][] part : parts) { // in chunk order: the same sums on any number of threads
            for (int i = 0; i <= k; i++) {
                for (int j = 0; j <= i; j++) {
                    all[i][j] += part[i][j];
                }
            }
        }
        double[][] gram = new double[k][];
        for (int i = 0; i < k; i++) {
            gram[i] = Arrays.copyOf(all[i], k);
        }
        double[] b = Arrays.copyOf(all[k], k);
        double tss = all[k][k];
        return new Gram(gram, b, mx, yMean, tss, n);
    }

    /** Rows per chunk of the Gram accumulation (chunks run in parallel). */
    private static final int CHUNK = 1 << 16;
    /** Rows centred into a buffer before their products are summed, so the inner loops run over arrays. */
    private static final int BLOCK = 256;

    /** The lower triangle of the centred columns' inner products over the used rows in [from, to). */
    private static double[][] accumulate(double[][] cols, double[] means, boolean[] use, int from, int to) {
        int k = cols.length;
        double[][] sums = new double[k][k];
        double[][] buf = new double[k][BLOCK];
        int[] at = new int[BLOCK];
        int r = from;
        while (r < to) {
            int len = 0;
            for (; r < to && len < BLOCK; r++) {
                if (use[r]) {
                    at[len++] = r;
                }
            }
            for (int j = 0; j < k; j++) { // column by column: each reads one array in order
                double[] c = cols[j];
                double[] b = buf[j];
                double m = means[j];
                for (int i = 0; i < len; i++) {
                    b[i] = c[at[i]] - m;
                }
            }
            for (int i = 0; i < k; i++) {
                double[] bi = buf[i];
                double[] si = sums[i];
                for (int j = 0; j <= i; j++) {
                    si[j] += ForwardSelection.dot(bi, buf[j], len);
                }
            }
        }
        return sums;
    }

    /** Least squares from a Gram matrix, its features in their order. */
    static Fit fit(Gram gm, boolean intercept) {
        double[][] gram = gm.gram();
        double[] b = gm.b();
        double[] mx = gm.mx();
        double yMean = gm.yMean();
        double tss = gm.tss();
        int n = gm.rows();
        int k = b.length;
        // Cholesky of the Gram matrix, dropping collinear features (lower triangle L = Rᵀ)
        int[] order = new int[k];
        int kept = 0;
        double[][] l = new double[k][k];
        for (int j = 0; j < k; j++) {
            // try to add feature j as column 'kept'
            double[] lrow = new double[kept + 1];
            for (int c = 0; c < kept; c++) {
                double s = gram[Math.max(j, order[c])][Math.min(j, order[c])];
                for (int t = 0; t < c; t++) {
                    s -= lrow[t] * l[c][t];
                }
                lrow[c] = s / l[c][c];
            }
            double d = gram[j][j];
            for (int t = 0; t < kept; t++) {
                d -= lrow[t] * lrow[t];
            }
            if (!(d > 1e-10 * gram[j][j]) || gram[j][j] <= 0) {
                continue;
            }
            lrow[kept] = Math.sqrt(d);
            System.arraycopy(lrow, 0, l[kept], 0, kept + 1);
            order[kept++] = j;
        }
        int[] keptIdx = Arrays.copyOf(order, kept);
        // g = L⁻¹ b(kept), β = Lᵀ⁻¹ g
        double[] g = new double[kept];
        for (int i = 0; i < kept; i++) {
            double s = b[keptIdx[i]];
            for (int t = 0; t < i; t++) {
                s -= l[i][t] * g[t];
            }
            g[i] = s / l[i][i];
        }
        double[] rInv = new double[kept * kept];
        // R = Lᵀ upper triangular; invert column by column: R·X = I
        for (int col = 0; col < kept; col++) {
            for (int i = col; i >= 0; i--) {
                double s = i == col ? 1 : 0;
                for (int t = i + 1; t <= col; t++) {
                    s -= l[t][i] * rInv[col * kept + t];
                }
                rInv[col * kept + i] = s / l[i][i];
            }
        }
        double[] beta = new double[kept];
        for (int i = 0; i < kept; i++) {
            double s = 0;
            for (int j = i; j < kept; j++) {
                s += rInv[j * kept + i] * g[j];
            }
            beta[i] = s;
        }
        double explained = 0;
        for (double gi : g) {
            explained += gi * gi;
        }
        double[] mxKept = new double[kept];
        double intercept0 = yMean;
        for (int i = 0; i < kept; i++) {
            mxKept[i] = mx[keptIdx[i]];
            intercept0 -= beta[i] * mxKept[i];
        }
        return new Fit(keptIdx, beta, intercept ? intercept0 : 0, mxKept, yMean, rInv, g, n, Math.max(0, tss - explained), tss);
    }
}
