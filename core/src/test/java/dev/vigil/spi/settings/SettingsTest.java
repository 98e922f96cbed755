package dev.vigil.spi.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void defaultsAreTimsDefaults() {
        Configuration c = Configuration.DEFAULT;
        assertThat(c.domainSpecifics()).extracting(DomainSpecific::perspective).containsExactly("Residual", "Imbalance");
        assertThat(c.domainSpecifics()).allSatisfy(d -> {
            assertThat(d.sensitivity()).isEmpty();
            assertThat(d.minSensitivity()).isZero();
            assertThat(d.maxSensitivity()).isEqualTo(5);
        });
        NormalBehaviorSettings nb = c.normalBehaviorModel();
        assertThat(nb.useNormalBehaviorModel()).isTrue();
        assertThat(nb.normalization()).isTrue();
        assertThat(nb.maxModelComplexity()).isEmpty();
        assertThat(nb.features()).containsExactly("Polynomial", "TimeOffsets", "Identity", "Intercept", "RestOfWeek",
                "PiecewiseLinear", "ExponentialMovingAverage", "Periodic");
        assertThat(nb.dailyCycle()).isEqualTo(AutoBoolean.AUTO);
        assertThat(nb.useKPIoffsets()).isEqualTo(AutoBoolean.AUTO);
        assertThat(nb.allowOffsets()).isTrue();
        assertThat(c.anomalousBehaviorModel().maxModelComplexity()).isEqualTo(30);
        assertThat(DataSettings.DEFAULT.imputation()).isEqualTo(new Imputation(ImputationType.Linear, 6));
        assertThat(DataSettings.DEFAULT.aggregation()).isEqualTo(Aggregation.Mean);
    }

    @Test
    void everyProblemOfARecordIsReportedTogether() {
        assertThatThrownBy(() -> new DomainSpecific("Residual", OptionalDouble.of(120), 7, 3))
                .isInstanceOfSatisfying(VigilException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
                    assertThat(e.problems()).containsExactly(
                            "sensitivity must be between 0 and 100, got 120",
                            "minSensitivity (7) must not exceed maxSensitivity (3)");
                });
    }

    @Test
    void outOfRangeValuesNameTheFieldAndTheValidRange() {
        assertThatThrownBy(() -> new Imputation(ImputationType.Linear, -1))
                .hasMessage("maxGapLength must be at least 0, got -1");
        assertThatThrownBy(() -> new TimeScale(BaseUnit.Minute, 0))
                .hasMessage("timeScale.value must be at least 1, got 0");
        assertThatThrownBy(() -> NormalBehaviorSettings.DEFAULT.withMaxModelComplexity(OptionalInt.of(0)))
                .hasMessage("maxModelComplexity must be between 1 and 1000, got 0");
        assertThatThrownBy(() -> new AnomalousBehaviorSettings(0, List.of(), true))
                .hasMessage("maxModelComplexity must be between 1 and 100, got 0");
        assertThatThrownBy(() -> Configuration.DEFAULT.withDomainSpecifics(List.of()))
                .hasMessage("domainSpecifics must list at least one perspective");
    }

    @Test
    void detectionIntervalsParseListsAndRanges() {
        assertThat(new DetectionInterval(DetectionInterval.Type.Hour, "8-11, 14").allowed().toString())
                .isEqualTo("{8, 9, 10, 11, 14}");
        assertThat(new DetectionInterval(DetectionInterval.Type.Day, "1,3,5").allowed().cardinality()).isEqualTo(3);
        assertThatThrownBy(() -> new DetectionInterval(DetectionInterval.Type.Hour, "8-25"))
                .hasMessageContaining("value '8-25' is out of range").hasMessageContaining("within 0-23");
        assertThatThrownBy(() -> new DetectionInterval(DetectionInterval.Type.Day, "Mon"))
                .hasMessageContaining("value 'Mon' is not understood");
    }

    @Test
    void rowSelectionsValidateTheirValues() {
        assertThatThrownBy(() -> RowSelection.first(0, RowUnit.Sample)).hasMessage("rows.value must be at least 1, got 0");
        assertThatThrownBy(() -> RowSelection.ranges(List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new RowSelection.TimeRange(java.time.Instant.ofEpochSecond(10), java.time.Instant.ofEpochSecond(5)))
                .hasMessageContaining("is before 'from'");
    }
}
