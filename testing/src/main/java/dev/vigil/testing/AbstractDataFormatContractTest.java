package dev.vigil.testing;

import static dev.vigil.testing.Contracts.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.ColumnLayout;
import dev.vigil.spi.DataFormat;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.ReadResult;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link DataFormat} must keep. A plugin author extends this class in a test and
 * returns the format from {@link #format()}; Vigil's own CSV and Parquet formats pass the same tests,
 * each with every extension it handles.
 *
 * <p>Checked: a name, discovery by that name through {@code META-INF/services}, lower-case extensions
 * longest first; a written frame reads back with the same timestamps (in the same order, duplicates
 * and steps back included), column names and values to the last bit — awkward doubles ({@code -0.0},
 * subnormals, the largest, {@code 0.1 + 0.2}, random bit patterns) and {@code NaN} as missing; the
 * default layout reported for a file written in it, and a given {@link ColumnLayout} honoured (the
 * timestamp column's name and place, integer types where the format has them, a fall-back to doubles
 * where values are not whole); the file read never modified (content, time stamp) and nothing written
 * beside it; a write replacing the old file whole, and a failed write leaving it as it was with no
 * temporary file behind; problems reported as {@link VigilException}s naming the file (and the column
 * where one is at fault); concurrent reads and writes giving the same results.
 */
public abstract class AbstractDataFormatContractTest {
    /** A folder of its own for each test. */
    @TempDir
    protected Path dir;

    private final JobLog log = new JobLog();

    /** The format under test. */
    protected abstract DataFormat format();

    /**
     * Doubles that are easy to get wrong: signed zero, the smallest subnormal and normal, the largest,
     * decimal fractions without an exact binary form, whole numbers around 10¹⁵ and 2⁵³, the classic
     * parser traps {@code 2.2250738585072011e-308} and {@code 1e23}.
     */
    protected double[] awkwardValues() {
        return new double[] {0.1 + 0.2, 1.0 / 3, -0.0, 0.0, Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL),
            Double.MAX_VALUE, -Double.MAX_VALUE, 1e15, 1e15 + 1, -999_999_999_999_999.0, 9_007_199_254_740_992.0, -0x1p53,
            123_456_789.125, 1e-300, Math.PI, -1.5, 1e22, 1e23, Math.nextUp(1.0), Math.nextDown(1.0), 2.2250738585072011e-308,
            (double) Long.MAX_VALUE, 1e-5, 5e-324, -7.0E-10, 4.35, 100, Double.NaN};
    }

    /**
     * A frame with every awkward value, random bit patterns, whole numbers, gaps, and names with spaces,
     * punctuation and letters beyond ASCII; timestamps with milliseconds from 1900 to 2199, out of order
     * and repeated.
     */
    protected TimeFrame frame() {
        int rows = 3000;
        Random random = new Random(5);
        long[] time = new long[rows];
        long from = Instant.parse("1900-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2199-12-31T23:59:59.999Z").toEpochMilli();
        double[] awkward = new double[rows];
        double[] bits = new double[rows];
        double[] whole = new double[rows];
        double[] gappy = new double[rows];
        double[] special = awkwardValues();
        for (int i = 0; i < rows; i++) {
            time[i] = i == 0 ? from : i == 1 ? to : i % 10 == 9 ? time[i - 1] : from + (long) (random.nextDouble() * (to - from));
            awkward[i] = special[i % special.length];
            double b = Double.longBitsToDouble(random.nextLong());
            bits[i] = Double.isFinite(b) && i % 17 != 0 ? b : Double.NaN;
            whole[i] = i % 5 == 0 ? -random.nextInt(1000) : random.nextInt();
            gappy[i] = i == 0 || i == rows - 1 || i % 2 == 1 ? Double.NaN : random.nextGaussian();
        }
        return TimeFrame.builder(time).column("awkward values", awkward).column("random bits", bits).column("whole", whole)
                .column("Teplota °C; \"vonku\", dnes", gappy).build();
    }

    /** A path in the test's folder with the given name and the format's extension. */
    protected Path file(String name, String extension) {
        return dir.resolve(name + extension);
    }

    private static void assertSameFrame(TimeFrame expected, TimeFrame actual, String what) {
        assertEquals(expected.columnNames(), actual.columnNames(), what + ": column names");
        assertArrayEquals(expected.times(), actual.times(), what + ": timestamps");
        for (String c : expected.columnNames()) {
            assertSameBits(expected.column(c).toArray(), actual.column(c).toArray(), what + ": column '" + c + "'");
        }
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> listing(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertVigilNaming(Executable call, Path file, String what) {
        VigilException e = assertThrows(VigilException.class, call, what);
        assertTrue(e.getMessage().contains(file.getFileName().toString()), what + ": the message does not name the file: "
                + e.getMessage());
    }

    @Test
    void hasANameAndIsDiscoveredByIt() {
        String name = format().name();
        assertNotNull(name);
        assertFalse(name.isBlank(), "the name must not be blank");
        DataFormat found = PluginRegistry.load().get(DataFormat.class, name);
        assertSame(format().getClass(), found.getClass(), "META-INF/services/dev.vigil.spi.DataFormat must list "
                + format().getClass().getName());
    }

    @Test
    void extensionsAreLowerCaseWithADotLongestFirst() {
        List<String> extensions = format().extensions();
        assertFalse(extensions.isEmpty(), "a format handles at least one extension");
        for (int i = 0; i < extensions.size(); i++) {
            String e = extensions.get(i);
            assertTrue(e.startsWith(".") && e.length() > 1, "extension '" + e + "' must start with a dot");
            assertEquals(e.toLowerCase(Locale.ROOT), e, "extensions are lower case");
            if (i > 0) {
                assertTrue(extensions.get(i - 1).length() >= e.length(), "extensions longest first: " + extensions);
            }
        }
    }

    @Test
    void aWrittenFrameReadsBackToTheLastBit() {
        TimeFrame frame = frame();
        for (String extension : format().extensions()) {
            Path file = file("frame", extension);
            format().write(frame, file);
            assertSameFrame(frame, format().read(file, ReadOptions.DEFAULT, log), extension);
            ReadResult result = format().readFile(file, ReadOptions.DEFAULT, log);
            assertSameFrame(frame, result.frame(), extension + " through readFile");
            assertEquals(ColumnLayout.DEFAULT.timestampColumn(), result.layout().timestampColumn(), extension + ": layout");
            assertEquals(0, result.layout().timestampPosition(), extension + ": layout");
            assertEquals(List.of(), result.dropped(), extension + ": dropped columns");
            assertSameFrame(frame, format().read(file, ReadOptions.DEFAULT.withTimestampColumn("timestamp"), log),
                    extension + " with the timestamp column named");
        }
    }

    @Test
    void aLayoutIsHonoured() {
        TimeFrame frame = frame();
        double[] big = new double[frame.rows()];
        for (int i = 0; i < big.length; i++) {
            big[i] = i % 3 == 0 ? Double.NaN : (i - 1500) * 3_000_000_007L;
        }
        frame = frame.withColumn("big", big);
        Map<String, ColumnLayout.ValueType> types = new LinkedHashMap<>();
        types.put("whole", ColumnLayout.ValueType.INT32);
        types.put("big", ColumnLayout.ValueType.INT64);
        types.put("awkward values", ColumnLayout.ValueType.INT32); // not whole numbers: stored as doubles
        ColumnLayout layout = new ColumnLayout("Zeit", 2, types);
        for (String extension : format().extensions()) {
            Path file = file("layout", extension);
            format().write(frame, file, layout);
            for (ReadOptions options : List.of(ReadOptions.DEFAULT, ReadOptions.DEFAULT.withTimestampColumn("Zeit"))) {
                ReadResult r = format().readFile(file, options, log);
                String what = extension + " read with timestamp column " + options.timestamp().orElse("found");
                assertSameFrame(frame, r.frame(), what);
                assertEquals("Zeit", r.layout().timestampColumn(), what + ": the timestamp column's name");
                assertEquals(2, r.layout().timestampPosition(), what + ": the timestamp column's position");
                Set<String> integers = frame.columnNames().stream().filter(c -> r.layout().type(c) != ColumnLayout.ValueType.DOUBLE)
                        .collect(Collectors.toCollection(TreeSet::new));
                assertTrue(integers.isEmpty() || integers.equals(Set.of("whole", "big")), what + ": columns read as integers "
                        + integers + "; expected none (a format without integer types) or [big, whole]");
                if (!integers.isEmpty()) {
                    assertEquals(ColumnLayout.ValueType.INT32, r.layout().type("whole"), what);
                    assertEquals(ColumnLayout.ValueType.INT64, r.layout().type("big"), what);
                }
            }
        }
    }

    @Test
    void theFileReadIsNeverModified() throws IOException {
        for (String extension : format().extensions()) {
            Path file = file("input", extension);
            format().write(frame(), file);
            FileTime stamp = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));
            Files.setLastModifiedTime(file, stamp);
            byte[] before = bytes(file);
            Set<String> listing = listing(dir);
            format().read(file, ReadOptions.DEFAULT, log);
            format().readFile(file, ReadOptions.DEFAULT.withTimestampColumn("timestamp"), log);
            assertThrows(VigilException.class, () -> format().read(file, ReadOptions.DEFAULT.withRequired(
                    Map.of("no such column", "KPI column")), log));
            assertArrayEquals(before, bytes(file), extension + ": reading changed the file");
            assertEquals(stamp, Files.getLastModifiedTime(file), extension + ": reading touched the file");
            assertEquals(listing, listing(dir), extension + ": reading left files behind");
        }
    }

    @Test
    void aWriteReplacesTheOldFileWhole() {
        TimeFrame longer = frame();
        TimeFrame shorter = longer.slice(0, 10).select(List.of("whole"));
        for (String extension : format().extensions()) {
            Path file = file("replaced", extension);
            Set<String> expected = listing(dir);
            expected.add(file.getFileName().toString());
            format().write(longer, file);
            format().write(shorter, file);
            assertSameFrame(shorter, format().read(file, ReadOptions.DEFAULT, log), extension + " after a second write");
            assertEquals(expected, listing(dir), extension + ": files in the folder after two writes");
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNothingElse() throws IOException {
        TimeFrame frame = frame();
        for (String extension : format().extensions()) {
            Path file = file("kept", extension);
            format().write(frame, file);
            byte[] before = bytes(file);
            Set<String> listing = listing(dir);
            ColumnLayout impossible = new ColumnLayout("timestamp", frame.columnCount() + 5, Map.of());
            assertThrows(RuntimeException.class, () -> format().write(frame.slice(0, 5), file, impossible),
                    extension + ": a layout placing the timestamp after more columns than there are");
            assertArrayEquals(before, bytes(file), extension + ": a failed write changed the old file");
            assertEquals(listing, listing(dir), extension + ": a failed write left files behind");

            Path taken = file("taken", extension);
            Files.createDirectories(taken);
            Files.writeString(taken.resolve("keep.txt"), "keep");
            Set<String> before2 = listing(dir);
            assertVigilNaming(() -> format().write(frame, taken), taken, extension + ": writing over a folder");
            assertEquals("keep", Files.readString(taken.resolve("keep.txt")), extension + ": the folder's content");
            assertEquals(before2, listing(dir), extension + ": a failed write left files behind");
        }
    }

    @Test
    void problemsAreVigilExceptionsNamingTheFile() throws IOException {
        for (String extension : format().extensions()) {
            Path missing = file("missing", extension);
            VigilException e = assertThrows(VigilException.class, () -> format().read(missing, ReadOptions.DEFAULT, log));
            assertEquals(ErrorCode.FILE_NOT_FOUND, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains(missing.getFileName().toString()), e.getMessage());

            Path folder = file("folder", extension);
            Files.createDirectories(folder);
            assertVigilNaming(() -> format().read(folder, ReadOptions.DEFAULT, log), folder, extension + ": a folder");

            Path empty = file("empty", extension);
            Files.write(empty, new byte[0]);
            assertVigilNaming(() -> format().read(empty, ReadOptions.DEFAULT, log), empty, extension + ": an empty file");

            Path garbage = file("garbage", extension);
            byte[] noise = new byte[5000];
            new Random(9).nextBytes(noise);
            Files.write(garbage, noise);
            assertVigilNaming(() -> format().read(garbage, ReadOptions.DEFAULT, log), garbage, extension + ": random bytes");

            Path good = file("good", extension);
            format().write(frame(), good);
            VigilException unknown = assertThrows(VigilException.class, () -> format().read(good, ReadOptions.DEFAULT.withRequired(
                    Map.of("no such column", "KPI column")), log), extension + ": a required column that is not there");
            assertEquals(ErrorCode.UNKNOWN_COLUMN, unknown.code(), unknown.getMessage());
            assertTrue(unknown.getMessage().contains("no such column") && unknown.getMessage().contains(good.getFileName().toString()),
                    extension + ": the message names the column and the file: " + unknown.getMessage());
            VigilException noTime = assertThrows(VigilException.class, () -> format().read(good,
                    ReadOptions.DEFAULT.withTimestampColumn("no such time"), log), extension + ": a timestamp column that is not there");
            assertTrue(noTime.getMessage().contains("no such time") && noTime.getMessage().contains(good.getFileName().toString()),
                    extension + ": the message names the column and the file: " + noTime.getMessage());
        }
    }

    @Test
    void isThreadSafe() {
        TimeFrame frame = frame();
        for (String extension : format().extensions()) {
            Path file = file("shared", extension);
            format().write(frame, file);
            for (TimeFrame read : Contracts.concurrently(() -> format().read(file, ReadOptions.DEFAULT, new JobLog()))) {
                assertSameFrame(frame, read, extension + " read on several threads at once");
            }
            List<Path> written = Contracts.concurrently(() -> {
                Path own = file("own-" + Thread.currentThread().getId(), extension);
                format().write(frame, own);
                return own;
            });
            for (Path own : new ArrayList<>(written)) {
                assertSameFrame(frame, format().read(own, ReadOptions.DEFAULT, log), extension + " written on several threads at once");
            }
        }
    }
}
