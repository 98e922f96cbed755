package dev.vigil.system.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.spi.SignalContributions;
import dev.vigil.spi.SystemModel;
import dev.vigil.spi.SystemModelFactory;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
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

    /** The contract's machine with one signal frozen at its value of row {@code from} for {@code rows} rows. */
    private TimeFrame frozen(String signal, int from, int rows) {
        TimeFrame f = machine().unlabelled();
        TimeFrame.Builder b = TimeFrame.builder(f.times()).samplingPeriod(java.time.Duration.ofMillis(f.samplingPeriodMillis()));
        for (String c : f.columnNames()) {
            double[] v = f.values(c).clone();
            if (c.equals(signal)) {
                Arrays.fill(v, from, from + rows, v[from]);
            }
            b.column(c, v);
        }
        return b.build();
    }

    private static double max(double[] scores, int[] rows) {
        return Arrays.stream(rows).mapToDouble(r -> scores[r]).filter(Double::isFinite).max().orElseThrow();
    }

    @Test
    void aStuckSensorIsJudgedByItsOwnVariabilityAsSoonAsItsWindowHasOnlyFrozenSteps() {
        String signal = machine().signals().get(0);
        int from = machine().training().last() + 20; // a clean stretch: the first fault starts later
        assertThat(machine().events().stream().mapToInt(e -> e.start()).min().orElseThrow()).isGreaterThan(from + 10);
        TimeFrame frame = frozen(signal, from, 10);
        int[] fit = machine().training().toArray();
        int at = from + 3; // the third frozen step: variabilityWindow (3) steps of 0

        SystemModel withTerm = model();
        double[] s = new double[frame.rows()];
        withTerm.score(frame, s);
        assertThat(s[at]).as("beyond every in-sample score").isGreaterThan(max(s, fit));
        SignalContributions c = withTerm.contributions(frame, new int[] {at});
        double[] share = c.shares()[0];
        assertThat(IntStream.range(0, share.length).boxed().max((a, b) -> Double.compare(share[a], share[b])).orElseThrow()).isZero();

        SystemModel without = factory().fit(problem(42, new JobLog()).withParameters(Map.of("variabilityWindow", 0)));
        double[] plain = new double[frame.rows()];
        without.score(frame, plain);
        assertThat(plain[at]).as("the residuals alone have not seen it yet").isLessThan(max(plain, fit));
    }

    @Test
    void aModelStateWithoutTermsScoresThePlainSumOfSquaredResidualsAsFilesWrittenBeforeThemDid() {
        SystemModel single = factory().fit(problem(42, new JobLog()).withParameters(Map.of("residualWindow", 1, "variabilityWindow", 0)));
        assertThat(single.state()).containsKey("terms");
        Map<String, Object> old = new LinkedHashMap<>(single.state());
        old.remove("terms");
        SystemModel restored = factory().restore(old, registry());
        assertThat(restored.parameters()).doesNotContainKeys("residualWindow", "variabilityWindow");
        TimeFrame frame = machine().unlabelled();
        double[] terms = new double[frame.rows()];
        double[] sumOfSquares = new double[frame.rows()];
        single.score(frame, terms);
        restored.score(frame, sumOfSquares);
        // with one-row windows and no variability term, max(z², (z/σ̄)²) is z² up to σ̄'s rounding (σ̄ = 1 on the fit rows)
        for (int r = 0; r < frame.rows(); r++) {
            if (Double.isNaN(sumOfSquares[r])) {
                assertThat(terms[r]).as("row %d", r).isNaN();
            } else {
                assertThat(terms[r]).as("row %d", r).isCloseTo(sumOfSquares[r], within(1e-9 * (1 + sumOfSquares[r])));
            }
        }
        assertThat(Arrays.stream(terms).filter(Double::isFinite).count()).isGreaterThan(frame.rows() / 2);
        assertThatTermsAreChecked(single);
    }

    private void assertThatTermsAreChecked(SystemModel m) {
        Map<String, Object> bad = new LinkedHashMap<>(m.state());
        @SuppressWarnings("unchecked")
        Map<String, Object> terms = new LinkedHashMap<>((Map<String, Object>) bad.get("terms"));
        terms.put("meanResidualSigma", List.of(1.0));
        bad.put("terms", terms);
        assertThatThrownBy(() -> factory().restore(bad, registry())).hasMessageContaining("meanResidualSigma")
                .hasMessageContaining("one number per signal");
    }
}
