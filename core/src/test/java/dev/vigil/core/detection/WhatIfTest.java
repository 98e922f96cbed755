package dev.vigil.core.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.AnomalousBehaviorSettings;
import dev.vigil.spi.settings.AutoBoolean;
import dev.vigil.spi.settings.Configuration;
import dev.vigil.spi.settings.DomainSpecific;
import dev.vigil.spi.settings.NormalBehaviorSettings;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What-if: replaced influencer values move the normal behaviour by the model's coefficients, on the detected rows only. */
class WhatIfTest {
    /** kpi = 3 + 2·a + 0.1·noise, a model of kpi on a (plus an intercept), built on the first 600 rows. */
    private static DetectionModel model(TimeFrame data) {
        return AnomalyDetector.builder()
                .configuration(new Configuration(List.of(DomainSpecific.fixed("Raw", 1)), NormalBehaviorSettings.DEFAULT,
                        AnomalousBehaviorSettings.DEFAULT))
                .perspectives(new AnomalyDetectorTest.Raw())
                .normalBehavior(NormalBehaviorSettings.DEFAULT.withFeatures(List.of("Current", "Intercept")).withUseKPIoffsets(AutoBoolean.FALSE))
                .registry(PluginRegistry.empty().with(FeatureGenerator.class, new AnomalyDetectorTest.Current())
                        .with(FeatureGenerator.class, new AnomalyDetectorTest.Intercept()))
                .rows(RowSelection.first(600, RowUnit.Sample))
                .build().build(data).model();
    }

    @Test
    void shiftingAnInfluencerMovesTheNormalBehaviourByItsCoefficientAndFlagsTheRows() {
        TimeFrame data = AnomalyDetectorTest.data(1000, 5);
        double[] before = data.values("a").clone();
        DetectionModel m = model(data);
        WhatIf w = m.whatIf(data, RowSelection.last(400, RowUnit.Sample), List.of(WhatIf.Change.parse("a+=5")));
        WhatIf.Summary s = w.summary();
        assertThat(s.rows()).isEqualTo(400);
        assertThat(s.meanNormalChange()).isCloseTo(10, within(0.1)); // β(a) ≈ 2
        assertThat(s.anomaliesAfter()).isEqualTo(400); // every residual is now about −10, far beyond the in-sample range
        assertThat(s.becameAnomalous()).isEqualTo(400 - s.anomaliesBefore());
        assertThat(s.meanIndicatorAfter()[0]).isGreaterThan(s.meanIndicatorBefore()[0]);
        assertThat(data.values("a")).containsExactly(before); // the caller's data are not modified
        assertThat(w.changed().logs()).anyMatch(e -> e.message().startsWith("What-if: a+=5.0 on the 400 rows"));
    }

    @Test
    void aSetOrAFactorReplacesTheValuesAndTheBaselineIsPlainDetection() {
        TimeFrame data = AnomalyDetectorTest.data(1000, 6);
        DetectionModel m = model(data);
        WhatIf set = m.whatIf(data, RowSelection.last(100, RowUnit.Sample), List.of(WhatIf.Change.parse("a=0")));
        double[] nb = set.changed().table().values(DetectionResult.NORMAL_BEHAVIOR);
        assertThat(java.util.Arrays.stream(nb).map(v -> Math.abs(v - nb[0])).max().orElseThrow()).isLessThan(1e-9); // constant input, constant output
        assertThat(set.baseline().table().values(DetectionResult.NORMAL_BEHAVIOR))
                .containsExactly(m.detect(data, RowSelection.last(100, RowUnit.Sample)).table().values(DetectionResult.NORMAL_BEHAVIOR));
        WhatIf same = m.whatIf(data, RowSelection.last(100, RowUnit.Sample), List.of(WhatIf.Change.parse("a *= 1")));
        assertThat(same.summary().largestNormalChange()).isZero();
    }

    @Test
    void changesAreReadOrRefusedWithWhatWouldBeValid() {
        assertThat(WhatIf.Change.parse("x1=5")).isEqualTo(new WhatIf.Change("x1", WhatIf.Operation.SET, 5));
        assertThat(WhatIf.Change.parse("x1+=-0.5")).isEqualTo(new WhatIf.Change("x1", WhatIf.Operation.ADD, -0.5));
        assertThat(WhatIf.Change.parse(" x1 *= 1.1 ")).isEqualTo(new WhatIf.Change("x1", WhatIf.Operation.MULTIPLY, 1.1));
        for (String bad : List.of("x1", "=5", "x1=", "x1=abc", "x1+=NaN", "+=3")) {
            assertThatThrownBy(() -> WhatIf.Change.parse(bad)).as(bad).isInstanceOf(VigilException.class)
                    .hasMessageContaining("'" + bad + "'").hasMessageContaining("COL=VALUE, COL+=DELTA or COL*=FACTOR")
                    .extracting(e -> ((VigilException) e).code()).isEqualTo(ErrorCode.BAD_VALUE);
        }
    }

    @Test
    void aColumnTheModelDoesNotUseIsRefused() {
        TimeFrame data = AnomalyDetectorTest.data(1000, 7);
        DetectionModel m = model(data);
        assertThatThrownBy(() -> m.whatIf(data, null, List.of(WhatIf.Change.parse("b=1")))).isInstanceOf(VigilException.class)
                .hasMessageContaining("'b', which the model does not use").hasMessageContaining("kpi, a");
    }
}
