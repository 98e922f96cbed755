package dev.vigil.evaluation.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.io.labels.LabelRange;
import dev.vigil.io.labels.LabelRanges;
import dev.vigil.spi.SignalContributions;
import dev.vigil.system.Contribution;
import dev.vigil.system.SystemDetection;
import dev.vigil.testing.Trials;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemEventsTest {
    private static final long MINUTE = 60_000;
    private static final List<String> SIGNALS = List.of("pump\\flow", "pump\\pressure", "motor\\current");

    /** A detection of {@code n} one-minute rows, anomalous where {@code indicator > 1}, with the given shares on them. */
    static SystemDetection detection(double[] indicator, double[][] sharesPerRow) {
        int n = indicator.length;
        long[] time = new long[n];
        double[] severity = new double[n];
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            time[r] = r * MINUTE;
            if (indicator[r] > 1) {
                rows.add(r);
                severity[r] = 0.5;
            }
        }
        double[][] shares = new double[rows.size()][];
        double[][] deviations = new double[rows.size()][];
        for (int i = 0; i < shares.length; i++) {
            shares[i] = sharesPerRow[rows.get(i)];
            deviations[i] = new double[] {1, -1, 0.5};
        }
        return new SystemDetection(SIGNALS, time, indicator.clone(), indicator, severity,
                new SignalContributions(rows.stream().mapToInt(Integer::intValue).toArray(), shares, deviations));
    }

    private static double[][] everyRow(int n, double... shares) {
        double[][] out = new double[n][];
        for (int r = 0; r < n; r++) {
            out[r] = shares;
        }
        return out;
    }

    @Test
    void rowsAFewApartAreOneEventAndAnOffRowEndsIt() {
        //                      0  1  2  3  4  5  6  7  8  9 10 11 12
        double[] indicator = {0, 3, 0, 0, 2, 0, 0, 0, 0, 0, 5, 0, 4};
        SystemDetection d = detection(indicator, everyRow(13, 0.5, 0.3, 0.2));
        List<SystemEvent> gap2 = SystemEvents.of(d, null, Map.of(), new EventRules(2, Duration.ZERO));
        assertThat(gap2).extracting(e -> e.event().firstRow() + "-" + e.event().lastRow()).containsExactly("1-4", "10-12");
        assertThat(gap2.get(0).anomalousRows()).isEqualTo(2);
        assertThat(gap2.get(0).peakIndicator()).isEqualTo(3);
        assertThat(gap2.get(1).duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(gap2.get(0)).hasToString("1970-01-01T00:01:00Z to 1970-01-01T00:04:00Z (PT3M, 4 rows, 2 anomalous): peak indicator 3.000, "
                + "severity 0.500; top: pump\\flow 50 %, pump\\pressure 30 %, motor\\current 20 %");
        assertThat(gap2.get(0).event()).hasToString("Event[1970-01-01T00:01:00Z to 1970-01-01T00:04:00Z, rows 1..4]");
        assertThat(d.contributions()).hasToString("SignalContributions[4 rows, row 1 shares [0.5, 0.3, 0.2]]");
        boolean[] off = new boolean[13];
        off[11] = true;
        assertThat(SystemEvents.of(d, off, Map.of(), new EventRules(2, Duration.ZERO)))
                .extracting(e -> e.event().firstRow() + "-" + e.event().lastRow()).containsExactly("1-4", "10-10", "12-12");
        assertThat(SystemEvents.of(d, null, Map.of(), new EventRules(0, Duration.ZERO))).hasSize(4);
        assertThat(SystemEvents.of(d, null, Map.of(), new EventRules(2, Duration.ofMinutes(3))))
                .extracting(e -> e.event().firstRow()).containsExactly(1);
    }

    @Test
    void anEventsDiagnosticsAreTheMeanOfItsRowsAndItsComponentsTheirSums() {
        double[] indicator = {2, 2, 0};
        double[][] shares = {{0.6, 0.2, 0.2}, {0.2, 0.2, 0.6}, {0, 0, 0}};
        SystemEvent e = SystemEvents.of(detection(indicator, shares), null, Map.of(), EventRules.DEFAULT).get(0);
        assertThat(e.diagnostics()).extracting(Contribution::share).containsExactly(0.4, 0.2, 0.4);
        assertThat(e.components()).containsExactly(Map.entry("pump", 0.6000000000000001), Map.entry("motor", 0.4));
        SystemEvent grouped = SystemEvents.of(detection(indicator, shares), null, Map.of("pump\\flow", "hydraulics",
                "pump\\pressure", "hydraulics", "motor\\current", "drive"), EventRules.DEFAULT).get(0);
        assertThat(grouped.components().keySet()).containsExactly("hydraulics", "drive");
        assertThat(e.top(1).get(0).signal()).isEqualTo("pump\\flow");
    }

    @Test
    void diagnosticsRoundedAsLookoutWritesThemStillSumToOne() {
        Trials.forAll(14, 200, random -> {
            int n = 1 + random.nextInt(12);
            double[] raw = new double[n];
            double total = 0;
            for (int j = 0; j < n; j++) {
                raw[j] = random.nextDouble() * (random.nextBoolean() ? 1 : 1e-6);
                total += raw[j];
            }
            for (int j = 0; j < n; j++) {
                raw[j] /= total;
            }
            double[] rounded = Diagnostics.rounded(raw);
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += rounded[j];
                assertThat(rounded[j]).isGreaterThanOrEqualTo(0).isCloseTo(raw[j], within(1e-4 * n));
                assertThat(rounded[j] * 100_000).isCloseTo(Math.rint(rounded[j] * 100_000), within(1e-6));
            }
            assertThat(sum).isCloseTo(1, within(1e-9));
        });
    }

    @Test
    void lookoutsWarningTimeOfItsPublishedExample() {
        // AWS's getting-started evaluation: the first label is 2019-08-08 (a day), the first overlapping predicted
        // range starts at 00:42, so the warning time is 24 h − 42 min = 83,880 s.
        long day = Instant.parse("2019-08-08T00:00:00Z").toEpochMilli();
        int n = 24 * 60 + 1;
        double[] indicator = new double[n];
        for (int r = 42; r <= 108; r++) {
            indicator[r] = 2;
        }
        SystemDetection d = detection(indicator, everyRow(n, 0.2, 0.3, 0.5));
        long[] t = new long[n];
        for (int r = 0; r < n; r++) {
            t[r] = day + r * MINUTE;
        }
        SystemDetection shifted = new SystemDetection(d.signals(), t, d.score(), d.indicator(), d.severity(), d.contributions());
        List<SystemEvent> events = SystemEvents.of(shifted, null, Map.of(), EventRules.DEFAULT);
        assertThat(events).hasSize(1);
        LabelRanges labels = new LabelRanges("labels.csv", List.of(new LabelRange(day, day + 24 * 60 * MINUTE, "")));
        ModelMetrics m = ModelMetrics.of(t, labels, events);
        assertThat(m.identified()).isEqualTo(1);
        assertThat(m.warningTime().toSeconds()).isEqualTo(83_880);
        Map<String, Object> json = m.toMap();
        assertThat(json.get("labeled_ranges").toString()).contains("start=2019-08-08T00:00:00.000000");
        assertThat(json.get("labeled_event_metrics").toString()).isEqualTo("{num_labeled=1, num_identified=1, total_warning_time_in_seconds=83880.0}");
        assertThat(json.get("unknown_event_metrics").toString()).isEqualTo("{num_identified=0, total_duration_in_seconds=0.0}");
        assertThat(m.events().f1().getAsDouble()).isEqualTo(1);
    }

    @Test
    void eventsOverlappingNoLabelAreUnknownEvents() {
        double[] indicator = new double[100];
        indicator[10] = 2;
        indicator[11] = 2;
        indicator[50] = 3;
        SystemDetection d = detection(indicator, everyRow(100, 1, 0, 0));
        List<SystemEvent> events = SystemEvents.of(d, null, Map.of(), EventRules.DEFAULT);
        LabelRanges labels = new LabelRanges("l", List.of(new LabelRange(45 * MINUTE, 55 * MINUTE, "fault"), new LabelRange(80 * MINUTE,
                90 * MINUTE, "missed")));
        ModelMetrics m = ModelMetrics.of(d.time(), labels, events);
        assertThat(m.identified()).isEqualTo(1);
        assertThat(m.unknownEvents()).isEqualTo(1);
        assertThat(m.unknownDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(m.warningTime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(m.events().precision().getAsDouble()).isEqualTo(0.5);
        assertThat(m.events().recall().getAsDouble()).isEqualTo(0.5);
    }
}
