package dev.vigil.evaluation;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Area under the ROC curve of a score against binary labels, computed as the Mann–Whitney
 * statistic U / (n<sub>pos</sub>·n<sub>neg</sub>): the probability that a randomly chosen anomalous
 * row scores higher than a randomly chosen normal row, ties counted ½. O(n log n), no boxing.
 * Only the order of scores matters, so any strictly increasing transform leaves it unchanged.
 * Stateless and thread-safe.
 */
public final class Auc {
    private Auc() {
    }

    /**
     * The AUC over rows with a known label and a calculated score.
     *
     * @param labels 1 anomaly, 0 normal, NaN unknown (skipped)
     * @param scores higher = more anomalous, NaN not calculated (skipped)
     * @return empty when no used row is anomalous or none is normal
     * @throws dev.vigil.spi.VigilException if a label is neither 0, 1 nor NaN
     */
    public static OptionalDouble of(double[] labels, double[] scores) {
        Labels.requireBinary(labels);
        Labels.requireSameLength(labels.length, scores.length, "scores");
        int nPos = 0;
        int nNeg = 0;
        for (int i = 0; i < labels.length; i++) {
            if (!Double.isNaN(labels[i]) && !Double.isNaN(scores[i])) {
                if (Labels.isAnomaly(labels[i])) {
                    nPos++;
                } else {
                    nNeg++;
                }
            }
        }
        if (nPos == 0 || nNeg == 0) {
            return OptionalDouble.empty();
        }
        double[] pos = new double[nPos];
        double[] neg = new double[nNeg];
        int p = 0;
        int q = 0;
        for (int i = 0; i < labels.length; i++) {
            if (!Double.isNaN(labels[i]) && !Double.isNaN(scores[i])) {
                if (Labels.isAnomaly(labels[i])) {
                    pos[p++] = scores[i];
                } else {
                    neg[q++] = scores[i];
                }
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        // 2U = Σ over positives of (2 · #negatives below + #negatives equal), exact in a long
        long twiceU = 0;
        int below = 0;
        int belowOrEqual = 0;
        for (double s : pos) {
            while (below < nNeg && neg[below] < s) {
                below++;
            }
            if (belowOrEqual < below) {
                belowOrEqual = below;
            }
            while (belowOrEqual < nNeg && neg[belowOrEqual] <= s) {
                belowOrEqual++;
            }
            twiceU += below + (long) belowOrEqual;
        }
        return OptionalDouble.of(twiceU / (2.0 * nPos * nNeg));
    }
}
