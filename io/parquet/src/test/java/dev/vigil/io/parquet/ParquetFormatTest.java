package dev.vigil.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.io.DataFiles;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.spi.log.MessageType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetFormatTest {
    @TempDir
    Path dir;

    private final ParquetFormat parquet = new ParquetFormat();
    private final JobLog log = new JobLog();

    /** The type of a column as Vigil describes it in messages, from the file's footer. */
    static String describe(Path file, String column) {
        try (ParquetFileReader reader = ParquetFiles.open(file, file.toString())) {
            return ParquetField.of(reader.getFooter().getFileMetaData().getSchema().getType(column)).description();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long t(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void discoveredForTheParquetExtension() {
        DataFiles files = DataFiles.discover();
        assertThat(files.formatOf(Path.of("a.parquet"))).isInstanceOf(ParquetFormat.class);
        assertThat(files.formatOf(Path.of("dir/B.PARQUET"))).isInstanceOf(ParquetFormat.class);
        assertThat(parquet.name()).isEqualTo("Parquet");
    }

    @Test
    void writeThenReadGivesTheSameFrameBitForBit() {
        long[] time = {t("2019-03-06T10:52:33.250Z"), t("1969-07-20T20:17:40Z"), t("2019-03-06T10:52:33.250Z"), 0, Long.MAX_VALUE / 1000};
        double[] awkward = {-0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1e-300, 0.1 + 0.2};
        double[] gappy = {Double.NaN, 1, Double.NaN, -2.5, Double.NaN};
        TimeFrame frame = TimeFrame.builder(time).column("z last", awkward).column("a first", gappy).build();
        Path file = dir.resolve("sub/dir/frame.parquet");

        parquet.write(frame, file);
        TimeFrame back = parquet.read(file, ReadOptions.DEFAULT, log);

        assertThat(back.times()).containsExactly(time);
        assertThat(back.columnNames()).containsExactly("z last", "a first");
        for (String c : frame.columnNames()) {
            assertThat(Arrays.stream(back.column(c).toArray()).mapToLong(Double::doubleToRawLongBits))
                    .containsExactlyElementsOf(Arrays.stream(frame.column(c).toArray()).mapToLong(Double::doubleToRawLongBits).boxed().toList());
        }
        assertThat(back.source()).isEqualTo(file.toString());
        assertThat(log.entries()).singleElement().extracting(LogEntry::message).asString()
                .isEqualTo("Read 5 rows and 2 value columns from " + file + " (timestamps in column 'timestamp', "
                        + "INT64 TIMESTAMP(MILLIS,true)).");
    }

    @Test
    void writesATimestampInstantColumnThenOptionalDoubles() throws IOException {
        TimeFrame frame = TimeFrame.builder(new long[] {0, 1000}).column("kpi", new double[] {1, Double.NaN})
                .column("anomaly_code", new double[] {0, 1}).build();
        Path file = dir.resolve("table.parquet");
        parquet.write(frame, file);
        try (ParquetFileReader reader = ParquetFiles.open(file, file.toString())) {
            assertThat(reader.getFooter().getFileMetaData().getSchema().toString()).isEqualToIgnoringNewLines("message vigil {"
                    + "  required int64 timestamp (TIMESTAMP(MILLIS,true));"
                    + "  optional double kpi;"
                    + "  optional double anomaly_code;"
                    + "}");
            assertThat(reader.getRecordCount()).isEqualTo(2);
        }
    }

    @Test
    void replacesAFileAtomicallyAndLeavesNothingBehind() throws IOException {
        Path file = dir.resolve("out.parquet");
        parquet.write(TimeFrame.builder(new long[] {0}).column("v", new double[] {1}).build(), file);
        parquet.write(TimeFrame.builder(new long[] {0, 1}).column("w", new double[] {2, 3}).build(), file);
        assertThat(parquet.read(file, ReadOptions.DEFAULT, log).columnNames()).containsExactly("w");
        byte[] before = Files.readAllBytes(file);

        TimeFrame clash = TimeFrame.builder(new long[] {0}).column("timestamp", new double[] {1}).build();
        assertThatThrownBy(() -> parquet.write(clash, file)).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION)).hasMessage("Cannot write " + file
                + ": the frame has a value column named 'timestamp', the name of the timestamp column Vigil writes; rename that column");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void readingLeavesTheFileUntouched() throws IOException {
        Path file = dir.resolve("in.parquet");
        parquet.write(TimeFrame.builder(new long[] {0, 1}).column("v", new double[] {1, 2}).build(), file);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000_000L));
        byte[] before = Files.readAllBytes(file);
        parquet.read(file, ReadOptions.DEFAULT, log);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(1_000_000_000_000L);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void int96TimestampsAreUtcInstants() throws IOException {
        // 2019-03-06T10:52:33.250Z: Julian day 2458549, 39,153.25 s into the day
        long nanosOfDay = 39_153_250_000_000L;
        Path file = ExampleFiles.write(dir.resolve("int96.parquet"), "message m { required int96 ts; required double v; }", 3,
                (g, r) -> g.append("ts", int96(2_458_549 + r, nanosOfDay + 999_999)).append("v", (double) r));
        TimeFrame f = parquet.read(file, ReadOptions.DEFAULT, log);
        assertThat(f.times()).containsExactly(t("2019-03-06T10:52:33.250Z"), t("2019-03-07T10:52:33.250Z"), t("2019-03-08T10:52:33.250Z"));
        assertThat(log.entries().get(0).message()).contains("INT96, read as UTC, cut to milliseconds");
    }

    static Binary int96(int julianDay, long nanosOfDay) {
        byte[] b = new byte[12];
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(nanosOfDay).putInt(julianDay);
        return Binary.fromConstantByteArray(b);
    }

    @Test
    void aTimestampTypedColumnWinsOverTextThatLooksLikeDates() throws IOException {
        Path file = ExampleFiles.write(dir.resolve("two.parquet"), "message m { required binary label (STRING); "
                + "required binary created (STRING); required int64 at (TIMESTAMP(MILLIS,true)); required double v; }", 2,
                (g, r) -> g.append("label", "x").append("created", "2001-01-01 00:00:00").append("at", 60_000L * r).append("v", 1.0));
        TimeFrame f = parquet.read(file, ReadOptions.DEFAULT, log);
        assertThat(f.times()).containsExactly(0, 60_000);
        assertThat(log.entries()).filteredOn(e -> e.messageType() == MessageType.Warning).singleElement()
                .extracting(LogEntry::message).asString().isEqualTo("Dropped 2 non-numeric columns of " + file
                        + ": 'label' BINARY STRING, 'created' BINARY STRING. Name a column as KPI or influencer to have it checked instead.");
    }

    @Test
    void otherwiseTheFirstTextColumnHoldingDateTimes() throws IOException {
        Path file = ExampleFiles.write(dir.resolve("text.parquet"), "message m { optional binary state (STRING); "
                + "optional binary when (STRING); optional int32 v; optional int64 at_time (TIME(MICROS,true)); }", 3,
                (g, r) -> {
                    if (r > 0) {
                        g.append("state", "RUNNING");
                    }
                    g.append("when", "2020-02-29T23:59:0" + r + "+01:00").append("v", r).append("at_time", 1L);
                });
        TimeFrame f = parquet.read(file, ReadOptions.DEFAULT, log);
        assertThat(f.times()).containsExactly(t("2020-02-29T22:59:00Z"), t("2020-02-29T22:59:01Z"), t("2020-02-29T22:59:02Z"));
        assertThat(f.columnNames()).containsExactly("v");
        assertThat(log.entries().get(0).message()).endsWith("(timestamps in column 'when', ISO 8601 text, local times read in Z).");
        assertThat(log.entries().get(1).message()).contains("'state' BINARY STRING, 'at_time' INT64 TIME(MICROS,true)");
    }

    @Test
    void aRequiredColumnMustExistAndBeNumeric() throws IOException {
        Path file = ExampleFiles.write(dir.resolve("req.parquet"), "message m { required int64 ts (TIMESTAMP(MICROS,true)); "
                + "required binary state (STRING); required double Output; }", 2,
                (g, r) -> g.append("ts", 1000L * r).append("state", "on").append("Output", 1.0));
        assertThatThrownBy(() -> parquet.read(file, ReadOptions.DEFAULT.withRequired(Map.of("state", "KPI column")), log))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_VALUE))
                .hasMessage(file + ": the KPI column 'state' is BINARY STRING, not a number; expected DOUBLE, FLOAT, INT32, INT64, "
                        + "DECIMAL or BOOLEAN");
        assertThatThrownBy(() -> parquet.read(file, ReadOptions.DEFAULT.withRequired(Map.of("Outpt", "KPI column")), log))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN))
                .hasMessage(file + " has no KPI column 'Outpt'; did you mean 'Output'? columns: Output, state");
    }
}
