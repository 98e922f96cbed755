package dev.vigil.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.DomainSpecific;
import dev.vigil.spi.settings.JobSettings;
import dev.vigil.testing.KpiDataGenerator;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Label tuning keeps the default unless a candidate beats it by more than one validation event's worth. */
class LabelTuningTest {
    private static final List<DomainSpecific> DEFAULTS = List.of(DomainSpecific.auto("Residual"), DomainSpecific.auto("Imbalance"));

    private static LabelTuning.Trial trial(List<String> perspectives, Double sensitivity, double objective) {
        return new LabelTuning.Trial(new LabelTuning.Candidate(perspectives, sensitivity == null ? OptionalDouble.empty()
                : OptionalDouble.of(sensitivity)), objective, 0, 0, 0, 0, 0);
    }

    private final LabelTuning.Trial auto = trial(List.of("Residual", "Imbalance"), null, 0.70);
    private final LabelTuning.Trial residual = trial(List.of("Residual"), 0.5, 0.78);
    private final LabelTuning.Trial fixed = trial(List.of("Residual", "Imbalance"), 1.0, 0.60);

    @Test
    void aWinByNoMoreThanOneEventKeepsTheDefault() {
        // 10 validation events: one event's worth is 0.1, and 0.78 − 0.70 is less
        assertThat(LabelTuning.choose(List.of(auto, residual, fixed), DEFAULTS, 10)).isSameAs(auto);
    }

    @Test
    void aWinByMoreThanOneEventIsTaken() {
        // 20 validation events: one event's worth is 0.05, and 0.78 − 0.70 is more
        assertThat(LabelTuning.choose(List.of(auto, residual, fixed), DEFAULTS, 20)).isSameAs(residual);
    }

    @Test
    void withoutTheDefaultAmongTheCandidatesTheBestIsTaken() {
        assertThat(LabelTuning.choose(List.of(residual, fixed), DEFAULTS, 10)).isSameAs(residual);
        assertThat(LabelTuning.choose(List.of(auto, residual, fixed), List.of(DomainSpecific.auto("Residual")), 10)).isSameAs(residual);
    }

    @Test
    void theDefaultAtTheTopStaysAndTheFirstOfEqualsWins() {
        LabelTuning.Trial same = trial(List.of("Residual"), 0.25, 0.78);
        assertThat(LabelTuning.choose(List.of(auto, residual, same), List.of(DomainSpecific.auto("Fluctuation")), 10)).isSameAs(residual);
        LabelTuning.Trial top = trial(List.of("Residual", "Imbalance"), null, 0.9);
        assertThat(LabelTuning.choose(List.of(top, residual), DEFAULTS, 100)).isSameAs(top);
    }

    @Test
    void theResultSaysWhenTheDefaultWasKeptOverABetterCandidate() {
        LabelTuning.Result kept = new LabelTuning.Result(LabelTuning.Objective.EVENT_F1, List.of(auto, residual, fixed), auto,
                JobSettings.DEFAULT, 10);
        assertThat(kept.top()).isSameAs(residual);
        assertThat(kept.keptDefault()).isTrue();
        LabelTuning.Result taken = new LabelTuning.Result(LabelTuning.Objective.EVENT_F1, List.of(auto, residual, fixed), residual,
                JobSettings.DEFAULT, 20);
        assertThat(taken.keptDefault()).isFalse();
    }

    @Test
    void aFoldWithoutLabelledEventsDoesNotCountInTheRecall() {
        // anomalies only in the last sixth: with 2 folds, the first validation part (rows 1/2 to 3/4) has none, so counting
        // it as recall 0 would cap every candidate's recall at 0.5
        TimeFrame data = KpiDataGenerator.create().rows(2400).seed(3).anomalies(3, 0, 0, 0).sizes(12, 0).anomaliesBetween(0.84, 0.98)
                .generate().frame();
        LabelTuning.Result r = LabelTuning.tune(AnomalyDetector.builder().kpi("kpi").label("label"), data, LabelTuning.Objective.EVENT_F1,
                List.of(List.of("Residual")), List.of(1.0), 2);
        assertThat(r.validationEvents()).isPositive();
        assertThat(r.trials()).anySatisfy(t -> assertThat(t.eventRecall()).isGreaterThan(0.5));
        assertThat(r.trials()).anySatisfy(t -> assertThat(t.recall()).isGreaterThan(0.5));
    }
}
