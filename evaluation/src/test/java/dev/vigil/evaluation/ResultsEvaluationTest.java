package dev.vigil.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The join of a results table and a label column; every expected number is counted by hand in the comments. */
class ResultsEvaluationTest {
    private static final double N = Double.NaN;
    private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    // label | code | largest indicator | used as
    // 00:00 0 | 2 | 0.2 | TN (imbalance not calculated, residual is)
    // 00:01 0 | 0 | 0.5 | TN
    // 00:02 1 | 0 | 0.9 | FN
    // 00:03 1 | 1 | 1.5 | TP
    // 00:04 0 | 1 | 1.2 | FP
    // 00:05 ? | 1 | 2.0 | skipped: no label
    // 00:06 0 | 2 | -   | skipped: no indicator
    // 00:07 1 | 3 | 1.1 | TP
    // 00:08 0 | 0 | 0.3 | TN
    // 00:30 only in results; 00:09 only in data
    // AUC: positives 0.9, 1.5, 1.1 against negatives 0.2, 0.5, 1.2, 0.3: 3 + 4 + 3 = 10 of 12
    // events: labelled 00:02-00:03 and 00:07; detected 00:03-00:05 and 00:07; delays 1 min and 0
    private static TimeFrame results(long[] minutes) {
        return TimeFrame.builder(times(minutes))
                .column("anomaly_code", new double[] {2, 0, 0, 1, 1, 1, 2, 3, 0, 0})
                .column("anomaly_indicator_residual", new double[] {0.2, 0.5, 0.9, 1.5, 0.4, 2.0, N, 1.1, 0.3, 0.1})
                .column("anomaly_indicator_imbalance", new double[] {N, 0.1, 0.3, 0.2, 1.2, 2.0, N, N, 0.2, 0.1})
                .source("results.csv").build();
    }

    private static final long[] RESULT_MINUTES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 30};

    private static TimeFrame data(double... labels) {
        return TimeFrame.builder(times(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})).column("value", new double[10]).column("label", labels)
                .source("data.csv").build();
    }

    private static final double[] LABELS = {0, 0, 1, 1, 0, N, 0, 1, 0, 0};

    private static long[] times(long[] minutes) {
        long[] t = new long[minutes.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = T0 + minutes[i] * 60_000;
        }
        return t;
    }

    @Test
    void rowsAreMatchedByTimestampAndTheRestCounted() {
        ResultsEvaluation e = ResultsEvaluation.of(results(RESULT_MINUTES), data(LABELS), "label");
        assertThat(e.matched()).isEqualTo(9);
        assertThat(e.resultsOnly()).isEqualTo(1);
        assertThat(Instant.ofEpochMilli(e.firstResultsOnly())).isEqualTo(Instant.parse("2024-01-01T00:30:00Z"));
        assertThat(e.dataOnly()).isEqualTo(1);
        assertThat(Instant.ofEpochMilli(e.firstDataOnly())).isEqualTo(Instant.parse("2024-01-01T00:09:00Z"));
        assertThat(e.withoutLabel()).isEqualTo(1);
        assertThat(e.withoutIndicator()).isEqualTo(1);
        ConfusionMatrix c = e.measures().confusionMatrix();
        assertThat(List.of(c.truePositive(), c.trueNegative(), c.falsePositive(), c.falseNegative())).containsExactly(2L, 3L, 1L, 1L);
        assertThat(e.measures().auc().getAsDouble()).isCloseTo(10.0 / 12, within(1e-15));
        assertThat(e.events().caught()).extracting(EventMatch::delay).containsExactly(Duration.ofMinutes(1), Duration.ZERO);
        assertThat(e.events().detected()).hasSize(2);
    }

    @Test
    void rowOrderDoesNotMatter() {
        TimeFrame r = results(RESULT_MINUTES);
        int[] order = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
        ResultsEvaluation straight = ResultsEvaluation.of(r, data(LABELS), "label");
        ResultsEvaluation backwards = ResultsEvaluation.of(r.rows(order), data(LABELS), "label");
        assertThat(backwards.toMap()).isEqualTo(straight.toMap());
    }

    @Test
    void theJsonTreeHoldsEveryMetric() {
        Map<String, Object> m = ResultsEvaluation.of(results(RESULT_MINUTES), data(LABELS), "label").toMap();
        assertThat(m.keySet()).containsExactly("results", "data", "labelColumn", "rows", "errorMeasures", "pointwise", "events");
        assertThat(m.get("results")).isEqualTo("results.csv");
        assertThat(m.get("rows").toString()).isEqualTo("{results=10, data=10, matched=9, resultsWithoutDataRow=1, dataWithoutResult=1, "
                + "withoutLabel=1, withoutIndicator=1, used=7}");
        @SuppressWarnings("unchecked")
        Map<String, Object> events = (Map<String, Object>) m.get("events");
        assertThat(events.get("meanDelay")).isEqualTo("PT30S");
        assertThat(events.get("labelledEvents").toString()).isEqualTo("[{start=2024-01-01T00:02:00Z, end=2024-01-01T00:03:00Z, duration=PT1M, "
                + "rows=2, caught=true, delay=PT1M}, {start=2024-01-01T00:07:00Z, end=2024-01-01T00:07:00Z, duration=PT0S, rows=1, "
                + "caught=true, delay=PT0S}]");
    }

    @Test
    void badInputIsRefusedWithFileRowAndValue() {
        double[] two = LABELS.clone();
        two[3] = 2;
        assertThatThrownBy(() -> ResultsEvaluation.of(results(RESULT_MINUTES), data(two), "label")).isInstanceOf(VigilException.class)
                .hasMessage("data.csv row 4 (2024-01-01T00:03:00Z), column 'label': 2 is not a label; labels must be 1 (anomaly), 0 (normal) "
                        + "or missing (unknown)");
        long[] duplicate = RESULT_MINUTES.clone();
        duplicate[9] = 1;
        assertThatThrownBy(() -> ResultsEvaluation.of(results(duplicate), data(LABELS), "label")).isInstanceOf(VigilException.class)
                .hasMessageContaining("results.csv: timestamp 2024-01-01T00:01:00Z appears more than once (rows 2 and 10)");
        TimeFrame noIndicator = results(RESULT_MINUTES).select(List.of("anomaly_code"));
        assertThatThrownBy(() -> ResultsEvaluation.of(noIndicator, data(LABELS), "label")).isInstanceOf(VigilException.class)
                .hasMessage("results.csv has no anomaly_indicator_<perspective> column; columns: anomaly_code");
        long[] later = new long[10];
        for (int i = 0; i < 10; i++) {
            later[i] = 100 + i;
        }
        assertThatThrownBy(() -> ResultsEvaluation.of(results(later), data(LABELS), "label")).isInstanceOf(VigilException.class)
                .hasMessageContaining("No timestamp of results.csv").hasMessageContaining("nothing to evaluate");
    }
}
