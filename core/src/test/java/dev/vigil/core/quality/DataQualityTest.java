package dev.vigil.core.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.spi.frame.TimeFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DataQualityTest {
    private static final long STEP = Duration.ofMinutes(10).toMillis();
    private static final int ROWS = 30 * 144; // 30 days of 10-minute rows

    private static long[] times(int rows) {
        long[] t = new long[rows];
        for (int i = 0; i < rows; i++) {
            t[i] = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli() + i * STEP;
        }
        return t;
    }

    private static double[] noise(Random r, int rows) {
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
            v[i] = 50 + 3 * r.nextGaussian();
        }
        return v;
    }

    /** A table with one sensor per defect, and a clean one. */
    private static TimeFrame defects(long seed) {
        Random r = new Random(seed);
        double[] missing = noise(r, ROWS);
        for (int i = 100; i < 110; i++) {
            missing[i] = Double.NaN;
        }
        double[] gappy = noise(r, ROWS);
        for (int i = 1000; i < 1000 + 2 * 144; i++) { // two days without a value
            gappy[i] = Double.NaN;
        }
        double[] counter = new double[ROWS];
        double[] draining = new double[ROWS];
        double[] categorical = new double[ROWS];
        double[] modes = new double[ROWS];
        double[] skewed = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            counter[i] = (i == 0 ? 0 : counter[i - 1]) + r.nextDouble() * (r.nextDouble() < 0.02 ? -1 : 1);
            draining[i] = 1000 - i * 0.1 + 0.001 * r.nextGaussian();
            categorical[i] = r.nextInt(4);
            modes[i] = r.nextDouble() < 0.3 ? 10 + r.nextGaussian() : r.nextGaussian();
            skewed[i] = Math.exp(0.8 * r.nextGaussian());
        }
        return TimeFrame.builder(times(ROWS))
                .column("clean", noise(r, ROWS))
                .column("missing", missing)
                .column("gappy", gappy)
                .column("counter", counter)
                .column("draining", draining)
                .column("static", new double[ROWS])
                .column("categorical", categorical)
                .column("modes", modes)
                .column("skewed", skewed)
                .column("empty", new double[ROWS])
                .build();
    }

    private static Map<String, SensorStatisticsSummary> bySensor(DataQualityReport report) {
        return report.sensorStatisticsSummaries().stream().collect(Collectors.toMap(SensorStatisticsSummary::sensorName, Function.identity()));
    }

    @Test
    void aSpanJustShortOfTwoWeeksIsNeverPrintedAsTwoWeeks() {
        Random r = new Random(7);
        int rows = 14 * 144; // the last row one sample short of 14 days
        TimeFrame f = TimeFrame.builder(times(rows)).column("s", noise(r, rows)).build();
        SensorStatisticsSummary s = bySensor(DataQuality.assess(QualityInput.of(QualitySource.of("pump", f)))).get("s");
        assertThat(s.issues()).containsExactly("short date range (13.99 days)");
        TimeFrame longer = TimeFrame.builder(times(rows + 1)).column("s", noise(r, rows + 1)).build();
        assertThat(bySensor(DataQuality.assess(QualityInput.of(QualitySource.of("pump", longer)))).get("s").issues()).isEmpty();
    }

    @Test
    void eachCraftedDefectIsDetectedAndTheCleanSignalHasNone() {
        for (long seed = 1; seed <= 5; seed++) {
            TimeFrame f = defects(seed);
            double[] empty = new double[ROWS];
            java.util.Arrays.fill(empty, Double.NaN);
            f = f.withColumn("empty", empty);
            DataQualityReport report = DataQuality.assess(QualityInput.of(QualitySource.of("pump", f)));
            Map<String, SensorStatisticsSummary> s = bySensor(report);

            SensorStatisticsSummary clean = s.get("clean");
            assertThat(clean.issues()).as("seed %d", seed).isEmpty();
            assertThat(clean.hasIssue()).isFalse();
            assertThat(clean.dataExists()).isTrue();
            assertThat(clean.dataStartTime()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
            assertThat(clean.dataEndTime()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z").plusMillis((ROWS - 1) * STEP));
            assertThat(clean.largeTimestampGaps().maxTimestampGapInDays()).isEqualTo(STEP / 86_400_000.0);

            assertThat(s.get("missing").missingValues().count()).isEqualTo(10);
            assertThat(s.get("missing").missingValues().percentage()).isEqualTo(1000.0 / ROWS);
            assertThat(s.get("missing").issues()).containsExactly("10 missing values (0.23 %)");

            SensorStatisticsSummary gappy = s.get("gappy");
            assertThat(gappy.largeTimestampGaps().status()).isEqualTo(Status.POTENTIAL_ISSUE_DETECTED);
            assertThat(gappy.largeTimestampGaps().numberOfLargeTimestampGaps()).isEqualTo(1);
            assertThat(gappy.largeTimestampGaps().maxTimestampGapInDays()).isEqualTo((2 * 144 + 1) * STEP / 86_400_000.0);

            assertThat(s.get("counter").monotonicValues().monotonicity()).as("seed %d", seed).isEqualTo(Monotonicity.INCREASING);
            assertThat(s.get("draining").monotonicValues().monotonicity()).isEqualTo(Monotonicity.DECREASING);
            assertThat(s.get("static").monotonicValues().monotonicity()).isEqualTo(Monotonicity.STATIC);
            assertThat(s.get("static").categoricalValues().status()).isEqualTo(Status.NO_ISSUE_DETECTED);
            assertThat(s.get("clean").monotonicValues()).isEqualTo(new SensorStatisticsSummary.Monotonic(Status.NO_ISSUE_DETECTED, null));

            assertThat(s.get("categorical").categoricalValues()).isEqualTo(
                    new SensorStatisticsSummary.Categorical(Status.POTENTIAL_ISSUE_DETECTED, 4));
            assertThat(s.get("modes").multipleOperatingModes().status()).as("seed %d", seed).isEqualTo(Status.POTENTIAL_ISSUE_DETECTED);
            assertThat(s.get("modes").categoricalValues().status()).isEqualTo(Status.NO_ISSUE_DETECTED);
            assertThat(s.get("skewed").issues()).as("one skewed mode, seed %d", seed).isEmpty();

            assertThat(s.get("empty").dataExists()).isFalse();
            assertThat(s.get("empty").dataStartTime()).isNull();
            assertThat(s.get("empty").missingValues().count()).isEqualTo(ROWS);

            DataQualitySummary summary = report.dataQualitySummary();
            assertThat(summary.missingCompleteSensorData()).isEqualTo(1);
            assertThat(summary.missingSensorDataSensors()).isEqualTo(3);
            assertThat(summary.totalNumberOfMissingValues()).isEqualTo(10 + 2 * 144 + ROWS);
            assertThat(summary.sensorsWithShortDateRange()).isZero();
            assertThat(report.ingestedFilesSummary()).isEqualTo(new IngestedFilesSummary(1, 1, List.of()));
            assertThat(report.sensorsWithIssues()).extracting(SensorStatisticsSummary::sensorName)
                    .containsExactly("missing", "gappy", "counter", "draining", "static", "categorical", "modes", "empty");
        }
    }

    @Test
    void duplicateUnorderedAndBadTimestampsCountPerTable() {
        long[] t = {0, 60_000, 60_000, 180_000, 120_000, 240_000};
        TimeFrame f = TimeFrame.builder(t).column("a", new double[] {1, 2, 3, 4, 5, 6}).column("b", new double[] {1, 1, 2, 3, 5, 8}).build();
        QualitySource source = new QualitySource("press", "press.csv", f, Map.of("b", 2L), 3, 1);
        DataQualityReport report = DataQuality.assess(new QualityInput(List.of(source), 2,
                List.of(new DiscardedFile("notes.txt", "not a CSV file"))));
        SensorStatisticsSummary a = report.sensorStatisticsSummaries().get(0);
        long fileRows = 6 + 3 + 1;
        assertThat(a.duplicateTimestamps()).isEqualTo(new SensorStatisticsSummary.Count(1, 100.0 / fileRows));
        assertThat(a.unorderedTimestamps().count()).isEqualTo(1);
        assertThat(a.invalidDateEntries().count()).isEqualTo(4);
        assertThat(a.shortDateRange()).isEqualTo(Status.POTENTIAL_ISSUE_DETECTED);
        assertThat(a.signal()).isEqualTo("press\\a");
        SensorStatisticsSummary b = report.sensorStatisticsSummaries().get(1);
        assertThat(b.invalidValues().count()).isEqualTo(2);
        assertThat(b.missingValues().count()).isZero(); // the invalid cells are NaN in the frame, but not missing
        DataQualitySummary s = report.dataQualitySummary();
        assertThat(s.totalNumberOfDuplicateTimestamps()).isEqualTo(1);
        assertThat(s.totalNumberOfUnsupportedTimestamps()).isEqualTo(1);
        assertThat(s.invalidSensorDataSensors()).isEqualTo(1);
        assertThat(s.totalNumberOfInvalidValues()).isEqualTo(2);
        assertThat(s.sensorsWithShortDateRange()).isEqualTo(2);
        assertThat(report.ingestedFilesSummary().ingestedNumberOfFiles()).isEqualTo(1);
        assertThat(report.ingestedFilesSummary().discardedFiles()).containsExactly(new DiscardedFile("notes.txt", "not a CSV file"));
    }

    @Test
    void valuesAreJudgedInTimeOrderWithTheLastOfADuplicateKept() {
        // In file order the values rise and fall; in time order they only rise. The duplicate's last value (7) is kept.
        long[] t = {3, 1, 2, 0, 4, 4};
        double[] v = {3, 1, 2, 0, 9, 7};
        TimeFrame f = TimeFrame.builder(t).column("x", v).build();
        SensorStatisticsSummary x = DataQuality.assess(QualityInput.of(QualitySource.of("c", f))).sensorStatisticsSummaries().get(0);
        assertThat(x.monotonicValues().monotonicity()).isEqualTo(Monotonicity.INCREASING);
        assertThat(x.unorderedTimestamps().count()).isEqualTo(2);
        assertThat(x.duplicateTimestamps().count()).isEqualTo(1);
        assertThat(x.dataEndTime()).isEqualTo(Instant.ofEpochMilli(4));
    }

    @Test
    void thresholdsAreConfigurable() {
        TimeFrame f = defects(7);
        QualityThresholds loose = new QualityThresholds(Duration.ofDays(60), Duration.ofDays(3), 100, 0.999, 3, 1000, 10, 0.05, 2, 5000);
        Map<String, SensorStatisticsSummary> s = bySensor(DataQuality.assess(QualityInput.of(QualitySource.of("pump", f)), loose));
        assertThat(s.get("clean").shortDateRange()).isEqualTo(Status.POTENTIAL_ISSUE_DETECTED);
        assertThat(s.get("gappy").largeTimestampGaps().status()).isEqualTo(Status.NO_ISSUE_DETECTED);
        assertThat(s.get("counter").monotonicValues().status()).isEqualTo(Status.NO_ISSUE_DETECTED);
        assertThat(s.get("categorical").categoricalValues().status()).isEqualTo(Status.NO_ISSUE_DETECTED);
        assertThat(s.get("modes").multipleOperatingModes().status()).isEqualTo(Status.POTENTIAL_ISSUE_DETECTED);
    }

    @Test
    void twoModesNeedsWeightAndSeparation() {
        Random r = new Random(11);
        int n = 4000;
        double[] rare = new double[n];
        double[] close = new double[n];
        for (int i = 0; i < n; i++) {
            rare[i] = r.nextDouble() < 0.02 ? 10 + r.nextGaussian() : r.nextGaussian(); // a 2 % mode: below the weight
            close[i] = (r.nextBoolean() ? 1.5 : 0) + r.nextGaussian(); // means 1.5 σ apart: one broad mode
        }
        assertThat(DataQuality.twoModes(rare, n, QualityThresholds.DEFAULT)).isFalse();
        assertThat(DataQuality.twoModes(close, n, QualityThresholds.DEFAULT)).isFalse();
        QualityThresholds anyWeight = new QualityThresholds(Duration.ofDays(14), Duration.ofDays(1), 100, 0.95, 10, 1000, 10, 0.01, 2, 20_000);
        assertThat(DataQuality.twoModes(rare, n, anyWeight)).isTrue();
    }

    @Test
    void stableOrderSortsTiesInRowOrder() {
        long[] keys = {5, 1, 5, 0, 1, 9, 0};
        assertThat(DataQuality.stableOrder(keys)).containsExactly(3, 6, 1, 4, 0, 2, 5);
        Random r = new Random(3);
        long[] many = new long[1001];
        for (int i = 0; i < many.length; i++) {
            many[i] = r.nextInt(50);
        }
        int[] order = DataQuality.stableOrder(many);
        for (int i = 1; i < order.length; i++) {
            assertThat(many[order[i]] > many[order[i - 1]] || many[order[i]] == many[order[i - 1]] && order[i] > order[i - 1]).isTrue();
        }
    }

    @Test
    void anEmptyTableReportsItsSensorsWithoutData() {
        TimeFrame f = TimeFrame.builder(new long[0]).column("a", new double[0]).build();
        SensorStatisticsSummary a = DataQuality.assess(new QualityInput(List.of(new QualitySource("c", "c.csv", f, Map.of(), 5, 0)), 1,
                List.of())).sensorStatisticsSummaries().get(0);
        assertThat(a.dataExists()).isFalse();
        assertThat(a.invalidDateEntries()).isEqualTo(new SensorStatisticsSummary.Count(5, 100));
        assertThat(a.issues()).containsExactly("no values at all", "5 rows with a bad timestamp (100 %)");
    }

    @Test
    void theJobLogGetsOneWarningPerSignalWithAnIssueAndEachDiscardedFile() {
        TimeFrame f = defects(11);
        DataQualityReport report = DataQuality.assess(new QualityInput(List.of(QualitySource.of("line", f)), 2,
                List.of(new DiscardedFile("notes.txt", "not a CSV file"))));
        dev.vigil.spi.log.JobLog log = new dev.vigil.spi.log.JobLog();
        DataQuality.log(report, log);
        List<String> warnings = log.entries().stream().filter(e -> e.messageType() == dev.vigil.spi.log.MessageType.Warning)
                .map(dev.vigil.spi.log.LogEntry::message).toList();
        assertThat(warnings).hasSize(report.sensorsWithIssues().size() + 1)
                .contains("Left out notes.txt: not a CSV file.")
                .anyMatch(m -> m.startsWith("'line\\static': ") && m.contains("static (one value)"))
                .noneMatch(m -> m.startsWith("'line\\clean'"));
        assertThat(log.entries().get(0).message()).startsWith("Checked 10 signals in 1 of 2 files: ");
    }
}
