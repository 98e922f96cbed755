package dev.vigil.core.prepare;

import dev.vigil.spi.frame.TimeFrame;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FrameSummaryTest {
    @Test
    void countsDuplicatesGapsDisorderAndMissingValues() {
        long[] t = {0, 1000, 1000, 3000, 2000, 4000, 9000};
        TimeFrame f = TimeFrame.builder(t)
                .column("a", new double[] {1, Double.NaN, 2, 3, 4, 5, 6})
                .column("b", new double[7])
                .build();
        FrameSummary s = FrameSummary.of(f);
        assertThat(s.rows()).isEqualTo(7);
        assertThat(s.columns()).containsExactly("a", "b");
        assertThat(s.firstTimestamp()).isEqualTo(Instant.EPOCH);
        assertThat(s.lastTimestamp()).isEqualTo(Instant.ofEpochSecond(9));
        assertThat(s.samplingPeriod()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.duplicateTimestamps()).isEqualTo(1);
        assertThat(s.unorderedRows()).isEqualTo(1);
        assertThat(s.gaps()).isEqualTo(1);
        assertThat(s.largestGap()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.missing()).containsExactly(org.assertj.core.api.Assertions.entry("a", 1), org.assertj.core.api.Assertions.entry("b", 0));
        assertThat(s.totalMissing()).isEqualTo(1);
    }

    @Test
    void regularDataHasNoGaps() {
        FrameSummary s = FrameSummary.of(TimeFrame.builder(new long[] {0, 60_000, 120_000}).column("a", new double[3]).build());
        assertThat(s.gaps()).isZero();
        assertThat(s.largestGap()).isNull();
        assertThat(s.samplingPeriod()).isEqualTo(Duration.ofMinutes(1));
    }
}
