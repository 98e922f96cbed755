package dev.vigil.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.PerspectiveWindow;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.AnomalousBehaviorSettings;
import dev.vigil.spi.settings.DomainSpecific;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Rarity judged against the clean in-sample rows (docs/models.md#the-decision-rule): stored, restored,
 * decided alike by batch and stream, and absent from model files written before, which detect as they did.
 */
class CleanRarityTest {
    private static final int ROWS = 6000;
    private static final int IN_SAMPLE = 4000;

    /** v = r. */
    static final class Raw implements DetectionPerspective {
        @Override
        public String name() {
            return "Raw";
        }

        @Override
        public PerspectiveWindow defaultWindow(Duration samplingPeriod) {
            return PerspectiveWindow.of(1);
        }

        @Override
        public void transform(double[] residuals, PerspectiveWindow window, double[] out) {
            System.arraycopy(residuals, 0, out, 0, residuals.length);
        }
    }

    /** Gaussian noise with, every 1,000 rows, a level shift of 4σ over 60 rows and a spike of 7σ. */
    private static double[] residuals(long seed) {
        Random r = new Random(seed);
        double[] x = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            x[i] = r.nextGaussian() + (i % 1000 >= 300 && i % 1000 < 360 ? 4 : 0) + (i % 1000 == 700 ? 7 : 0);
        }
        return x;
    }

    private static TimeFrame frame(double[] residuals) {
        long[] t = new long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            t[i] = i * 60_000L;
        }
        return TimeFrame.builder(t).column("r", residuals).source("test.csv").build();
    }

    private static AnomalousBehaviorModel fit(double[] residuals, JobLog log) {
        return AnomalousBehaviorModel.fit(residuals, frame(residuals), RowSet.range(0, IN_SAMPLE), List.of(DomainSpecific.fixed("Raw", 5)),
                AnomalousBehaviorSettings.DEFAULT, name -> new Raw(), log);
    }

    private static AnomalousBehaviorModel restore(Map<String, Object> state) {
        return AnomalousBehaviorModel.restore(state, name -> new Raw(), List.of());
    }

    @Test
    void aSpikeIsRarerAgainstTheCleanRowsThanAgainstAllInSampleRowsWhichHoldTheShifts() {
        double[] x = residuals(1);
        JobLog log = new JobLog();
        AnomalousBehaviorModel model = fit(x, log);
        Submodel s = model.submodels().get(0);
        assertThat(model.judgesAgainstClean()).isTrue();
        assertThat(s.clean().rows()).isLessThan(IN_SAMPLE - 200); // the 240 shifted rows are left out, nearly all
        double spike = s.indicator(x[4700]);
        assertThat(s.rarity(spike)).isGreaterThan(spike * s.thresholdSurprisal() + 2); // beyond every clean row, not among 240 shifted ones
        assertThat(log.entries()).anySatisfy(e -> assertThat(e.message()).contains("Rarity is judged against the"));
    }

    @Test
    void theCleanTailIsStoredAndBatchAndStreamDecideAlikeWithIt() {
        double[] x = residuals(2);
        TimeFrame frame = frame(x);
        AnomalousBehaviorModel model = fit(x, new JobLog());
        AnomalousBehaviorModel restored = restore(model.state());
        assertThat(restored.state()).isEqualTo(model.state());
        double[] codes = model.decide(model.indicators(x, frame), ROWS);
        assertThat(restored.decide(restored.indicators(x, frame), ROWS)).containsExactly(codes);
        assertThat(codes).contains(0.0, 1.0);

        RowDecision stream = restored.rowDecision();
        List<Integer> streamed = new ArrayList<>();
        double[] indicators = new double[1];
        for (int i = 0; i < ROWS; i++) {
            stream.decide(frame.times()[i], new double[] {x[i]}, indicators, streamed::add);
        }
        stream.end(streamed::add);
        assertThat(streamed.stream().mapToDouble(Integer::doubleValue).toArray()).containsExactly(codes);
    }

    @Test
    void aModelStateWithoutCleanTailsJudgesRarityAgainstAllInSampleValuesAsBefore() {
        double[] x = residuals(3);
        TimeFrame frame = frame(x);
        AnomalousBehaviorModel model = fit(x, new JobLog());
        Map<String, Object> old = withoutCleanTails(model.state());
        AnomalousBehaviorModel before = restore(old);
        assertThat(before.judgesAgainstClean()).isFalse();
        assertThat(before.state()).isEqualTo(old);

        double[][] indicators = before.indicators(x, frame);
        Submodel s = before.submodels().get(0);
        double[] largest = indicators[0].clone();
        double[] surprisal = Arrays.stream(largest).map(v -> v > 1 ? v * s.thresholdSurprisal() : 0).toArray();
        boolean[] flagged = before.decisionRule().flag(largest, surprisal);
        double[] codes = before.decide(indicators, ROWS);
        for (int r = 0; r < ROWS; r++) {
            assertThat(codes[r]).as("row %d", r).isEqualTo(Double.isNaN(largest[r]) ? (flagged[r] ? 3 : 2) : (flagged[r] ? 1 : 0));
        }
        // and the clean rarity is what changes the decision here: fewer rows kept as anomalous before
        assertThat(model.decide(model.indicators(x, frame), ROWS)).isNotEqualTo(codes);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutCleanTails(Map<String, Object> state) {
        Map<String, Object> copy = new LinkedHashMap<>(state);
        List<Object> subs = new ArrayList<>();
        for (Object o : (List<Object>) state.get("submodels")) {
            Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) o);
            assertThat(m).containsKey("cleanTail");
            m.remove("cleanTail");
            subs.add(m);
        }
        copy.put("submodels", subs);
        return copy;
    }
}
