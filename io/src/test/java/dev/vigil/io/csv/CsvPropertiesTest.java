package dev.vigil.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.io.TimestampFormat;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Properties of the one CSV tokenizer and reader, over generated tables, texts and bytes. */
class CsvPropertiesTest {
    private static final long YEAR_0 = -62_167_219_200_000L;
    private static final long YEAR_10000 = 253_402_300_800_000L;
    private static Path dir;

    @BeforeContainer
    static void createDir() throws IOException {
        dir = Files.createTempDirectory("vigil-csv-properties");
    }

    @AfterContainer
    static void deleteDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /** Frames of any finite doubles (every bit pattern, the edges, whole numbers) and missing values, named with any text. */
    @Provide
    Arbitrary<TimeFrame> frames() {
        Arbitrary<Double> values = Arbitraries.oneOf(
                Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL,
                        1e15, 1e15 - 1, -1e15, 0.1, Double.NaN),
                Arbitraries.longs().between(-1_000_000_000_000_000L, 1_000_000_000_000_000L).map(l -> (double) l),
                Arbitraries.doubles().between(-1e6, 1e6));
        Arbitrary<String> names = Arbitraries.strings().withChars("ab,;\t\"\n\r #é€中x").ofMinLength(1).ofMaxLength(6)
                .filter(n -> !n.equals("timestamp") && !n.isBlank());
        return Combinators.combine(Arbitraries.integers().between(1, 30), names.set().ofMinSize(1).ofMaxSize(5))
                .flatAs((rows, columnNames) -> Combinators.combine(
                        Arbitraries.longs().between(YEAR_0, YEAR_10000 - 1).array(long[].class).ofSize(rows),
                        values.map(d -> Double.isFinite(d) || Double.isNaN(d) ? d : Double.NaN).array(double[].class).ofSize(rows)
                                .list().ofSize(columnNames.size()))
                        .as((times, columns) -> {
                            TimeFrame.Builder b = TimeFrame.builder(times);
                            int c = 0;
                            for (String name : columnNames) {
                                b.column(name, columns.get(c++));
                            }
                            return b.build();
                        }));
    }

    /**
     * Any frame of finite doubles (and missing values) that Vigil's CSV writer writes reads back bit for
     * bit, but for the sign of a zero: the writer writes every zero as {@code 0}.
     */
    @Property(tries = 300)
    void framesWrittenByTheCsvWriterReadBackBitForBit(@ForAll("frames") TimeFrame frame) {
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
    }

    @Provide
    Arbitrary<List<List<String>>> tables() {
        Arbitrary<String> cells = Arbitraries.strings().withChars("ab1 ,;\t\"\n\r#é€中").ofMaxLength(8);
        return Arbitraries.integers().between(2, 5).flatMap(columns -> cells.list().ofSize(columns).list().ofMinSize(1).ofMaxSize(12));
    }

    /** Any text in any cell, written as Vigil's writer quotes it, reads back as it was; lines end in {@code \n} or {@code \r\n}. */
    @Property(tries = 1000)
    void quotedTextReadsBackAsItWas(@ForAll("tables") List<List<String>> table, @ForAll boolean crlf) {
        StringBuilder text = new StringBuilder();
        for (List<String> row : table) {
            for (int c = 0; c < row.size(); c++) {
                text.append(c == 0 ? "" : ",").append(CsvWriter.quote(row.get(c)));
            }
            text.append(crlf ? "\r\n" : "\n");
        }
        CsvTokenizer csv = CsvRecordsTest.tokens(text.toString());
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
    }

    /**
     * The records and their line numbers do not depend on where the buffer ends: a small buffer (a small
     * line limit) that ends inside fields, quotes and line breaks gives what one buffer for the whole text gives.
     */
    @Property(tries = 1000)
    void recordsDoNotDependOnWhereTheBufferEnds(@ForAll("tables") List<List<String>> table, @ForAll boolean crlf,
            @ForAll("comments") String comment) {
        StringBuilder text = new StringBuilder();
        for (List<String> row : table) {
            for (int c = 0; c < row.size(); c++) {
                text.append(c == 0 ? "" : ",").append(CsvWriter.quote(row.get(c)));
            }
            text.append(crlf ? "\r\n" : "\n").append(comment);
        }
        List<String> whole = CsvRecordsTest.records(CsvRecordsTest.tokens(text.toString()));
        for (int lineLimit : new int[] {110, 111, 127}) {
            assertThat(CsvRecordsTest.records(CsvRecordsTest.tokens(text.toString(), new CsvLimits(8, 100, lineLimit))))
                    .isEqualTo(whole);
        }
    }

    @Provide
    Arbitrary<String> comments() {
        return Arbitraries.of("", "\n", "\r\n", "\r", "# a comment\n", "#\r\n", "   \n", "#" + "x".repeat(300) + "\r");
    }

    @Provide
    Arbitrary<byte[]> csvishBytes() {
        Arbitrary<Byte> any = Arbitraries.bytes();
        List<Byte> alphabet = new ArrayList<>();
        for (byte b : ",;\t\"\n\r #.-+eE0123456789:TZ/NaI".getBytes(StandardCharsets.ISO_8859_1)) {
            alphabet.add(b);
        }
        Arbitrary<Byte> csvish = Arbitraries.of(alphabet);
        Arbitrary<Byte> bytes = Arbitraries.frequencyOf(Tuple.of(1, any), Tuple.of(6, csvish));
        Arbitrary<String> prefix = Arbitraries.of("", "time,v\n", "time;v;w\n2020-01-01;1;2\n", "epoch,v\n1551869553,1\n",
                "\uFEFFtime,v\n2020-01-01T00:00:00Z,", "t,\"v\n");
        return Combinators.combine(prefix, bytes.array(byte[].class).ofMaxSize(300)).as((p, b) -> {
            byte[] head = p.getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[head.length + b.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(b, 0, all, head.length, b.length);
            return all;
        });
    }

    /** Whatever the bytes, reading them ends in a frame or a VigilException, never another exception. */
    @Property(tries = 2000)
    void anyBytesGiveAFrameOrAVigilException(@ForAll("csvishBytes") byte[] bytes) throws IOException {
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
    }

    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(40);
        return Combinators.combine(Arbitraries.of("", "-", "+"), digits, Arbitraries.integers().between(0, 41),
                Arbitraries.integers().between(-420, 420), Arbitraries.of("", "e", "E"))
                .as((sign, d, point, exponent, e) -> sign + (point < d.length() ? d.substring(0, point) + "." + d.substring(point) : d)
                        + (e.isEmpty() ? "" : e + exponent));
    }

    /**
     * A cell holding a plain decimal number reads as {@link Double#parseDouble} reads it, bit for bit,
     * when that is finite, and is refused (never infinity) when it is not.
     */
    @Property(tries = 10_000)
    void numbersReadAsParseDoubleReadsThemOrAreRefused(@ForAll("decimals") String number) {
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
    }

    /** Every finite double, as Java prints it (shortest, 17 significant digits, every digit of its exact value), reads back to itself. */
    @Property(tries = 10_000)
    void everyFiniteDoubleAsJavaPrintsItReadsBack(@ForAll long bits) {
        double d = Double.longBitsToDouble(bits);
        if (!Double.isFinite(d)) {
            return;
        }
        for (String text : new String[] {Double.toString(d), String.format(Locale.ROOT, "%.17g", d).strip(),
            d == 0 ? Double.toString(d) : new BigDecimal(d).toPlainString()}) { // BigDecimal has no negative zero
            assertThat(Double.doubleToRawLongBits(FastDecimal.parse(text))).as(text).isEqualTo(Double.doubleToRawLongBits(d));
        }
    }
}
