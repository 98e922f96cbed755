package dev.vigil.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.io.TimestampFormat;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The records {@link CsvTokenizer} finds in CSV text, and the lines it refuses. */
class CsvRecordsTest {
    @TempDir
    Path dir;

    static CsvTokenizer tokens(String csv) {
        return tokens(csv, CsvLimits.DEFAULT);
    }

    static CsvTokenizer tokens(String csv, CsvLimits limits) {
        return new CsvTokenizer(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t.csv", limits);
    }

    /** Every record after the header, as its line and fields. */
    static List<String> records(CsvTokenizer csv) {
        List<String> out = new ArrayList<>();
        while (csv.next()) {
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < csv.size(); i++) {
                fields.add(csv.field(i));
            }
            out.add(csv.line() + ":" + fields);
        }
        return out;
    }

    private static void malformed(String csv, CsvLimits limits, String message) {
        assertThatThrownBy(() -> records(tokens(csv, limits))).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA)).hasMessage(message);
    }

    @Test
    void headerSeparatorAndRecordsWithTheLinesTheyStartOn() {
        CsvTokenizer csv = tokens("\uFEFF# made by hand\n\ntime;\"a;b\";c\n2020-01-01;1,5; x \n\n# a comment\n2020-01-02;\"two\nlines\";3");
        assertThat(csv.separator()).isEqualTo(';');
        assertThat(csv.header()).containsExactly("time", "a;b", "c");
        assertThat(csv.line()).isEqualTo(3);
        assertThat(records(csv)).containsExactly("4:[2020-01-01, 1,5, x]", "7:[2020-01-02, two\nlines, 3]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,b;c\n", "a\tb\tc;d,e\n", "\"x,y;z\";\"u\"\n", "single\n"})
    void theSeparatorIsTheOneFoundMostOftenOutsideQuotesOnTheHeader(String header) {
        char expected = header.startsWith("a,b") ? ',' : header.startsWith("a\t") ? '\t' : header.startsWith("\"x") ? ';' : ',';
        assertThat(tokens(header).separator()).isEqualTo(expected);
    }

    @Test
    void quotesWrittenTwiceAreOneAndAQuoteInsideAnUnquotedFieldIsKept() {
        CsvTokenizer csv = tokens("a,b,c\n\"say \"\"hi\"\"\", 12\" pipe ,\"\"\"\"\n");
        assertThat(records(csv)).containsExactly("2:[say \"hi\", 12\" pipe, \"]");
    }

    @Test
    void lineEndsOfEveryKindAndBlanksAroundFields() {
        CsvTokenizer csv = tokens("a,b\r\n 1 ,\t2\t\r\n\r\n3,\"4\r\n5\"\r6,7\r \t \n8,9");
        assertThat(records(csv)).containsExactly("2:[1, 2]", "4:[3, 4\r\n5]", "6:[6, 7]", "8:[8, 9]");
    }

    @Test
    void tabSeparatedFieldsKeepTheirEmptyCells() {
        assertThat(records(tokens("a\tb\tc\n1\t\t3\n\t\t\n"))).containsExactly("2:[1, , 3]", "3:[, , ]");
    }

    @Test
    void anEmptyFileHasNoHeaderAndNoRecords() {
        for (String empty : new String[] {"", "\n\n  \n", "# only a comment", "\uFEFF"}) {
            CsvTokenizer csv = tokens(empty);
            assertThat(csv.header()).as(empty).isEmpty();
            assertThat(csv.next()).isFalse();
        }
    }

    @Test
    void textAfterAClosingQuoteAndAQuoteLeftOpenAreRefusedWithTheirLine() {
        malformed("a,b\n1,2\n\"x\"y,2\n", CsvLimits.DEFAULT,
                "t.csv line 3, column 'a': text after the closing quote of a quoted field; a quote inside quotes is written twice (\"\")");
        malformed("a,b\n1,2\n3,\"open\n4,5\n", CsvLimits.DEFAULT,
                "t.csv line 3: the quoted field opened on this line is not closed before the end of the file");
    }

    @Test
    void linesBeyondTheLimitsAreRefusedNamingLineAndLimit() {
        CsvLimits small = new CsvLimits(4, 5, 40);
        malformed("a,b\n1,2\n1,2,3,4,5\n", small, "t.csv line 3 has more than 4 fields, the most one line may hold");
        malformed("a,b\n1,2\n1,123456\n", small, "t.csv line 3, column 'b': the cell holds more than 5 characters, the most one cell may hold");
        assertThat(records(tokens("a,b\n1,\"éàü€ß\"\n", small))).as("characters, not bytes").containsExactly("2:[1, éàü€ß]");
        malformed("a,b\n1,2\n\n" + "1234,".repeat(9) + "\n", new CsvLimits(100, 5, 40),
                "t.csv line 4 is longer than 40 bytes, the most one line may hold; a line that long is not a row of data");
        malformed("a,b\n1,2\n3,\"open\n" + "4,5\n".repeat(20), new CsvLimits(100, 100, 40), "t.csv line 3 is longer than 40 bytes, the "
                + "most one line may hold (is a quote left open? a quoted field may span lines, up to the end of the file); a line that long "
                + "is not a row of data");
    }

    @Test
    void commentsAndBlankLinesHaveNoLengthLimitForTheyAreNotHeld() {
        String long1 = "#" + "x".repeat(500) + "\n" + " ".repeat(30) + "\n";
        assertThat(records(tokens("a,b\n" + long1 + "1,2\n", new CsvLimits(4, 5, 40)))).containsExactly("4:[1, 2]");
    }

    @Test
    void numbersAreStrictAndThoseBeyondTheRangeOfADoubleAreRefused() {
        CsvTokenizer csv = tokens("t,v\nx,-12.5e-1\nx,\nx,NA\nx,  .5  \n");
        List<Double> read = new ArrayList<>();
        while (csv.next()) {
            read.add(csv.number(1));
        }
        assertThat(read).containsExactly(-1.25, Double.NaN, Double.NaN, 0.5);
        String beyond = "is beyond the range of a double (±1.7976931348623157E308); only finite numbers are allowed";
        for (String big : new String[] {"1e400", "-1e400", "1.8e308", "1" + "0".repeat(400), "-1.7976931348623159e308"}) {
            CsvTokenizer one = tokens("t,v\nx," + big + "\n");
            one.next();
            assertThatThrownBy(() -> one.number(1)).as(big).isInstanceOfSatisfying(VigilException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_VALUE)).hasMessage("t.csv line 2, column 'v': '" + big + "' " + beyond);
        }
        CsvTokenizer largest = tokens("t,v\nx,1.7976931348623157e308\nx,4.9e-324\nx,1e-400\n");
        largest.next();
        assertThat(largest.number(1)).isEqualTo(Double.MAX_VALUE);
        largest.next();
        assertThat(largest.number(1)).isEqualTo(Double.MIN_VALUE);
        largest.next();
        assertThat(largest.number(1)).as("below the smallest double: rounds to zero, as parseDouble does").isZero();
    }

    @Test
    void aRequiredNumberRefusesMissingValuesWithTheCallersRule() {
        CsvTokenizer csv = tokens("t,score\nx,NaN\nx,\nx,abc\nx,0.5\n");
        for (String cell : new String[] {"NaN", "", "abc"}) {
            csv.next();
            assertThatThrownBy(() -> csv.requiredNumber(1, "scores must be numbers")).hasMessage("t.csv line " + csv.line()
                    + ", column 'score': '" + cell + "' is not a number; scores must be numbers");
        }
        csv.next();
        assertThat(csv.requiredNumber(1, "scores must be numbers")).isEqualTo(0.5);
    }

    @Test
    void fieldEqualsComparesWithoutCopying() {
        CsvTokenizer csv = tokens("f,g\nart/a.csv,é\n");
        csv.next();
        assertThat(csv.fieldEquals(0, "art/a.csv")).isTrue();
        assertThat(csv.fieldEquals(0, "art/b.csv")).isFalse();
        assertThat(csv.fieldEquals(0, "art/a.cs")).isFalse();
        assertThat(csv.fieldEquals(1, "é")).isTrue();
        assertThat(csv.fieldEquals(1, "e")).isFalse();
    }

    @Test
    void timestampsAndRowsOfTheWrongWidth() {
        CsvTokenizer csv = tokens("time,v\n2020-01-01 00:00:01,1\n,2\n2020-01-01,3,4\n");
        csv.next();
        assertThat(csv.timestamp(0, TimestampFormat.iso(), ZoneOffset.UTC)).isEqualTo(1_577_836_801_000L);
        csv.next();
        assertThat(csv.timestamp(0, TimestampFormat.iso(), ZoneOffset.UTC)).isEqualTo(TimestampFormat.INVALID);
        csv.next();
        assertThatThrownBy(() -> csv.requireSize(2)).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA))
                .hasMessage("t.csv line 4 has 3 fields but the header has 2; every row needs one field per column");
    }

    @Test
    void filesGzippedOrNotAndWhatIsNeither() throws IOException {
        Path gz = dir.resolve("d.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        }
        try (CsvTokenizer csv = CsvTokenizer.open(gz)) {
            assertThat(csv.header()).containsExactly("a", "b");
            assertThat(records(csv)).containsExactly("2:[1, 2]");
        }
        Path fake = Files.writeString(dir.resolve("fake.csv.gz"), "a,b\n1,2\n");
        assertThatThrownBy(() -> CsvTokenizer.open(fake)).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA)).hasMessageStartingWith(fake + " is not a valid gzip file");
        Path cut = dir.resolve("cut.csv.gz");
        byte[] whole = Files.readAllBytes(gz);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 12));
        assertThatThrownBy(() -> records(CsvTokenizer.open(cut))).isInstanceOf(VigilException.class)
                .hasMessageStartingWith(cut + " is not a valid gzip file");
        assertThatThrownBy(() -> CsvTokenizer.open(dir.resolve("none.csv"))).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND)).hasMessage(dir.resolve("none.csv") + " does not exist");
    }
}
