package dev.vigil.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.spi.settings.DomainSpecific;
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
}
