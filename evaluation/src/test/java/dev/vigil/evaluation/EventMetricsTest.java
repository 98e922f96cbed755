package dev.vigil.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventMetricsTest {
    private static final double NaN = Double.NaN;
    private static final long MINUTE = 60_000;

    private static long[] minutes(int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * MINUTE;
        }
        return t;
    }

    @Test
    void runsOfFlaggedRows() {
        long[] t = minutes(8);
        List<Event> runs = Event.runs(t, new boolean[] {true, true, false, false, true, false, true, true});
        assertThat(runs).containsExactly(new Event(0, 1, 0, MINUTE), new Event(4, 4, 4 * MINUTE, 4 * MINUTE),
                new Event(6, 7, 6 * MINUTE, 7 * MINUTE));
        assertThat(runs.get(0).duration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(runs.get(1).duration()).isZero();
        assertThat(runs.get(2).rows()).isEqualTo(2);
        assertThat(Event.runs(t, new boolean[8])).isEmpty();
    }

    @Test
    void overlapMatchingDelaysAndScores() {
        //            0  1  2  3  4  5  6  7  8  9 10 11
        double[] l = {0, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0};
        boolean[] p = {false, false, false, true, true, false, false, false, false, false, false, true};
        // labelled: [1,3] [6,7] [9,10]; detected: [3,4] [11]
        EventMetrics m = EventMetrics.of(minutes(12), l, p);
        assertThat(m.labelled()).extracting(Event::firstRow).containsExactly(1, 6, 9);
        assertThat(m.detected()).extracting(Event::firstRow).containsExactly(3, 11);
        assertThat(m.caught()).hasSize(1);
        EventMatch caught = m.caught().get(0);
        assertThat(caught.labelled().firstRow()).isEqualTo(1);
        assertThat(caught.detection().firstRow()).isEqualTo(3);
        assertThat(caught.delay()).isEqualTo(Duration.ofMinutes(2));
        assertThat(m.trueDetections()).isEqualTo(1);
        assertThat(m.precision()).hasValue(0.5);
        assertThat(m.recall()).hasValue(1.0 / 3);
        assertThat(m.f1()).hasValue(2 * 0.5 / 3 / (0.5 + 1.0 / 3));
        assertThat(m.meanDelay()).contains(Duration.ofMinutes(2));
    }

    @Test
    void aDetectionStartingEarlyHasNoDelayAndOneDetectionCanCatchTwoEvents() {
        double[] l = {0, 0, 1, 1, 0, 1, 0};
        boolean[] p = {false, true, true, true, true, true, false};
        EventMetrics m = EventMetrics.of(minutes(7), l, p);
        assertThat(m.caught()).extracting(EventMatch::delay).containsExactly(Duration.ZERO, Duration.ZERO);
        assertThat(m.trueDetections()).isEqualTo(1);
        assertThat(m.precision()).hasValue(1.0);
        assertThat(m.recall()).hasValue(1.0);
        assertThat(m.f1()).hasValue(1.0);
    }

    @Test
    void unknownLabelsBreakLabelledRunsAndEmptyCasesHaveNoRates() {
        EventMetrics m = EventMetrics.of(minutes(4), new double[] {1, NaN, 1, 0}, new boolean[4]);
        assertThat(m.labelled()).hasSize(2);
        assertThat(m.precision()).isEmpty();
        assertThat(m.recall()).hasValue(0.0);
        assertThat(m.f1()).isEmpty();
        assertThat(m.meanDelay()).isEmpty();
        EventMetrics none = EventMetrics.of(minutes(2), new double[] {0, 0}, new boolean[] {true, false});
        assertThat(none.recall()).isEmpty();
        assertThat(none.precision()).hasValue(0.0);
    }

    @Test
    void rowsOutOfTimeOrderAreRefused() {
        assertThatThrownBy(() -> Event.runs(new long[] {5, 1}, new boolean[] {true, true}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows must be in time order");
    }
}
