package dev.vigil.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.io.TimestampFormat;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.testing.Trials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Properties of the one CSV tokenizer and reader, over generated tables, texts and bytes ({@link Trials}). */
class CsvPropertiesTest {
    private static final long YEAR_0 = -62_167_219_200_000L;
    private static final long YEAR_10000 = 253_402_300_800_000L;
    private static final String NAME_CHARS = "ab,;\t\"\n\r #é€中x";
    private static final String CELL_CHARS = "ab1 ,;\t\"\n\r#é€中";
    private static final String[] COMMENTS = {"", "\n", "\r\n", "\r", "# a comment\n", "#\r\n", "   \n", "#" + "x".repeat(300) + "\r"};

    @TempDir
    Path dir;

    /** A frame of any finite doubles (every bit pattern, the edges, whole numbers) and missing values, named with any text. */
    static TimeFrame frame(SplittableRandom random) {
        int rows = random.nextInt(1, 31);
        int columns = random.nextInt(1, 6);
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < columns) {
            String n = Trials.string(random, NAME_CHARS, 1, 6);
            if (!n.equals("timestamp") && !n.isBlank()) {
                names.add(n);
            }
        }
        long[] times = new long[rows];
        for (int r = 0; r < rows; r++) {
            times[r] = random.nextLong(YEAR_0, YEAR_10000);
        }
        TimeFrame.Builder b = TimeFrame.builder(times);
        for (String name : names) {
            double[] values = new double[rows];
            for (int r = 0; r < rows; r++) {
                double d = Trials.anyDouble(random);
                values[r] = Double.isFinite(d) ? d : Double.NaN;
            }
            b.column(name, values);
        }
        return b.build();
    }

    /**
     * Any frame of finite doubles (and missing values) that Vigil's CSV writer writes reads back bit for
     * bit, but for the sign of a zero: the writer writes every zero as {@code 0}.
     */
    @Test
    void framesWrittenByTheCsvWriterReadBackBitForBit() {
        Trials.forAll(1, 300, random -> {
            TimeFrame frame = frame(random);
            Path p = dir.resolve("frame.csv");
            CsvWriter.write(frame, p);
            TimeFrame read = CsvReader.read(p, ReadOptions.DEFAULT, new JobLog());
            assertThat(read.times()).containsExactly(frame.times());
            assertThat(read.columnNames()).isEqualTo(frame.columnNames());
            for (String c : frame.columnNames()) {
                double[] expected = Arrays.stream(frame.column(c).toArray()).map(v -> v == 0 ? 0.0 : v).toArray();
                double[] actual = read.column(c).toArray();
                for (int r = 0; r < expected.length; r++) {
                    assertThat(Double.doubleToLongBits(actual[r])).as("%s row %d: %s", c, r, expected[r])
                            .isEqualTo(Double.doubleToLongBits(expected[r]));
                }
            }
        });
    }

    /** A table of 1 to 12 rows of 2 to 5 cells of any text. */
    static List<List<String>> table(SplittableRandom random) {
        int columns = random.nextInt(2, 6);
        int rows = random.nextInt(1, 13);
        List<List<String>> table = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                row.add(Trials.string(random, CELL_CHARS, 0, 8));
            }
            table.add(row);
        }
        return table;
    }

    private static String text(List<List<String>> table, boolean crlf, String afterEachLine) {
        StringBuilder text = new StringBuilder();
        for (List<String> row : table) {
            for (int c = 0; c < row.size(); c++) {
                text.append(c == 0 ? "" : ",").append(CsvWriter.quote(row.get(c)));
            }
            text.append(crlf ? "\r\n" : "\n").append(afterEachLine);
        }
        return text.toString();
    }

    /** Any text in any cell, written as Vigil's writer quotes it, reads back as it was; lines end in {@code \n} or {@code \r\n}. */
    @Test
    void quotedTextReadsBackAsItWas() {
        Trials.forAll(2, 1000, random -> {
            List<List<String>> table = table(random);
            CsvTokenizer csv = CsvRecordsTest.tokens(text(table, random.nextBoolean(), ""));
            List<List<String>> read = new ArrayList<>();
            read.add(csv.header());
            while (csv.next()) {
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < csv.size(); i++) {
                    fields.add(csv.field(i));
                }
                read.add(fields);
            }
            assertThat(read).isEqualTo(table);
        });
    }

    /**
     * The records and their line numbers do not depend on where the buffer ends: a small buffer (a small
     * line limit) that ends inside fields, quotes and line breaks gives what one buffer for the whole text gives.
     */
    @Test
    void recordsDoNotDependOnWhereTheBufferEnds() {
        Trials.forAll(3, 1000, random -> {
            String text = text(table(random), random.nextBoolean(), Trials.oneOf(random, COMMENTS));
            List<String> whole = CsvRecordsTest.records(CsvRecordsTest.tokens(text));
            for (int lineLimit : new int[] {110, 111, 127}) {
                assertThat(CsvRecordsTest.records(CsvRecordsTest.tokens(text, new CsvLimits(8, 100, lineLimit)))).isEqualTo(whole);
            }
        });
    }

    /** Up to 300 bytes, mostly from CSV's alphabet, after a prefix that starts a plausible file. */
    static byte[] csvishBytes(SplittableRandom random) {
        byte[] alphabet = ",;\t\"\n\r #.-+eE0123456789:TZ/NaI".getBytes(StandardCharsets.ISO_8859_1);
        String prefix = Trials.oneOf(random, "", "time,v\n", "time;v;w\n2020-01-01;1;2\n", "epoch,v\n1551869553,1\n",
                "\uFEFFtime,v\n2020-01-01T00:00:00Z,", "t,\"v\n");
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + random.nextInt(301)];
        System.arraycopy(head, 0, all, 0, head.length);
        for (int i = head.length; i < all.length; i++) {
            all[i] = random.nextInt(7) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
        }
        return all;
    }

    /** Whatever the bytes, reading them ends in a frame or a VigilException, never another exception. */
    @Test
    void anyBytesGiveAFrameOrAVigilException() {
        Trials.forAll(4, 2000, random -> {
            byte[] bytes = csvishBytes(random);
            Path p = dir.resolve("bytes.csv");
            Files.write(p, bytes);
            CsvLimits small = new CsvLimits(8, 20, 64);
            for (CsvLimits limits : new CsvLimits[] {CsvLimits.DEFAULT, small}) {
                try {
                    CsvReader.readFile(p, ReadOptions.DEFAULT, new JobLog(), limits);
                } catch (VigilException expected) {
                    // refused with a message: fine
                }
                try (CsvTokenizer csv = new CsvTokenizer(new ByteArrayInputStream(bytes), "bytes", limits)) {
                    while (csv.next()) {
                        for (int i = 0; i < csv.size(); i++) {
                            csv.field(i);
                            csv.timestamp(i, TimestampFormat.iso(), ZoneOffset.UTC);
                            try {
                                csv.number(i);
                            } catch (VigilException expected) {
                                // not a number: fine
                            }
                        }
                    }
                } catch (VigilException expected) {
                    // refused with a message: fine
                }
            }
        });
    }

    /** A plain decimal: a sign, up to 40 digits with or without a point, perhaps an exponent of −420 to 420. */
    static String decimal(SplittableRandom random) {
        String digits = Trials.string(random, "0123456789", 1, 40);
        int point = random.nextInt(0, 42);
        String e = Trials.oneOf(random, "", "e", "E");
        return Trials.oneOf(random, "", "-", "+")
                + (point < digits.length() ? digits.substring(0, point) + "." + digits.substring(point) : digits)
                + (e.isEmpty() ? "" : e + random.nextInt(-420, 421));
    }

    /**
     * A cell holding a plain decimal number reads as {@link Double#parseDouble} reads it, bit for bit,
     * when that is finite, and is refused (never infinity) when it is not.
     */
    @Test
    void numbersReadAsParseDoubleReadsThemOrAreRefused() {
        Trials.forAll(5, 10_000, random -> {
            String number = decimal(random);
            CsvTokenizer csv = CsvRecordsTest.tokens("t,v\nx," + number + "\n");
            csv.next();
            double expected = Double.parseDouble(number);
            if (Double.isInfinite(expected)) {
                try {
                    csv.number(1);
                    throw new AssertionError(number + " was read, as " + csv.number(1));
                } catch (VigilException e) {
                    assertThat(e.getMessage()).contains("'" + number + "' is beyond the range of a double");
                }
            } else {
                assertThat(Double.doubleToRawLongBits(csv.number(1))).as(number).isEqualTo(Double.doubleToRawLongBits(expected));
            }
        });
    }

    /** Every finite double, as Java prints it (shortest, 17 significant digits, every digit of its exact value), reads back to itself. */
    @Test
    void everyFiniteDoubleAsJavaPrintsItReadsBack() {
        Trials.forAll(6, 10_000, random -> {
            double d = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(d)) {
                return;
            }
            for (String text : new String[] {Double.toString(d), String.format(Locale.ROOT, "%.17g", d).strip(),
                d == 0 ? Double.toString(d) : new BigDecimal(d).toPlainString()}) { // BigDecimal has no negative zero
                assertThat(Double.doubleToRawLongBits(FastDecimal.parse(text))).as(text).isEqualTo(Double.doubleToRawLongBits(d));
            }
        });
    }
}
