package dev.vigil.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** TIM's anomaly_code truth table (docs/models.md#anomaly-code). */
class AnomalyCodeTest {
    private static final double NaN = Double.NaN;

    @Test
    void truthTable() {
        double[][] indicators = {
            {0.5, 1.5, 0.5, NaN, NaN, NaN, 1.0},
            {0.2, 0.3, 3.0, 0.4, 2.0, NaN, 1.0},
        };
        assertThat(AnomalousBehaviorModel.codes(indicators, 7)).containsExactly(0, 1, 1, 2, 3, 2, 0);
    }

    @Test
    void indicatorColumnsAreLowerCase() {
        assertThat(AnomalousBehaviorModel.indicatorColumn("ImbalanceChange")).isEqualTo("anomaly_indicator_imbalancechange");
    }
}
