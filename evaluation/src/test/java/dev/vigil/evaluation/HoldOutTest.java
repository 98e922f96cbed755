package dev.vigil.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.ProgressListener;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.testing.KpiDataGenerator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HoldOutTest {
    private static final TimeFrame DATA = KpiDataGenerator.create().rows(1_500).seed(5).anomalies(2, 1, 0, 0).anomaliesBetween(2.0 / 3, 1)
            .generate().frame();

    @Test
    void buildsOnTheFirstRowsAndDetectsOnTheRest() {
        List<Double> fractions = new ArrayList<>();
        List<String> stages = new ArrayList<>();
        HoldOut h = HoldOut.run(AnomalyDetector.builder().kpi("kpi").label("label"), DATA, 2.0 / 3, (stage, f) -> {
            fractions.add(f);
            stages.add(stage);
        });
        assertThat(h.built().inSample().rows()).isEqualTo(1_000);
        assertThat(h.built().model().inSampleTo()).isEqualTo(DATA.instant(999));
        assertThat(h.detected().rows()).isEqualTo(500);
        assertThat(h.detected().table().time(0)).isEqualTo(DATA.time(1_000));
        assertThat(h.errorMeasures()).isPresent();
        assertThat(h.errorMeasures().orElseThrow().confusionMatrix().total()).isLessThanOrEqualTo(500);
        assertThat(fractions).isSorted().allMatch(f -> f >= 0 && f <= 1);
        assertThat(stages.get(0)).startsWith("Building: ");
        assertThat(stages.get(stages.size() - 1)).startsWith("Detecting: ");
    }

    @Test
    void withoutALabelColumnThereAreNoErrorMeasures() {
        HoldOut h = HoldOut.run(AnomalyDetector.builder().kpi("kpi").exclude(List.of("label")), DATA, 0.8, ProgressListener.NONE);
        assertThat(h.detected().rows()).isEqualTo(300);
        assertThat(h.errorMeasures()).isEmpty();
    }

    @Test
    void bothPartsNeedRows() {
        assertThatThrownBy(() -> HoldOut.run(AnomalyDetector.builder().kpi("kpi"), DATA, 1, ProgressListener.NONE))
                .isInstanceOf(VigilException.class).hasMessageContaining("at least one row to learn from and one to detect on");
        assertThatThrownBy(() -> HoldOut.run(AnomalyDetector.builder().kpi("kpi"), DATA, 0.0001, ProgressListener.NONE))
                .isInstanceOf(VigilException.class);
    }
}
