package dev.vigil.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.anomaly.AnomalousBehaviorModel.PerspectiveSummary;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.spi.frame.TimeFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnomalyEventTest {
    private static final double N = Double.NaN;

    /**
     * Rows 1, 2 and 5 are flagged (two unflagged rows between: fewer than Imbalance's window of 3, so one
     * event), then row 10 (four rows later: a new event). Anomalies: rows 1, 2, 5, 10.
     */
    private static DetectionResult result(double[] labels) {
        long[] t = new long[12];
        for (int i = 0; i < t.length; i++) {
            t[i] = 1_000L * i;
        }
        TimeFrame table = TimeFrame.builder(t)
                .column(DetectionResult.MODEL_INDEX, new double[12])
                .column(DetectionResult.KPI, new double[12])
                .column(DetectionResult.NORMAL_BEHAVIOR, new double[12])
                .column(DetectionResult.ANOMALY_CODE, new double[] {0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 3, 0})
                .column("anomaly_indicator_residual", new double[] {0.1, 1.5, 0.8, 0.1, 0.1, 1.2, 0.1, 0.1, 0.1, 0.1, 2.5, 0.1})
                .column("anomaly_indicator_imbalance", new double[] {0.1, 0.5, 3.0, 0.1, 0.1, 0.2, 0.1, 0.1, 0.1, 0.1, N, 0.1})
                .build();
        return new DetectionResult(table, List.of(), List.of(new PerspectiveSummary("Residual", 1, 0, 1, 1, 1, 12),
                new PerspectiveSummary("Imbalance", 3, 0, 1, 1, 1, 12)), labels);
    }

    @Test
    void anomalousRowsCloserThanTheLongestWindowFormOneEvent() {
        DetectionResult result = result(null);
        List<AnomalyEvent> events = AnomalyEvent.of(result);
        assertThat(events).hasSize(2);
        AnomalyEvent first = events.get(0);
        assertThat(first.event()).isEqualTo(new Event(1, 5, 1_000, 5_000));
        assertThat(first.anomalousRows()).isEqualTo(3);
        assertThat(first.maxIndicator()).isEqualTo(3.0);
        assertThat(first.perspectives()).containsExactly("residual", "imbalance");
        assertThat(first.of(result.anomalies())).extracting(a -> a.timestamp().toEpochMilli()).containsExactly(1_000L, 2_000L, 5_000L);
        AnomalyEvent second = events.get(1);
        assertThat(second.event()).isEqualTo(new Event(10, 10, 10_000, 10_000));
        assertThat(second.firstAnomaly()).isEqualTo(3);
        assertThat(second.maxIndicator()).isEqualTo(2.5);
        assertThat(second.perspectives()).containsExactly("residual");
        assertThat(second.of(List.of("a", "b", "c", "d"))).containsExactly("d");
        assertThatThrownBy(() -> second.of(List.of("a"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorMeasuresNeedLabels() {
        assertThat(ErrorMeasures.of(result(null))).isEmpty();
        ErrorMeasures m = ErrorMeasures.of(result(new double[] {0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0})).orElseThrow();
        // flagged rows 1, 2, 5, 10 against anomalies at 1, 2, 10: three caught, one false alarm
        assertThat(m.confusionMatrix().truePositive()).isEqualTo(3);
        assertThat(m.confusionMatrix().falsePositive()).isEqualTo(1);
        assertThat(m.confusionMatrix().trueNegative()).isEqualTo(8);
        assertThat(m.auc().getAsDouble()).isEqualTo(1.0); // largest indicators 1.5, 3.0, 2.5 beat every normal row's (≤ 1.2)
    }
}
