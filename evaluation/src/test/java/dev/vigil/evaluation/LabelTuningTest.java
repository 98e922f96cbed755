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

    /** Four folds of 3 labelled events and one day each; in each, {@code caught[f]} events caught by as many true detections and {@code falseAlarms[f]} false ones. */
    private static List<FoldTally> folds(int[] caught, int[] falseAlarms) {
        List<FoldTally> out = new java.util.ArrayList<>();
        for (int f = 0; f < caught.length; f++) {
            out.add(new FoldTally(3, caught[f], caught[f] + falseAlarms[f], caught[f], 0, 0, 0, 1000, 1, 0, 0, 0));
        }
        return out;
    }

    private static LabelTuning.Trial trial(LabelTuning.Objective objective, double budget, List<String> perspectives, Double sensitivity,
            int[] caught, int[] falseAlarms) {
        return LabelTuning.Trial.of(new LabelTuning.Candidate(perspectives, sensitivity == null ? OptionalDouble.empty() : OptionalDouble.of(sensitivity)),
                objective, budget, folds(caught, falseAlarms));
    }

    private static final int[] NONE = {0, 0, 0, 0};

    @Test
    void aWinThatRestsOnOneFoldDoesNotReplaceTheDefault() {
        LabelTuning.Objective f1 = LabelTuning.Objective.EVENT_F1;
        // event precision 1 throughout; the default catches 1 of 3 events per fold: recall 4/12, F1 0.5
        LabelTuning.Trial byDefault = trial(f1, Double.NaN, List.of("Residual", "Imbalance"), null, new int[] {1, 1, 1, 1}, NONE);
        // all 3 in the first fold, 1 in the others: recall 6/12, F1 2/3, more than one event's worth (1/12) ahead, but
        // without the first fold 3/9 like the default
        LabelTuning.Trial lucky = trial(f1, Double.NaN, List.of("Residual"), 0.1, new int[] {3, 1, 1, 1}, NONE);
        // 2 per fold: recall 8/12, F1 0.8, and without any one fold 6/9 against 3/9
        LabelTuning.Trial steady = trial(f1, Double.NaN, List.of("Residual"), 1.0, new int[] {2, 2, 2, 2}, NONE);
        assertThat(byDefault.objective()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(lucky.objective()).isCloseTo(2.0 / 3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(steady.objective()).isCloseTo(0.8, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(LabelTuning.firstFoldItNeeds(lucky, byDefault, f1, Double.NaN)).isZero();
        assertThat(LabelTuning.firstFoldItNeeds(steady, byDefault, f1, Double.NaN)).isEqualTo(-1);
        assertThat(LabelTuning.choose(List.of(byDefault, lucky), DEFAULTS, 12, f1, Double.NaN)).isSameAs(byDefault);
        assertThat(LabelTuning.choose(List.of(byDefault, lucky), DEFAULTS, 12)).isSameAs(lucky); // by the pooled margin alone
        assertThat(LabelTuning.choose(List.of(byDefault, lucky, steady), DEFAULTS, 12, f1, Double.NaN)).isSameAs(steady);
    }

    @Test
    void theBudgetPrefersRecallWithinItAndOtherwiseTheFewestFalseAlarms() {
        LabelTuning.Objective budget = LabelTuning.Objective.FA_BUDGET;
        java.util.function.Function<Double, List<LabelTuning.Trial>> trials = b -> List.of(
                // 1 of 3 caught per fold, 2 false alarms a day
                trial(budget, b, List.of("Residual", "Imbalance"), null, new int[] {1, 1, 1, 1}, new int[] {2, 2, 2, 2}),
                // nothing caught, 1 false alarm a day
                trial(budget, b, List.of("Residual"), 0.1, NONE, new int[] {1, 1, 1, 1}),
                // 2 of 3 caught per fold, 1.5 false alarms a day
                trial(budget, b, List.of("Residual"), 0.5, new int[] {2, 2, 2, 2}, new int[] {1, 2, 1, 2}),
                // everything caught, 5 false alarms a day
                trial(budget, b, List.of("Residual"), 5.0, new int[] {3, 3, 3, 3}, new int[] {5, 5, 5, 5}));
        List<LabelTuning.Trial> two = trials.apply(2.0);
        assertThat(two).extracting(LabelTuning.Trial::objective).containsExactly(4 / 12.0, 0.0, 8 / 12.0, -5.0);
        assertThat(LabelTuning.choose(two, DEFAULTS, 12, budget, 2.0)).isSameAs(two.get(2));
        List<LabelTuning.Trial> one = trials.apply(1.0); // only the one that catches nothing keeps to it: the default breaks it
        assertThat(one).extracting(LabelTuning.Trial::objective).containsExactly(-2.0, 0.0, -1.5, -5.0);
        assertThat(LabelTuning.choose(one, DEFAULTS, 12, budget, 1.0)).isSameAs(one.get(1));
        List<LabelTuning.Trial> half = trials.apply(0.5); // none keeps to it: the fewest false alarms, even over the default
        LabelTuning.Trial chosen = LabelTuning.choose(half, DEFAULTS, 12, budget, 0.5);
        assertThat(chosen).isSameAs(half.get(1));
        assertThat(new LabelTuning.Result(budget, half, chosen, JobSettings.DEFAULT, 12, 0.5).budgetMissed()).isTrue();
        assertThat(new LabelTuning.Result(budget, one, one.get(1), JobSettings.DEFAULT, 12, 1.0).budgetMissed()).isFalse();
    }

    @Test
    void aDefaultOverTheBudgetGivesWayEvenToACandidateWithinOneEventsWorth() {
        LabelTuning.Objective budget = LabelTuning.Objective.FA_BUDGET;
        // the default catches 1 of 3 events per fold with 1 false alarm in 20 days (0.05 a day); the other catches nothing and
        // has no false alarm: objectives −0.05 and 0, closer than one event's worth (1/12), yet only the other keeps to 0.01 a day
        List<FoldTally> byDefault = List.of(new FoldTally(3, 1, 2, 1, 0, 0, 0, 1000, 5, 0, 0, 0), new FoldTally(3, 1, 1, 1, 0, 0, 0, 1000, 5, 0, 0, 0),
                new FoldTally(3, 1, 1, 1, 0, 0, 0, 1000, 5, 0, 0, 0), new FoldTally(3, 1, 1, 1, 0, 0, 0, 1000, 5, 0, 0, 0));
        List<FoldTally> quiet = List.of(new FoldTally(3, 0, 0, 0, 0, 0, 0, 1000, 5, 0, 0, 0), new FoldTally(3, 0, 0, 0, 0, 0, 0, 1000, 5, 0, 0, 0),
                new FoldTally(3, 0, 0, 0, 0, 0, 0, 1000, 5, 0, 0, 0), new FoldTally(3, 0, 0, 0, 0, 0, 0, 1000, 5, 0, 0, 0));
        LabelTuning.Trial d = LabelTuning.Trial.of(new LabelTuning.Candidate(List.of("Residual", "Imbalance"), OptionalDouble.empty()), budget,
                0.01, byDefault);
        LabelTuning.Trial q = LabelTuning.Trial.of(new LabelTuning.Candidate(List.of("Residual"), OptionalDouble.of(0.1)), budget, 0.01, quiet);
        assertThat(d.objective()).isCloseTo(-0.05, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(q.objective()).isZero();
        assertThat(LabelTuning.choose(List.of(d, q), DEFAULTS, 12, budget, 0.01)).isSameAs(q);
        assertThat(LabelTuning.choose(List.of(d, q), DEFAULTS, 12, budget, 0.05)).isSameAs(d); // within 0.05 a day both keep to it
    }

    @Test
    void theBudgetObjectiveNeedsAPositiveBudget() {
        TimeFrame data = KpiDataGenerator.create().rows(600).seed(3).generate().frame();
        for (double bad : new double[] {Double.NaN, 0, -1, Double.POSITIVE_INFINITY}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabelTuning.tune(AnomalyDetector.builder().kpi("kpi").label("label"), data,
                    LabelTuning.Objective.FA_BUDGET, bad, List.of(List.of("Residual")), List.of(1.0), 2))
                    .isInstanceOf(dev.vigil.spi.VigilException.class).hasMessageContaining("needs a budget of false alarms per day");
        }
    }

    @Test
    void theFoldsTileTheSecondHalf() {
        assertThat(LabelTuning.Split.folds(8000, 4)).containsExactly(new LabelTuning.Split(4000, 5000), new LabelTuning.Split(5000, 6000),
                new LabelTuning.Split(6000, 7000), new LabelTuning.Split(7000, 8000));
        assertThat(LabelTuning.Split.folds(9, 2)).containsExactly(new LabelTuning.Split(4, 6), new LabelTuning.Split(6, 9));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabelTuning.Split.folds(100, 0)).isInstanceOf(IllegalArgumentException.class);
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
