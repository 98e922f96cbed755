package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.evaluation.nab.NabScorer;
import dev.vigil.io.DataFiles;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.JobSettings;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@link NabStream}: no row is scored with anything that comes after it in the file. */
class NabStreamTest {
    /** The 1-based data rows 1,304 and 1,305 of this file share the timestamp 2011-08-24 12:00:01. */
    private static final int FIRST_DUPLICATE = 1303;

    @Test
    void aRowsIndicatorDoesNotDependOnTheRowsAfterIt() throws IOException {
        JobSettings settings = NabRunCommand.defaultSettings();
        PluginRegistry registry = PluginRegistry.load();
        TimeFrame file = DataFiles.of(registry).read(NabRunCommandTest.NAB.resolve("data").resolve(NabRunCommandTest.CPC),
                ReadOptions.DEFAULT.withRequired(settings.data().columnRoles()), new JobLog());
        assertThat(file.time(FIRST_DUPLICATE)).isEqualTo(file.time(FIRST_DUPLICATE + 1));
        AnomalyDetector detector = AnomalyDetector.builder().settings(settings).registry(registry).build();
        int probation = NabScorer.probationRows(file.rows()); // from the whole file, as NAB does, for both runs
        // the batch [1,243, 1,343) holds both duplicates; the shorter runs end at the first of them, and just after the second
        double[] longer = NabStream.run(file.slice(0, 1_350), probation, detector, NabStream.Schedule.DEFAULT, rows -> { }).indicators();
        for (int k : new int[] {FIRST_DUPLICATE + 1, FIRST_DUPLICATE + 3}) {
            double[] shorter = NabStream.run(file.slice(0, k), probation, detector, NabStream.Schedule.DEFAULT, rows -> { }).indicators();
            for (int i = 0; i < k; i++) {
                assertThat(Double.doubleToLongBits(longer[i])).as("row %d: %s in the first %d rows, %s in the first 1,350", i, shorter[i], k, longer[i])
                        .isEqualTo(Double.doubleToLongBits(shorter[i]));
            }
        }
        assertThat(longer[FIRST_DUPLICATE]).as("the first duplicate is scored").isNotNaN();
        assertThat(longer[FIRST_DUPLICATE]).as("each duplicate with its own value").isNotEqualTo(longer[FIRST_DUPLICATE + 1]);
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
