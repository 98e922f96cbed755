package dev.vigil.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The objectives of label tuning, on counts small enough to work out by hand. */
class FoldTallyTest {
    private static final long MINUTE = 60_000;

    /** A tally with these event counts, a day of rows and nothing else. */
    private static FoldTally events(int labelled, int caught, int detections, int trueDetections, double days) {
        return new FoldTally(labelled, caught, detections, trueDetections, 0, 0, 0, 1000, days, 0, 0, 0);
    }

    @Test
    void foldsArePooledBeforeTheRatiosAreTaken() {
        // fold 1: its one event caught by its one detection; fold 2: none of 4 events caught, 1 false alarm
        FoldTally pooled = FoldTally.sum(List.of(events(1, 1, 1, 1, 1), events(4, 0, 1, 0, 1)));
        assertThat(pooled.eventRecall()).isEqualTo(0.2); // 1 of 5, where the mean of the folds' recalls would be 0.5
        assertThat(pooled.eventPrecision()).isEqualTo(0.5);
        assertThat(pooled.eventF1()).isCloseTo(2 * 0.5 * 0.2 / 0.7, within(1e-12));
        assertThat(pooled.falseAlarms()).isEqualTo(1);
        assertThat(pooled.falseAlarmsPerDay()).isEqualTo(0.5);
        assertThat(pooled.falseAlarmsPer10k()).isEqualTo(5);
    }

    @Test
    void theBudgetObjectiveIsEventRecallWithinTheBudgetElseMinusTheFalseAlarmRate() {
        FoldTally t = events(4, 3, 5, 3, 4); // 2 false alarms in 4 days: 0.5 per day
        assertThat(LabelTuning.Objective.FA_BUDGET.of(t, 0.5)).isEqualTo(0.75);
        assertThat(LabelTuning.Objective.FA_BUDGET.of(t, 1)).isEqualTo(0.75);
        assertThat(LabelTuning.Objective.FA_BUDGET.of(t, 0.4)).isEqualTo(-0.5);
        assertThat(LabelTuning.Objective.EVENT_F1.of(t, Double.NaN)).isCloseTo(2 * 0.6 * 0.75 / 1.35, within(1e-12));
    }

    /** 1,000 rows before (NAB's probation lies in them) and 100 validation rows a minute apart, one labelled event on rows 10 to 19. */
    private static double nab(int... flagged) {
        long[] before = new long[1000];
        for (int i = 0; i < before.length; i++) {
            before[i] = i * MINUTE;
        }
        long[] times = new long[100];
        for (int i = 0; i < times.length; i++) {
            times[i] = (1000 + i) * MINUTE;
        }
        boolean[] predicted = new boolean[100];
        for (int f : flagged) {
            predicted[f] = true;
        }
        double[] s = FoldTally.nab(before, times, predicted, List.of(new Event(10, 19, times[10], times[19])));
        return new FoldTally(1, 0, 0, 0, 0, 0, 0, 0, 0, s[0], s[1], s[2]).nab();
    }

    @Test
    void theNabObjectiveRewardsEarlyDetectionAndChargesFalseAlarms() {
        assertThat(nab()).isEqualTo(0); // the null detector
        assertThat(nab(10)).isCloseTo(1, within(1e-12)); // the first row of the window: the perfect detector
        // the last row of a 10-row window: S(−1/10) / S(−1) with S(y) = 2/(1 + e^(5y)) − 1, on a scale from −1 (missed) to 1
        double late = (2 / (1 + Math.exp(-0.5)) - 1) / (2 / (1 + Math.exp(-5)) - 1);
        assertThat(nab(19)).isCloseTo((late + 1) / 2, within(1e-12));
        assertThat(nab(10, 19)).isCloseTo(1, within(1e-12)); // a window counts its best row once
        assertThat(nab(5)).isCloseTo((-0.11 - 1 + 1) / 2, within(1e-12)); // before any window: the full false-positive weight 0.11
        // far after the window (|19 − 80| / 9 ≥ 3): the full weight too; right after it, less
        assertThat(nab(10, 80)).isCloseTo((1 - 0.11 + 1) / 2, within(1e-12));
        assertThat(nab(10, 20)).isGreaterThan(nab(10, 80)).isLessThan(1);
    }

    @Test
    void withoutLabelledEventsEveryFlaggedRowCostsTheFullWeightAndTheScoreIsZero() {
        double[] s = FoldTally.nab(new long[0], new long[] {0, MINUTE, 2 * MINUTE}, new boolean[] {true, false, true}, List.of());
        assertThat(s).containsExactly(-0.22, 0, 0);
        FoldTally withEvents = new FoldTally(1, 1, 1, 1, 0, 0, 0, 0, 0, 1, -1, 1);
        FoldTally without = new FoldTally(0, 0, 2, 0, 0, 0, 0, 0, 0, s[0], s[1], s[2]);
        assertThat(without.nab()).isZero();
        assertThat(withEvents.plus(without).nab()).isCloseTo((1 - 0.22 + 1) / 2, within(1e-12)); // pooled, the false alarms count
    }
}
