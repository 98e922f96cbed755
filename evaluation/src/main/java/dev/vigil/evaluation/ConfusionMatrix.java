package dev.vigil.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Counts of rows by label and prediction, and the rates derived from them. A rate whose
 * denominator is zero (precision with nothing predicted, recall with no anomaly) is empty.
 *
 * @param truePositive labelled anomalous and predicted anomalous
 * @param trueNegative labelled normal and predicted normal
 * @param falsePositive labelled normal but predicted anomalous (a false alarm)
 * @param falseNegative labelled anomalous but predicted normal (a missed alarm)
 */
public record ConfusionMatrix(long truePositive, long trueNegative, long falsePositive, long falseNegative) {
    /** No rows. */
    public static final ConfusionMatrix EMPTY = new ConfusionMatrix(0, 0, 0, 0);

    public ConfusionMatrix {
        if (truePositive < 0 || trueNegative < 0 || falsePositive < 0 || falseNegative < 0) {
            throw new IllegalArgumentException("counts must not be negative: TP " + truePositive + ", TN "
                    + trueNegative + ", FP " + falsePositive + ", FN " + falseNegative);
        }
    }

    /**
     * Counts rows with a known label; rows whose label is {@code NaN} are skipped.
     *
     * @param labels 1 anomaly, 0 normal, NaN unknown
     * @param predicted whether each row was predicted anomalous
     * @throws dev.vigil.spi.VigilException if a label is neither 0, 1 nor NaN
     */
    public static ConfusionMatrix of(double[] labels, boolean[] predicted) {
        return count(labels, null, predicted);
    }

    /** Counts rows with a known label and, when {@code scores} is given, a calculated score. */
    static ConfusionMatrix count(double[] labels, double[] scores, boolean[] predicted) {
        Labels.requireBinary(labels);
        Labels.requireSameLength(labels.length, predicted.length, "predicted");
        if (scores != null) {
            Labels.requireSameLength(labels.length, scores.length, "scores");
        }
        Counter counter = new Counter();
        for (int i = 0; i < labels.length; i++) {
            if (!Double.isNaN(labels[i]) && (scores == null || !Double.isNaN(scores[i]))) {
                counter.add(Labels.isAnomaly(labels[i]), predicted[i]);
            }
        }
        return counter.toMatrix();
    }

    /** Counts rows one at a time, for loops that also do other work per row. Not thread-safe. */
    public static final class Counter {
        private long tp;
        private long tn;
        private long fp;
        private long fn;

        /** Counts one row. */
        public void add(boolean anomaly, boolean predicted) {
            if (predicted) {
                if (anomaly) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (anomaly) {
                fn++;
            } else {
                tn++;
            }
        }

        /** The counts so far. */
        public ConfusionMatrix toMatrix() {
            return new ConfusionMatrix(tp, tn, fp, fn);
        }
    }

    /** All counted rows. */
    public long total() {
        return truePositive + trueNegative + falsePositive + falseNegative;
    }

    /** The counts of both matrices added. */
    public ConfusionMatrix plus(ConfusionMatrix other) {
        return new ConfusionMatrix(truePositive + other.truePositive, trueNegative + other.trueNegative,
                falsePositive + other.falsePositive, falseNegative + other.falseNegative);
    }

    /** TP / (TP + FP): how many alarms were right. */
    public OptionalDouble precision() {
        return ratio(truePositive, truePositive + falsePositive);
    }

    /** TP / (TP + FN): how many anomalies were caught. */
    public OptionalDouble recall() {
        return ratio(truePositive, truePositive + falseNegative);
    }

    /** 2·TP / (2·TP + FP + FN), the harmonic mean of precision and recall. */
    public OptionalDouble f1() {
        return ratio(2 * truePositive, 2 * truePositive + falsePositive + falseNegative);
    }

    /** FP / (FP + TN): the share of normal rows that raised an alarm. */
    public OptionalDouble falseAlarmRate() {
        return ratio(falsePositive, falsePositive + trueNegative);
    }

    /** FN / (FN + TP): the share of anomalous rows that raised none (1 − recall). */
    public OptionalDouble missedAlarmRate() {
        return ratio(falseNegative, falseNegative + truePositive);
    }

    /** The four counts keyed as TIM writes them: truePositive, trueNegative, falsePositive, falseNegative. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("truePositive", truePositive);
        m.put("trueNegative", trueNegative);
        m.put("falsePositive", falsePositive);
        m.put("falseNegative", falseNegative);
        return m;
    }

    static OptionalDouble ratio(long numerator, long denominator) {
        return denominator == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) numerator / denominator);
    }
}
