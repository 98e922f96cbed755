package dev.vigil.evaluation;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.detection.DetectionResult;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntFunction;

/**
 * TIM's error measures of a detection against labels ({@code errorMeasures} of a build-model or
 * detect job; docs/evaluation.md#error-measures): the {@link Auc AUC} of the largest calculated
 * anomaly indicator per row, and the {@link ConfusionMatrix confusion matrix} of the predictions
 * (anomaly_code 1 or 3). Rows without a label, or without any calculated indicator, are skipped
 * by both.
 *
 * <pre>{@code
 * ErrorMeasures m = ErrorMeasures.of(labels, ErrorMeasures.largestCalculated(indicators),
 *         ErrorMeasures.predicted(anomalyCodes));
 * m.toMap();  // {"AUC": 0.9375, "confusionMatrix": {"truePositive": 4, "trueNegative": 95, ...}}
 * }</pre>
 *
 * @param auc empty when the used rows hold no anomaly or no normal row
 * @param confusionMatrix counts of the used rows
 */
public record ErrorMeasures(OptionalDouble auc, ConfusionMatrix confusionMatrix) {
    public ErrorMeasures {
        requireNonNull(auc, "auc is null");
        requireNonNull(confusionMatrix, "confusionMatrix is null");
    }

    /**
     * The error measures of one detection.
     *
     * @param labels 1 anomaly, 0 normal, NaN unknown (row skipped)
     * @param scores the largest calculated anomaly indicator of each row, NaN when none was
     *     calculated (row skipped); see {@link #largestCalculated}
     * @param predicted whether each row was flagged (anomaly_code 1 or 3); see {@link #predicted}
     * @throws VigilException if a label is neither 0, 1 nor NaN
     */
    public static ErrorMeasures of(double[] labels, double[] scores, boolean[] predicted) {
        return new ErrorMeasures(Auc.of(labels, scores), ConfusionMatrix.count(labels, scores, predicted));
    }

    /**
     * TIM's error measures of a detection whose rows have labels (the job's label column), from its
     * indicator columns and anomaly codes; empty without labels.
     */
    public static Optional<ErrorMeasures> of(DetectionResult result) {
        double[] labels = result.labels();
        if (labels == null) {
            return Optional.empty();
        }
        List<double[]> indicators = result.indicatorColumns().stream().map(result.table()::values).toList();
        double[] codes = result.table().values(DetectionResult.ANOMALY_CODE);
        return Optional.of(of(labels, largestCalculated(indicators), predicted(codes)));
    }

    /**
     * The largest calculated value per row across indicator columns (one per perspective), NaN
     * where no column was calculated. All columns must have the same length.
     */
    public static double[] largestCalculated(List<double[]> indicators) {
        if (indicators.isEmpty()) {
            throw new IllegalArgumentException("no indicator column");
        }
        int n = indicators.get(0).length;
        double[] max = new double[n];
        Arrays.fill(max, Double.NaN);
        for (double[] column : indicators) {
            Labels.requireSameLength(n, column.length, "an indicator column");
            for (int i = 0; i < n; i++) {
                double v = column[i];
                if (!Double.isNaN(v) && (Double.isNaN(max[i]) || v > max[i])) {
                    max[i] = v;
                }
            }
        }
        return max;
    }

    /** {@link #predicted(double[], IntFunction)} naming rows by their 0-based index. */
    public static boolean[] predicted(double[] anomalyCodes) {
        return predicted(anomalyCodes, i -> "row " + i);
    }

    /**
     * Which rows are flagged as anomalous: anomaly_code 1 (all indicators calculated, one above 1)
     * or 3 (some not calculated, one calculated above 1).
     *
     * @param anomalyCodes 0, 1, 2 or 3 per row
     * @param describeRow names a row for the message
     * @throws VigilException {@link ErrorCode#BAD_VALUE} naming the first code that is not 0–3
     */
    public static boolean[] predicted(double[] anomalyCodes, IntFunction<String> describeRow) {
        boolean[] flagged = new boolean[anomalyCodes.length];
        for (int i = 0; i < anomalyCodes.length; i++) {
            double c = anomalyCodes[i];
            if (c != 0 && c != 1 && c != 2 && c != 3) {
                throw new VigilException(ErrorCode.BAD_VALUE, describeRow.apply(i) + ": "
                        + (Double.isNaN(c) ? "missing" : "'" + Labels.plain(c) + "' is not an anomaly code")
                        + "; anomaly_code must be 0, 1, 2 or 3");
            }
            flagged[i] = c == 1 || c == 3;
        }
        return flagged;
    }

    /**
     * The measures as TIM returns them, ready for a JSON writer: {@code {"AUC": 0.9375 or null,
     * "confusionMatrix": {"truePositive", "trueNegative", "falsePositive", "falseNegative"}}}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("AUC", auc.isPresent() ? auc.getAsDouble() : null);
        m.put("confusionMatrix", confusionMatrix.toMap());
        return m;
    }
}
