package dev.vigil.system.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.spi.SystemModel;
import dev.vigil.spi.SystemModelFactory;
import dev.vigil.spi.log.JobLog;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrossRegressionContractTest extends SystemModelContract {
    @Override
    protected SystemModelFactory factory() {
        return new CrossRegression();
    }

    @Test
    void manyFitRowsAreSampledInPiecesAndTheModelStillSeesTheFaults() {
        JobLog log = new JobLog();
        SystemModel m = factory().fit(problem(1, log).withParameters(Map.of("maxFitRows", 600)));
        assertThat(log.entries()).anyMatch(e -> e.message().contains("fitted on") && e.message().contains("of the 1,500 complete fit rows")
                && e.message().contains("pieces of 100 consecutive rows"));
        double[] s = new double[machine().frame().rows()];
        m.score(machine().unlabelled(), s);
        boolean[] fault = machine().labels();
        double inFault = 0;
        double clean = 0;
        int nf = 0;
        int nc = 0;
        for (int r : machine().evaluation().toArray()) {
            if (fault[r]) {
                inFault += s[r];
                nf++;
            } else {
                clean += s[r];
                nc++;
            }
        }
        assertThat(inFault / nf).isGreaterThan(3 * clean / nc);
    }
}
