package dev.vigil.io.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelRangesTest {
    @TempDir
    Path dir;

    private final JobLog log = new JobLog();

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("labels.csv"), content);
    }

    private static long t(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void lookoutsHeaderlessFileWithMicrosecondsAndSpaceSeparatedTimestampsIsRead() throws IOException {
        LabelRanges r = LabelRanges.read(file("2015-01-10T10:00:00.000000,2015-01-10T20:00:00.000000\n"
                + "2015-02-01 00:00:00,2015-02-02 00:00:00\n"), ZoneOffset.UTC, log);
        assertThat(r.ranges()).containsExactly(new LabelRange(t("2015-01-10T10:00:00Z"), t("2015-01-10T20:00:00Z"), ""),
                new LabelRange(t("2015-02-01T00:00:00Z"), t("2015-02-02T00:00:00Z"), ""));
    }

    @Test
    void aHeaderAndLabelsAreReadAndLinesOutOfOrderSorted() throws IOException {
        LabelRanges r = LabelRanges.read(file("start,end,label\n2024-03-01T00:00:00Z,2024-03-02T00:00:00Z,bearing\n"
                + "2024-01-01T00:00:00Z,2024-01-01T06:00:00Z,seal\n"), ZoneOffset.UTC, log);
        assertThat(r.ranges()).extracting(LabelRange::label).containsExactly("seal", "bearing");
        assertThat(log.entries()).extracting(LogEntry::message).anyMatch(m -> m.startsWith("Sorted the 2 ranges"));
    }

    @Test
    void overlappingRangesAreMergedWithTheirLabelsAndTheLinesNamed() throws IOException {
        LabelRanges r = LabelRanges.read(file("start,end,label\n2024-01-01T00:00:00Z,2024-01-01T10:00:00Z,a\n"
                + "2024-01-01T05:00:00Z,2024-01-01T12:00:00Z,b\n2024-01-01T12:00:00Z,2024-01-01T13:00:00Z,a\n"
                + "2024-01-02T00:00:00Z,2024-01-02T01:00:00Z,c\n"), ZoneOffset.UTC, log);
        assertThat(r.ranges()).containsExactly(new LabelRange(t("2024-01-01T00:00:00Z"), t("2024-01-01T13:00:00Z"), "a+b"),
                new LabelRange(t("2024-01-02T00:00:00Z"), t("2024-01-02T01:00:00Z"), "c"));
        assertThat(log.entries()).extracting(LogEntry::message).anyMatch(m -> m.contains("Merged") && m.contains("lines [2, 3, 4]"));
    }

    @Test
    void aRangeEndingBeforeItStartsIsRefusedNamingTheLine() throws IOException {
        Path p = file("start,end\n2024-01-01T00:00:00Z,2024-01-01T01:00:00Z\n2024-01-05T00:00:00Z,2024-01-04T00:00:00Z\n");
        assertThatThrownBy(() -> LabelRanges.read(p, ZoneOffset.UTC, log)).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA)).hasMessageContaining(p + " line 3")
                .hasMessageContaining("ends ('2024-01-04T00:00:00Z', column 'end') before it starts");
    }

    @Test
    void badTimestampsAndLinesOfTheWrongWidthAreRefused() throws IOException {
        Path bad = file("2024-01-01T00:00:00Z,soon\n");
        assertThatThrownBy(() -> LabelRanges.read(bad, ZoneOffset.UTC, log)).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_TIMESTAMP)).hasMessageContaining("line 1, column 'end': 'soon'");
        Path wide = file("start,end\n2024-01-01T00:00:00Z,2024-01-02T00:00:00Z,x\n");
        assertThatThrownBy(() -> LabelRanges.read(wide, ZoneOffset.UTC, log)).hasMessageContaining("line 2 has 3 fields");
        Path empty = file("start,end\n");
        assertThatThrownBy(() -> LabelRanges.read(empty, ZoneOffset.UTC, log)).hasMessageContaining("no range");
    }

    @Test
    void theMaskFlagsRowsInsideRangesBothEndsIncludedAndFromFlagsInvertsIt() {
        long[] times = new long[20];
        for (int i = 0; i < times.length; i++) {
            times[i] = i * 1000L;
        }
        LabelRanges r = new LabelRanges("x", java.util.List.of(new LabelRange(3000, 5000, ""), new LabelRange(9500, 12000, ""),
                new LabelRange(19000, 19000, "")));
        boolean[] mask = r.mask(times);
        for (int i = 0; i < times.length; i++) {
            assertThat(mask[i]).as("row " + i).isEqualTo(i >= 3 && i <= 5 || i >= 10 && i <= 12 || i == 19);
        }
        assertThat(LabelRanges.fromFlags("x", times, mask).ranges()).containsExactly(new LabelRange(3000, 5000, ""),
                new LabelRange(10000, 12000, ""), new LabelRange(19000, 19000, ""));
        assertThat(r.within(4000, 10000).ranges()).containsExactly(new LabelRange(4000, 5000, ""), new LabelRange(9500, 10000, ""));
    }

    @Test
    void periodsAreReadFromLookoutsTimeRangesAndMustNotOverlap() throws IOException {
        Path p = Files.writeString(dir.resolve("timeranges.txt"), "2024-01-01 00:00:00\n2024-02-01 00:00:00\n\n"
                + "2024-02-01 00:00:01\n2024-03-01 00:00:00\n");
        Periods periods = Periods.read(p, ZoneOffset.UTC);
        assertThat(periods.training()).isEqualTo(new Periods.Period(t("2024-01-01T00:00:00Z"), t("2024-02-01T00:00:00Z")));
        assertThat(periods.evaluationPeriod()).contains(new Periods.Period(t("2024-02-01T00:00:01Z"), t("2024-03-01T00:00:00Z")));
        assertThat(periods.training().mask(new long[] {t("2023-12-31T00:00:00Z"), t("2024-01-15T00:00:00Z")})).containsExactly(false, true);

        Path overlapping = Files.writeString(dir.resolve("o.txt"), "2024-01-01\n2024-02-01\n2024-01-15\n2024-03-01\n");
        assertThatThrownBy(() -> Periods.read(overlapping, ZoneOffset.UTC)).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION)).hasMessageContaining("overlap");
        Path three = Files.writeString(dir.resolve("t.txt"), "2024-01-01\n2024-02-01\n2024-01-15\n");
        assertThatThrownBy(() -> Periods.read(three, ZoneOffset.UTC)).hasMessageContaining("holds 3 timestamps");
        Path reversed = Files.writeString(dir.resolve("r.txt"), "2024-02-01\n2024-01-01\n");
        assertThatThrownBy(() -> Periods.read(reversed, ZoneOffset.UTC)).hasMessageContaining(reversed.toString())
                .hasMessageContaining("ends");
    }

    @Test
    void rangesThatNeverOverlapTheDataAreWarnedAboutWithBothSpans() {
        LabelRanges r = new LabelRanges("labels.csv", List.of(new LabelRange(t("2024-01-05T00:00:00Z"), t("2024-01-06T00:00:00Z"), ""),
                new LabelRange(t("2024-01-20T00:00:00Z"), t("2024-01-21T00:00:00Z"), "")));
        JobLog quiet = new JobLog();
        assertThat(r.overlapsData(new long[] {t("2024-01-20T12:00:00Z"), t("2024-03-01T00:00:00Z")}, quiet)).isTrue();
        assertThat(quiet.entries()).isEmpty();
        JobLog warned = new JobLog();
        assertThat(r.overlapsData(new long[] {t("2024-03-02T00:00:00Z"), t("2024-03-01T00:00:00Z")}, warned)).isFalse();
        assertThat(warned.entries()).singleElement().satisfies(e -> assertThat(e.message()).contains("No labelled range of labels.csv overlaps "
                + "the data's time range (data: 2024-03-01T00:00:00Z to 2024-03-02T00:00:00Z; labels: 2024-01-05T00:00:00Z to 2024-01-21T00:00:00Z)"));
    }
}
