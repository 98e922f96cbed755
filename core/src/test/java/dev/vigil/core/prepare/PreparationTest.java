package dev.vigil.core.prepare;

import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.spi.log.MessageType;
import dev.vigil.spi.settings.Aggregation;
import dev.vigil.spi.settings.BaseUnit;
import dev.vigil.spi.settings.DataSettings;
import dev.vigil.spi.settings.Imputation;
import dev.vigil.spi.settings.ImputationType;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.spi.settings.TimeScale;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreparationTest {
    private static final double NaN = Double.NaN;
    private final JobLog log = new JobLog();

    private static TimeFrame frame(long[] t, double[] a) {
        return TimeFrame.builder(t).column("a", a).source("test.csv").build();
    }

    private List<String> messages(MessageType type) {
        return log.entries().stream().filter(e -> e.messageType() == type).map(LogEntry::message).toList();
    }

    @Test
    void sortsAndKeepsTheLastRowOfEachTimestamp() {
        TimeFrame raw = frame(new long[] {3000, 1000, 2000, 2000, 1000}, new double[] {3, 1, 20, 21, 11});
        TimeFrame f = Preparation.sortAndDeduplicate(raw, log);
        assertThat(f.times()).containsExactly(1000, 2000, 3000);
        assertThat(f.column("a").toArray()).containsExactly(11, 21, 3);
        assertThat(messages(MessageType.Warning)).containsExactly(
                "Rows of test.csv were not in time order; sorted them by timestamp (the first out of order: row 2, "
                        + "1970-01-01T00:00:01Z, after 1970-01-01T00:00:03Z).",
                "Removed 2 rows with a duplicate timestamp, keeping the last row of each (first duplicate: 1970-01-01T00:00:01Z).");
        // the input is untouched
        assertThat(raw.times()).containsExactly(3000, 1000, 2000, 2000, 1000);
    }

    @Test
    void aValueBeyondWhatVigilModelsIsRefusedWithItsRowTimestampAndColumn() {
        TimeFrame raw = frame(new long[] {1000, 2000, 3000}, new double[] {1, -1e51, 1e50});
        assertThatThrownBy(() -> Preparation.requireModelable(raw)).isInstanceOf(VigilException.class)
                .hasFieldOrPropertyWithValue("code", ErrorCode.BAD_VALUE)
                .hasMessageStartingWith("test.csv row 2 (1970-01-01T00:00:02Z), column 'a': -1.0E51 is beyond ±1e50");
        Preparation.requireModelable(frame(new long[] {1000, 2000}, new double[] {1e50, -4.9e-324})); // the bound itself, and subnormals
    }

    @Test
    void aCountOfUnitsBeyondALongSelectsEveryRowRatherThanWrappingRound() {
        TimeFrame f = frame(new long[] {1000, 2000, 3000}, new double[] {1, 2, 3});
        for (RowSelection s : List.of(RowSelection.first(999_999_999_999_999_999L, RowUnit.Day),
                RowSelection.last(999_999_999_999_999_999L, RowUnit.Day), RowSelection.last(Long.MAX_VALUE, RowUnit.Second))) {
            assertThat(Preparation.select(f, s).count()).as(s.toString()).isEqualTo(3);
        }
    }

    @Test
    void sortedDataWithDuplicatesIsNotReportedAsUnsorted() {
        TimeFrame f = Preparation.sortAndDeduplicate(frame(new long[] {1, 2, 2, 3}, new double[] {1, 2, 3, 4}), log);
        assertThat(f.column("a").toArray()).containsExactly(1, 3, 4);
        assertThat(messages(MessageType.Warning)).hasSize(1).first().asString().startsWith("Removed 1 row ");
    }

    @Test
    void increasingDataIsReturnedAsIs() {
        TimeFrame raw = frame(new long[] {1, 2, 3}, new double[3]);
        assertThat(Preparation.sortAndDeduplicate(raw, log)).isSameAs(raw);
        assertThat(log.entries()).isEmpty();
    }

    @Test
    void stableOrderKeepsEqualKeysInInputOrder() {
        long[] keys = new long[1000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (i * 7919L) % 13;
        }
        int[] order = Preparation.stableOrder(keys);
        for (int i = 1; i < order.length; i++) {
            assertThat(keys[order[i]]).isGreaterThanOrEqualTo(keys[order[i - 1]]);
            if (keys[order[i]] == keys[order[i - 1]]) {
                assertThat(order[i]).isGreaterThan(order[i - 1]);
            }
        }
    }

    @Test
    void regularizeInsertsMissingGridTimestampsAsEmptyRows() {
        TimeFrame f = Preparation.regularize(frame(new long[] {0, 1000, 3000, 4000, 7000}, new double[] {0, 1, 3, 4, 7}), log);
        assertThat(f.times()).containsExactly(0, 1000, 2000, 3000, 4000, 5000, 6000, 7000);
        assertThat(f.column("a").toArray()).containsExactly(0, 1, NaN, 3, 4, NaN, NaN, 7);
        assertThat(f.isRegular()).isTrue();
        assertThat(messages(MessageType.Info)).containsExactly(
                "Inserted 3 missing timestamps of the 1 second grid as rows without values; the largest gap was 3 seconds.");
    }

    @Test
    void irregularTimestampsAreLeftAloneWithAWarning() {
        TimeFrame raw = frame(new long[] {0, 1000, 2000, 2500, 3500}, new double[5]);
        assertThat(Preparation.regularize(raw, log)).isSameAs(raw);
        assertThat(messages(MessageType.Warning)).singleElement().asString().contains("not on a regular grid of 1 second")
                .contains("Set timeScale");
    }

    @Test
    void hugeGridsAreNotBuilt() {
        TimeFrame raw = frame(new long[] {0, 1, 2, 1_000_000}, new double[4]);
        assertThat(Preparation.regularize(raw, log)).isSameAs(raw);
        assertThat(messages(MessageType.Warning)).singleElement().asString().contains("long gaps");
    }

    @Test
    void resamplesIntoBinsLabelledByTheirStart() {
        long[] t = {5_000, 12_000, 15_000, 19_000, 41_000};
        double[] a = {1, 2, NaN, 6, 10};
        TimeFrame raw = TimeFrame.builder(t).column("a", a).column("label", new double[] {0, 1, 0, 0, 0}).build();
        TimeScale tenSeconds = new TimeScale(BaseUnit.Second, 10);
        TimeFrame mean = Preparation.resample(raw, tenSeconds, Aggregation.Mean, Set.of("label"), log);
        assertThat(mean.times()).containsExactly(0, 10_000, 20_000, 30_000, 40_000);
        assertThat(mean.column("a").toArray()).containsExactly(1, 4, NaN, NaN, 10);
        assertThat(mean.column("label").toArray()).containsExactly(0, 1, NaN, NaN, 0);
        assertThat(mean.samplingPeriodMillis()).isEqualTo(10_000);
        assertThat(Preparation.resample(raw, tenSeconds, Aggregation.Sum, Set.of(), log).column("a").toArray())
                .containsExactly(1, 8, NaN, NaN, 10);
        assertThat(Preparation.resample(raw, tenSeconds, Aggregation.Minimum, Set.of(), log).column("a").toArray())
                .containsExactly(1, 2, NaN, NaN, 10);
        assertThat(Preparation.resample(raw, tenSeconds, Aggregation.Maximum, Set.of(), log).column("a").toArray())
                .containsExactly(1, 6, NaN, NaN, 10);
        assertThat(messages(MessageType.Info).get(0))
                .isEqualTo("Resampled 5 rows to 5 rows of 10 seconds by Mean (label by Maximum); 2 bins have no data.");
    }

    @Test
    void dailyBinsFollowTheFramesTimeZone() {
        ZoneId brussels = ZoneId.of("Europe/Brussels");
        long t1 = Instant.parse("2024-01-01T23:30:00Z").toEpochMilli(); // 00:30 local on Jan 2
        long t2 = Instant.parse("2024-01-02T22:30:00Z").toEpochMilli(); // 23:30 local on Jan 2
        TimeFrame raw = TimeFrame.builder(new long[] {t1, t2}).column("a", new double[] {1, 3}).zone(brussels).build();
        TimeFrame f = Preparation.resample(raw, new TimeScale(BaseUnit.Day, 1), Aggregation.Mean, Set.of(), log);
        assertThat(f.rows()).isEqualTo(1);
        assertThat(f.instant(0)).isEqualTo(Instant.parse("2024-01-01T23:00:00Z"));
        assertThat(f.value(0, 0)).isEqualTo(2);
    }

    @Test
    void linearImputationFillsShortInnerGapsInTime() {
        long[] t = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        double[] a = {NaN, 0, NaN, NaN, 3, NaN, NaN, NaN, 7};
        TimeFrame f = Preparation.impute(frame(t, a), new Imputation(ImputationType.Linear, 2), Set.of(), log);
        assertThat(f.column("a").toArray()).containsExactly(NaN, 0, 1, 2, 3, NaN, NaN, NaN, 7);
        assertThat(messages(MessageType.Info)).containsExactly(
                "Imputed 2 missing values (Linear, gaps of up to 2 samples) in column a.",
                "4 missing values stay missing (gaps longer than 2 samples, or at an end) in column a.");
    }

    @Test
    void locfCarriesTheLastValueForwardIncludingAtTheEnd() {
        long[] t = {0, 1, 2, 3, 4, 5};
        double[] a = {NaN, 1, NaN, 2, NaN, NaN};
        TimeFrame f = Preparation.impute(frame(t, a), new Imputation(ImputationType.LOCF, 2), Set.of(), log);
        assertThat(f.column("a").toArray()).containsExactly(NaN, 1, 1, 2, 2, 2);
    }

    @Test
    void imputationLeavesFlagColumnsAndTheInputAlone() {
        double[] a = {1, NaN, 3};
        TimeFrame raw = TimeFrame.builder(new long[] {0, 1, 2}).column("a", a).column("label", new double[] {0, NaN, 1}).build();
        TimeFrame f = Preparation.impute(raw, Imputation.DEFAULT, Set.of("label"), log);
        assertThat(f.column("a").toArray()).containsExactly(1, 2, 3);
        assertThat(f.column("label").get(1)).isNaN();
        assertThat(raw.column("a").get(1)).isNaN();
    }

    @Test
    void noImputationReturnsTheFrame() {
        TimeFrame raw = frame(new long[] {0, 1, 2}, new double[] {1, NaN, 3});
        assertThat(Preparation.impute(raw, Imputation.NONE, Set.of(), log)).isSameAs(raw);
    }

    @Test
    void selectsFirstAndLastSamplesAndTimeSpans() {
        long[] t = new long[10];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * 60_000L; // one per minute
        }
        TimeFrame f = frame(t, new double[10]);
        assertThat(Preparation.select(f, RowSelection.first(4, RowUnit.Sample))).isEqualTo(RowSet.range(0, 4));
        assertThat(Preparation.select(f, RowSelection.last(3, RowUnit.Sample))).isEqualTo(RowSet.range(7, 10));
        assertThat(Preparation.select(f, RowSelection.first(100, RowUnit.Sample))).isEqualTo(RowSet.range(0, 10));
        assertThat(Preparation.select(f, RowSelection.first(5, RowUnit.Minute))).isEqualTo(RowSet.range(0, 5));
        assertThat(Preparation.select(f, RowSelection.last(2, RowUnit.Minute))).isEqualTo(RowSet.range(8, 10));
        assertThat(Preparation.select(f, RowSelection.all())).isEqualTo(RowSet.range(0, 10));
    }

    @Test
    void selectsInclusiveRanges() {
        long[] t = new long[10];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * 1000L;
        }
        TimeFrame f = frame(t, new double[10]);
        RowSelection ranges = RowSelection.ranges(List.of(
                new RowSelection.TimeRange(Instant.ofEpochMilli(1000), Instant.ofEpochMilli(3000)),
                new RowSelection.TimeRange(Instant.ofEpochMilli(7500), Instant.ofEpochMilli(20_000))));
        assertThat(Preparation.select(f, ranges).toArray()).containsExactly(1, 2, 3, 8, 9);
    }

    @Test
    void prepareRunsEveryStepAndLogsTheSamplingPeriod() {
        long[] t = {0, 1000, 1000, 3000, 4000};
        double[] a = {0, 5, 1, 3, 4};
        TimeFrame f = Preparation.prepare(frame(t, a), DataSettings.DEFAULT, log);
        assertThat(f.times()).containsExactly(0, 1000, 2000, 3000, 4000);
        assertThat(f.column("a").toArray()).containsExactly(0, 1, 2, 3, 4);
        assertThat(log.entries()).extracting(LogEntry::message).contains("Used sampling period 1 second.");
    }

    @Test
    void prepareResamplesWhenATimeScaleIsGiven() {
        long[] t = {0, 1000, 2000, 3000};
        DataSettings data = new DataSettings(RowSelection.all(), List.of(), null, null, null, Imputation.NONE,
                new TimeScale(BaseUnit.Second, 2), Aggregation.Sum);
        TimeFrame f = Preparation.prepare(frame(t, new double[] {1, 2, 3, 4}), data, log);
        assertThat(f.column("a").toArray()).containsExactly(3, 7);
        assertThat(log.entries()).extracting(LogEntry::message).contains("Used sampling period 2 seconds.");
    }

    @Test
    void prepareRefusesEmptyAndSingleTimestampData() {
        assertThatThrownBy(() -> Preparation.prepare(frame(new long[0], new double[0]), DataSettings.DEFAULT, log))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_DATA))
                .hasMessage("test.csv has no rows");
        assertThatThrownBy(() -> Preparation.prepare(frame(new long[] {5, 5}, new double[2]), DataSettings.DEFAULT, log))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_DATA))
                .hasMessageContaining("test.csv has a single distinct timestamp");
    }
}
