package dev.vigil.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorMeasuresTest {
    private static final double NaN = Double.NaN;

    @Test
    void confusionMatrixOfTimsDocumentedExampleAndAucByHand() {
        // the counts of TIM's documented example: TP 4, TN 95, FP 0, FN 1
        double[] labels = new double[100];
        double[] scores = new double[100];
        boolean[] predicted = new boolean[100];
        for (int i = 0; i < 95; i++) {
            scores[i] = 0.1 + i * 0.001;
        }
        for (int i = 95; i < 100; i++) {
            labels[i] = 1;
            scores[i] = 2 + i;
            predicted[i] = true;
        }
        // the missed anomaly scores above 89 of the 95 normal rows; the 4 others above all of them
        scores[95] = 0.1 + 89 * 0.001 - 0.0005;
        predicted[95] = false;
        ErrorMeasures m = ErrorMeasures.of(labels, scores, predicted);
        assertThat(m.confusionMatrix()).isEqualTo(new ConfusionMatrix(4, 95, 0, 1));
        assertThat(m.auc()).hasValue((4 * 95 + 89) / (5.0 * 95));
        assertThat(m.toMap()).containsOnlyKeys("AUC", "confusionMatrix");
        assertThat(m.toMap().get("confusionMatrix")).isEqualTo(m.confusionMatrix().toMap());
    }

    @Test
    void rowsWithoutLabelOrWithoutIndicatorAreSkippedByBoth() {
        double[] labels = {1, 0, NaN, 1, 0};
        double[] scores = {2.0, 0.5, 9.0, NaN, 0.7};
        boolean[] predicted = {true, false, true, true, true};
        ErrorMeasures m = ErrorMeasures.of(labels, scores, predicted);
        assertThat(m.confusionMatrix()).isEqualTo(new ConfusionMatrix(1, 1, 1, 0));
        assertThat(m.auc()).hasValue(1.0);
    }

    @Test
    void aucIsNullInJsonWhenAClassIsMissing() {
        Map<String, Object> map = ErrorMeasures.of(new double[] {0, 0}, new double[] {1, 2}, new boolean[2]).toMap();
        assertThat(map).containsEntry("AUC", null);
    }

    @Test
    void largestCalculatedIndicatorPerRow() {
        double[] residual = {0.5, NaN, NaN, 3.0};
        double[] imbalance = {1.5, 0.2, NaN, 1.0};
        assertThat(ErrorMeasures.largestCalculated(List.of(residual, imbalance))).containsExactly(1.5, 0.2, NaN, 3.0);
        assertThat(residual).containsExactly(0.5, NaN, NaN, 3.0);
    }

    @Test
    void predictedAreCodesOneAndThree() {
        assertThat(ErrorMeasures.predicted(new double[] {0, 1, 2, 3})).containsExactly(false, true, false, true);
        assertThatThrownBy(() -> ErrorMeasures.predicted(new double[] {0, 4}, i -> "r.csv row " + (i + 1)))
                .hasMessage("r.csv row 2: '4' is not an anomaly code; anomaly_code must be 0, 1, 2 or 3");
        assertThatThrownBy(() -> ErrorMeasures.predicted(new double[] {NaN})).hasMessage("row 0: missing; anomaly_code must be 0, 1, 2 or 3");
    }

    @Test
    void inputsAreNotModified() {
        double[] labels = {1, 0, 0};
        double[] scores = {0.2, 0.9, NaN};
        boolean[] predicted = {false, true, true};
        ErrorMeasures.of(labels, scores, predicted);
        assertThat(Arrays.toString(scores)).isEqualTo("[0.2, 0.9, NaN]");
        assertThat(predicted).containsExactly(false, true, true);
    }
}
