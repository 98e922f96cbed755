package dev.vigil.spi.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeFrameTest {
    static TimeFrame frame(long[] t, double[]... columns) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.length; i++) {
            m.put("c" + i, columns[i]);
        }
        return TimeFrame.of(t, m);
    }

    @Test
    void samplingPeriodIsTheMostCommonStep() {
        TimeFrame f = frame(new long[] {0, 1000, 2000, 4000, 5000, 5000, 9000}, new double[7]);
        assertThat(f.samplingPeriod()).contains(Duration.ofSeconds(1));
        assertThat(f.isStrictlyIncreasing()).isFalse();
        assertThat(f.isRegular()).isFalse();
    }

    @Test
    void samplingPeriodOfUnsortedDataIsMeasuredInTimeOrder() {
        TimeFrame f = frame(new long[] {3000, 0, 9000, 6000, 12000}, new double[5]);
        assertThat(f.samplingPeriodMillis()).isEqualTo(3000);
    }

    @Test
    void samplingPeriodBreaksTiesTowardsTheSmallerStep() {
        TimeFrame f = frame(new long[] {0, 2, 4, 7, 10, 20}, new double[6]);
        // steps 2,2,3,3,10 -> tie between 2 and 3
        assertThat(f.samplingPeriodMillis()).isEqualTo(2);
    }

    @Test
    void noSamplingPeriodWithFewerThanTwoDistinctTimestamps() {
        assertThat(frame(new long[] {5}, new double[1]).samplingPeriod()).isEmpty();
        assertThat(frame(new long[] {5, 5}, new double[2]).samplingPeriod()).isEmpty();
    }

    @Test
    void regularMeansEveryStepIsOnePeriod() {
        assertThat(frame(new long[] {0, 10, 20, 30}, new double[4]).isRegular()).isTrue();
        assertThat(frame(new long[] {0, 10, 30, 40}, new double[4]).isRegular()).isFalse();
    }

    @Test
    void inputArraysAreCopiedAndOutputsAreCopies() {
        long[] t = {0, 1, 2};
        double[] v = {1, 2, 3};
        TimeFrame f = frame(t, v);
        t[0] = 99;
        v[0] = 99;
        assertThat(f.time(0)).isZero();
        assertThat(f.value(0, 0)).isEqualTo(1);
        f.values("c0")[1] = 42;
        f.times()[1] = 42;
        assertThat(f.value(0, 1)).isEqualTo(2);
        assertThat(f.time(1)).isEqualTo(1);
    }

    @Test
    void derivedFramesLeaveTheOriginalUntouched() {
        TimeFrame f = frame(new long[] {0, 1, 2, 3}, new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8});
        TimeFrame s = f.slice(1, 3);
        assertThat(s.rows()).isEqualTo(2);
        assertThat(s.column("c1").toArray()).containsExactly(6, 7);
        TimeFrame w = f.withColumn("c0", new double[] {0, 0, 0, 0});
        assertThat(w.column("c0").toArray()).containsOnly(0);
        assertThat(f.column("c0").toArray()).containsExactly(1, 2, 3, 4);
        TimeFrame added = f.withColumn("new", new double[] {9, 9, 9, 9});
        assertThat(added.columnNames()).containsExactly("c0", "c1", "new");
        assertThat(f.columnNames()).containsExactly("c0", "c1");
        assertThat(f.select(List.of("c1")).columnNames()).containsExactly("c1");
        assertThat(f.without(List.of("c0")).columnNames()).containsExactly("c1");
        assertThat(f.rows(new int[] {3, 0}).column("c0").toArray()).containsExactly(4, 1);
    }

    @Test
    void unknownColumnNamesTheSourceAndTheKnownColumns() {
        TimeFrame f = TimeFrame.builder(new long[] {0, 1}).column("Output", new double[2]).column("Pressure", new double[2])
                .source("line.csv").build();
        assertThatThrownBy(() -> f.column("Outpt"))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN))
                .hasMessage("line.csv: unknown column 'Outpt'; did you mean 'Output'? known: Output, Pressure");
    }

    @Test
    void duplicateColumnNamesAreRefused() {
        assertThatThrownBy(() -> TimeFrame.builder(new long[] {0}).column("a", new double[1]).column("a", new double[1]).build())
                .isInstanceOf(VigilException.class).hasMessageContaining("'a' appears twice");
    }

    @Test
    void columnLengthMustMatchTimestamps() {
        assertThatThrownBy(() -> TimeFrame.builder(new long[] {0, 1}).column("a", new double[3]).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsMissingValues() {
        TimeFrame f = frame(new long[] {0, 1, 2}, new double[] {Double.NaN, 1, Double.NaN});
        assertThat(f.missing("c0")).isEqualTo(2);
    }

    @Test
    void indexOfFindsTimestampsInIncreasingFrames() {
        TimeFrame f = frame(new long[] {0, 10, 20}, new double[3]);
        assertThat(f.indexOf(10)).isEqualTo(1);
        assertThat(f.indexOf(15)).isEqualTo(-3);
        TimeFrame unsorted = frame(new long[] {10, 0}, new double[2]);
        assertThatThrownBy(() -> unsorted.indexOf(0)).isInstanceOf(VigilException.class);
    }
}
