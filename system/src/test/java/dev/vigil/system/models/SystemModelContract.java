package dev.vigil.system.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.spi.SystemProblem;
import dev.vigil.spi.log.JobLog;
import dev.vigil.system.IndicatorCalibration;
import dev.vigil.system.SystemDetection;
import dev.vigil.system.SystemDetector;
import dev.vigil.testing.AbstractSystemModelContractTest;
import org.junit.jupiter.api.Test;

/**
 * vigil-testing's contract for system models, plus what every Vigil model owes the shared indicator
 * calibration: exactly round(S·N/100) in-sample rows above 1 for a given sensitivity.
 */
abstract class SystemModelContract extends AbstractSystemModelContractTest {

    @Test
    void theCalibrationFlagsExactlyTheAskedShareOfInSampleRows() {
        for (double sensitivity : new double[] {0.5, 2, 5}) {
            SystemProblem p = problem(42, new JobLog());
            SystemDetector d = SystemDetector.build(factory(), p, IndicatorCalibration.Settings.sensitivity(sensitivity));
            SystemDetection found = d.detect(p.frame());
            int n = 0;
            int above = 0;
            int atOne = 0;
            for (int r : p.fitRows().toArray()) {
                double ai = found.indicator()[r];
                if (Double.isNaN(ai)) {
                    continue;
                }
                n++;
                above += ai > 1 ? 1 : 0;
                atOne += ai == 1 ? 1 : 0;
            }
            assertThat(above).as("in-sample rows above 1 at sensitivity %s %% of %d", sensitivity, n)
                    .isEqualTo((int) Math.round(sensitivity * n / 100));
            assertThat(atOne).as("the threshold row maps to 1 exactly").isGreaterThanOrEqualTo(1);
            assertThat(found.contributions().rows()).hasSize(countAbove(found));
        }
    }

    private static int countAbove(SystemDetection found) {
        int c = 0;
        for (double v : found.indicator()) {
            c += v > 1 ? 1 : 0;
        }
        return c;
    }
}
