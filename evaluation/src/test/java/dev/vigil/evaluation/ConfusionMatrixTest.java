package dev.vigil.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    private static final double NaN = Double.NaN;

    @Test
    void countsAndRatesOfAHandMadeCase() {
        double[] labels = {1, 1, 1, 0, 0, 0, 0, NaN};
        boolean[] predicted = {true, true, false, true, false, false, false, true};
        ConfusionMatrix m = ConfusionMatrix.of(labels, predicted);
        assertThat(m).isEqualTo(new ConfusionMatrix(2, 3, 1, 1));
        assertThat(m.total()).isEqualTo(7);
        assertThat(m.precision()).hasValue(2.0 / 3);
        assertThat(m.recall()).hasValue(2.0 / 3);
        assertThat(m.f1()).hasValue(2.0 / 3);
        assertThat(m.falseAlarmRate()).hasValue(1.0 / 4);
        assertThat(m.missedAlarmRate()).hasValue(1.0 / 3);
    }

    @Test
    void f1IsTheHarmonicMeanOfPrecisionAndRecall() {
        ConfusionMatrix m = new ConfusionMatrix(3, 10, 1, 5);
        double p = m.precision().getAsDouble();
        double r = m.recall().getAsDouble();
        assertThat(m.f1().getAsDouble()).isCloseTo(2 * p * r / (p + r), org.assertj.core.api.Assertions.within(1e-15));
        assertThat(m.missedAlarmRate().getAsDouble()).isEqualTo(1 - r);
    }

    @Test
    void ratesWithoutDenominatorAreEmpty() {
        ConfusionMatrix normalOnly = new ConfusionMatrix(0, 5, 0, 0);
        assertThat(normalOnly.precision()).isEqualTo(OptionalDouble.empty());
        assertThat(normalOnly.recall()).isEmpty();
        assertThat(normalOnly.f1()).isEmpty();
        assertThat(normalOnly.missedAlarmRate()).isEmpty();
        assertThat(normalOnly.falseAlarmRate()).hasValue(0.0);
        assertThat(ConfusionMatrix.EMPTY.falseAlarmRate()).isEmpty();
    }

    @Test
    void timShape() {
        assertThat(new ConfusionMatrix(4, 95, 0, 1).toMap()).containsExactly(
                org.assertj.core.api.Assertions.entry("truePositive", 4L), org.assertj.core.api.Assertions.entry("trueNegative", 95L),
                org.assertj.core.api.Assertions.entry("falsePositive", 0L), org.assertj.core.api.Assertions.entry("falseNegative", 1L));
    }

    @Test
    void negativeCountsAndBadLabelsAreRefused() {
        assertThatThrownBy(() -> new ConfusionMatrix(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfusionMatrix.of(new double[] {0.5}, new boolean[] {true})).hasMessageContaining("0.5 is not a label");
    }
}
