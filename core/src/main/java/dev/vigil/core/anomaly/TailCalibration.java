package dev.vigil.core.anomaly;

import java.util.Arrays;

/**
 * How rare a density score is among the in-sample scores of a submodel: the empirical tail of the
 * scores above the threshold, used to calibrate anomaly indicators above 1 (see {@link Submodel}).
 *
 * <p>The <em>surprisal</em> of a score s is {@code −ln p(s)} with {@code p(s) = c(s) / (N + 1)}, c(s)
 * the number of the N in-sample values that score at least s — a conformal p-value (Vovk, Gammerman
 * &amp; Shafer, <i>Algorithmic Learning in a Random World</i>, 2005; Laxhammar &amp; Falkman, "Conformal
 * anomaly detection", 2010). Between in-sample scores {@code ln c} is interpolated linearly in s, so
 * the surprisal is continuous and increasing; beyond the largest in-sample score, where there is no
 * value left to count, it grows by one nat per nat of density score (the tail probability of an
 * exponential-family tail falls as its density does).
 *
 * <p>Stores the knots of the top of the distribution only: the distinct in-sample scores from the
 * largest down to the first one at or below the threshold, each with its count, at most {@link
 * #MAX_KNOTS} of them (evenly spaced by rank beyond that). Immutable and thread-safe.
 */
final class TailCalibration {
    /** Most knots stored. */
    static final int MAX_KNOTS = 256;

    private final double[] scores; // descending, distinct
    private final int[] counts; // counts[i] = in-sample values scoring at least scores[i], ascending
    private final int rows;

    TailCalibration(double[] scores, int[] counts, int rows) {
        if (scores.length == 0 || scores.length != counts.length) {
            throw new IllegalArgumentException("a tail needs matching, non-empty scores and counts");
        }
        for (int i = 0; i < scores.length; i++) {
            boolean ordered = i == 0 || scores[i] < scores[i - 1] && counts[i] > counts[i - 1];
            if (!Double.isFinite(scores[i]) || counts[i] < 1 || counts[i] > rows || !ordered) {
                throw new IllegalArgumentException("tail knot " + i + " is invalid: score " + scores[i] + ", count " + counts[i] + " of "
                        + rows + " (scores must fall and counts rise)");
            }
        }
        this.scores = scores.clone();
        this.counts = counts.clone();
        this.rows = rows;
    }

    /**
     * The tail of in-sample scores above a threshold.
     *
     * @param ascending the in-sample scores, sorted ascending (not modified)
     * @param threshold the threshold score; at least one in-sample score must lie at or below it
     */
    static TailCalibration of(double[] ascending, double threshold) {
        int n = ascending.length;
        double[] s = new double[n];
        int[] c = new int[n];
        int knots = 0;
        int i = n - 1;
        while (i >= 0) {
            double value = ascending[i];
            while (i > 0 && ascending[i - 1] == value) {
                i--;
            }
            s[knots] = value;
            c[knots++] = n - i; // values at or above this one
            if (value <= threshold) {
                break;
            }
            i--;
        }
        if (knots > MAX_KNOTS) {
            double[] ts = new double[MAX_KNOTS];
            int[] tc = new int[MAX_KNOTS];
            for (int k = 0; k < MAX_KNOTS; k++) {
                int from = (int) Math.round((double) k * (knots - 1) / (MAX_KNOTS - 1));
                ts[k] = s[from];
                tc[k] = c[from];
            }
            return new TailCalibration(ts, tc, n);
        }
        return new TailCalibration(Arrays.copyOf(s, knots), Arrays.copyOf(c, knots), n);
    }

    /** −ln p(s), p the interpolated share of in-sample values scoring at least s (see the class comment). */
    double surprisal(double s) {
        double top = Math.log(rows + 1.0);
        if (s >= scores[0]) {
            return top - Math.log(counts[0]) + (s - scores[0]);
        }
        int last = scores.length - 1;
        if (s <= scores[last]) {
            return top - Math.log(counts[last]);
        }
        int lo = 0; // scores[lo] > s
        int hi = last; // scores[hi] <= s
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (scores[mid] > s) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        int i = lo; // scores[i] > s >= scores[i + 1]
        double f = (s - scores[i + 1]) / (scores[i] - scores[i + 1]);
        double lnCount = Math.log(counts[i + 1]) + f * (Math.log(counts[i]) - Math.log(counts[i + 1]));
        return top - lnCount;
    }

    double[] scores() {
        return scores.clone();
    }

    int[] counts() {
        return counts.clone();
    }
}
