package dev.vigil.evaluation.nab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.spi.frame.TimeFrame;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link NabStream}: no row is scored with anything that comes after it in the file. */
class NabStreamTest {
    /** The 0-based rows 1,303 and 1,304 of {@link NabFiles#hourly} share a timestamp. */
    private static final int FIRST_DUPLICATE = NabFiles.DUPLICATE - 1;

    @Test
    void aRowsIndicatorDoesNotDependOnTheRowsAfterIt() {
        TimeFrame file = NabFiles.hourly(1_400, 11);
        assertThat(file.time(FIRST_DUPLICATE)).isEqualTo(file.time(FIRST_DUPLICATE + 1));
        AnomalyDetector detector = AnomalyDetector.builder().settings(NabRun.defaultSettings()).build();
        int probation = NabScorer.probationRows(file.rows()); // from the whole file, as NAB does, for every run
        // the batch [1,210, 1,310) holds both duplicates; the shorter runs end at the first of them, and just after the second
        NabStream.Result longer = NabStream.run(file.slice(0, 1_350), probation, detector, NabStream.Schedule.DEFAULT, rows -> { });
        assertThat(longer.samplingPeriod()).isEqualTo(Duration.ofHours(1));
        for (int k : new int[] {FIRST_DUPLICATE + 1, FIRST_DUPLICATE + 3}) {
            double[] shorter = NabStream.run(file.slice(0, k), probation, detector, NabStream.Schedule.DEFAULT, rows -> { }).indicators();
            for (int i = 0; i < k; i++) {
                assertThat(Double.doubleToLongBits(longer.indicators()[i])).as("row %d: %s in the first %d rows, %s in the first 1,350", i,
                        shorter[i], k, longer.indicators()[i]).isEqualTo(Double.doubleToLongBits(shorter[i]));
            }
        }
        for (int i = 0; i < probation; i++) {
            assertThat(longer.indicators()[i]).as("probation row %d", i).isNaN();
        }
        assertThat(longer.indicators()[FIRST_DUPLICATE]).as("the first duplicate is scored").isNotNaN();
        assertThat(longer.indicators()[FIRST_DUPLICATE]).as("each duplicate with its own value").isNotEqualTo(longer.indicators()[FIRST_DUPLICATE + 1]);
    }

    @Test
    void progressCountsEveryRowOnce() {
        TimeFrame file = NabFiles.hourly(700, 12);
        long[] done = new long[1];
        NabStream.run(file, AnomalyDetector.builder().settings(NabRun.defaultSettings()).build(), new NabStream.Schedule(50, 200, 400),
                rows -> done[0] += rows);
        assertThat(done[0]).isEqualTo(700);
    }

    @Test
    void aBatchIsCutAfterEveryRowThatALaterOneDoesNotFollowInTime() {
        long[] time = {9, 1, 2, 2, 3, 1, 5, 6};
        // of rows 1 to 7, rows 1 to 4 (times 1, 2, 2, 3) are each followed by the step back to 1 of row 5; row 2 also by its duplicate
        assertThat(NabStream.partEnds(time, 1, 8)).containsExactly(2, 3, 4, 5, 8);
        assertThat(NabStream.partEnds(time, 5, 8)).containsExactly(8);
        assertThat(NabStream.partEnds(time, 6, 7)).containsExactly(7);
    }
}
