package dev.vigil.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.ColumnLayout;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.ReadResult;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.spi.log.MessageType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading CSV data files into time frames ({@link CsvReader}): what is read, and what is refused with which message. */
class CsvFilesTest {
    @TempDir
    Path dir;

    private final JobLog log = new JobLog();

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static long t(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private static void fails(ThrowingCallable call, ErrorCode code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessage(message);
    }

    @Test
    void readsTimestampsAndNumericColumnsInFileOrder() throws IOException {
        Path p = file("line.csv", "Datetime,Output,Pressure\n2019-03-06 10:52:34,2.7,436.77\n2019-03-06 10:52:33,2.69,436.76\n"
                + "2019-03-06 10:52:35,,1e3\n");
        TimeFrame f = CsvReader.read(p, log);
        assertThat(f.times()).containsExactly(t("2019-03-06T10:52:34Z"), t("2019-03-06T10:52:33Z"), t("2019-03-06T10:52:35Z"));
        assertThat(f.columnNames()).containsExactly("Output", "Pressure");
        assertThat(f.column("Output").toArray()).containsExactly(2.7, 2.69, Double.NaN);
        assertThat(f.column("Pressure").toArray()).containsExactly(436.77, 436.76, 1000);
        assertThat(f.source()).isEqualTo(p.toString());
        assertThat(log.entries()).extracting(LogEntry::message).first().asString()
                .startsWith("Read 3 rows and 2 value columns from " + p).contains("'Datetime'");
    }

    @Test
    void detectsSemicolonsQuotesAndAByteOrderMark() throws IOException {
        Path p = file("semi.csv", "\uFEFF\"time\";\"a;b\";c\n\"2020-01-01T00:00:00Z\";\"1.5\";2\n2020-01-01T00:00:01Z;3;4\n");
        TimeFrame f = CsvReader.read(p, log);
        assertThat(f.columnNames()).containsExactly("a;b", "c");
        assertThat(f.column("a;b").toArray()).containsExactly(1.5, 3);
    }

    @Test
    void findsTheTimestampColumnWhereverItIs() throws IOException {
        Path p = file("late.csv", "id,value,when\n1,10,2020-01-01 00:00:00\n2,11,2020-01-01 00:01:00\n");
        TimeFrame f = CsvReader.read(p, log);
        assertThat(f.columnNames()).containsExactly("id", "value");
        assertThat(f.samplingPeriodMillis()).isEqualTo(60_000);
    }

    @Test
    void readsEpochSecondsAndMillisInTimeNamedColumns() throws IOException {
        TimeFrame seconds = CsvReader.read(file("s.csv", "timestamp,v\n1551869553,1\n1551869554,2\n"), log);
        assertThat(seconds.time(0)).isEqualTo(t("2019-03-06T10:52:33Z"));
        TimeFrame millis = CsvReader.read(file("ms.csv", "epoch,v\n1551869553000,1\n1551869554500,2\n"), log);
        assertThat(millis.time(1)).isEqualTo(t("2019-03-06T10:52:34.500Z"));
    }

    @Test
    void namedTimestampColumnAndZone() throws IOException {
        Path p = file("z.csv", "a,stamp\n1,2019-07-01 12:00:00\n2,2019-07-01 13:00:00\n");
        TimeFrame f = CsvReader.read(p, ReadOptions.DEFAULT.withTimestampColumn("stamp").withZone(ZoneId.of("Europe/Brussels")), log);
        assertThat(f.time(0)).isEqualTo(t("2019-07-01T10:00:00Z"));
        assertThat(f.zone()).isEqualTo(ZoneId.of("Europe/Brussels"));
    }

    @Test
    void readsGzippedCsv() throws IOException {
        Path p = dir.resolve("data.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write("time,v\n2020-01-01,1\n2020-01-02,2\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(CsvReader.read(p, log).column("v").toArray()).containsExactly(1, 2);
    }

    @Test
    void dropsNonNumericColumnsWithAWarning() throws IOException {
        Path p = file("text.csv", "time,state,v\n2020-01-01,RUNNING,1\n2020-01-02,STOPPED,2\n");
        TimeFrame f = CsvReader.read(p, log);
        assertThat(f.columnNames()).containsExactly("v");
        assertThat(log.entries()).filteredOn(e -> e.messageType() == MessageType.Warning).singleElement()
                .extracting(LogEntry::message).asString().contains("Dropped 1 non-numeric column").contains("state (e.g. 'RUNNING')");
        JobLog longText = new JobLog();
        CsvReader.read(file("long.csv", "time,note,v\n2020-01-01," + "x".repeat(70_000) + ",1\n"), longText);
        assertThat(longText.entries()).filteredOn(e -> e.messageType() == MessageType.Warning).singleElement()
                .extracting(LogEntry::message).asString().contains("note (e.g. '" + "x".repeat(39) + "…')");
        ReadResult read = CsvReader.readFile(file("mid.csv", "a;note;When;x\n1;n;2020-01-01;2\n"), ReadOptions.DEFAULT, log);
        assertThat(read.dropped()).containsExactly("note");
        assertThat(read.layout()).isEqualTo(new ColumnLayout("When", 1, Map.of())); // among the columns kept
    }

    @Test
    void aNonNumericColumnTheUserAskedForIsAnErrorNamingTheCell() throws IOException {
        Path p = file("text.csv", "time,state,v\n2020-01-01,RUNNING,1\n2020-01-02,STOPPED,2\n");
        fails(() -> CsvReader.read(p, ReadOptions.DEFAULT.withRequired(Map.of("state", "KPI column")), log), ErrorCode.BAD_VALUE,
                p + " line 2, column 'state': 'RUNNING' is not a number (leave the cell empty, or write NaN, for a missing value)");
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("nope.csv");
        fails(() -> CsvReader.read(p, log), ErrorCode.FILE_NOT_FOUND, p + " does not exist");
        fails(() -> CsvReader.read(dir, log), ErrorCode.FILE_NOT_FOUND, dir + " is not a file");
    }

    @Test
    void emptyFile() throws IOException {
        Path p = file("empty.csv", "");
        fails(() -> CsvReader.read(p, log), ErrorCode.EMPTY_DATA, p + " is empty; expected a header line and rows of data");
        Path blank = file("blank.csv", "\n \n");
        fails(() -> CsvReader.read(blank, log), ErrorCode.EMPTY_DATA, blank + " is empty; expected a header line and rows of data");
    }

    @Test
    void headerOnly() throws IOException {
        Path p = file("header.csv", "time,a,b\n");
        fails(() -> CsvReader.read(p, log), ErrorCode.EMPTY_DATA, p + " has a header but no rows of data");
    }

    @Test
    void badHeaders() throws IOException {
        Path dup = file("dup.csv", "time,a,a\n2020-01-01,1,2\n");
        fails(() -> CsvReader.read(dup, log), ErrorCode.MALFORMED_DATA,
                dup + " line 1: column name 'a' appears twice in the header; every column needs a unique name");
        Path unnamed = file("unnamed.csv", "time,,b\n2020-01-01,1,2\n");
        fails(() -> CsvReader.read(unnamed, log), ErrorCode.MALFORMED_DATA,
                unnamed + " line 1: column 2 of the header has no name; every column needs a unique name");
        Path single = file("single.csv", "time|a\n2020-01-01|1\n");
        assertThatThrownBy(() -> CsvReader.read(single, log)).isInstanceOf(VigilException.class).hasMessageContaining("single column");
    }

    @Test
    void unknownTimestampColumn() throws IOException {
        Path p = file("t.csv", "Datetime,Output\n2020-01-01,1\n");
        fails(() -> CsvReader.read(p, ReadOptions.DEFAULT.withTimestampColumn("DateTime"), log), ErrorCode.UNKNOWN_COLUMN,
                p + " has no timestamp column 'DateTime'; did you mean 'Datetime'? columns: Datetime, Output");
    }

    @Test
    void noTimestampColumnAtAll() throws IOException {
        Path p = file("nt.csv", "a,b\n1,2\n3,4\n");
        fails(() -> CsvReader.read(p, log), ErrorCode.BAD_TIMESTAMP, p + " has no timestamp column: no column holds an ISO 8601 "
                + "date-time such as 2019-03-06 10:52:33 or 2019-03-06T10:52:33Z (line 2: a='1', b='2'); name the timestamp "
                + "column explicitly (--timestamp)");
    }

    @Test
    void unparseableTimestampNamesFileLineAndValue() throws IOException {
        Path p = file("bad-time.csv", "time,v\n2020-01-01 00:00:00,1\n2020-01-01 00:00:01,2\n2020-13-01 00:00:02,3\n");
        fails(() -> CsvReader.read(p, log), ErrorCode.BAD_TIMESTAMP, p + " line 4, column 'time': '2020-13-01 00:00:02' is not a "
                + "timestamp; expected an ISO 8601 date-time such as 2019-03-06 10:52:33 or 2019-03-06T10:52:33Z, like the first row");
        Path empty = file("empty-time.csv", "time,v\n2020-01-01 00:00:00,1\n,2\n");
        fails(() -> CsvReader.read(empty, log), ErrorCode.BAD_TIMESTAMP,
                empty + " line 3, column 'time': '' is empty; every row needs a timestamp");
    }

    @Test
    void nonNumericCellNamesFileLineColumnAndValue() throws IOException {
        StringBuilder sb = new StringBuilder("time,Output,Pressure\n");
        for (int i = 0; i < 300; i++) { // beyond the sampled head of the file
            sb.append("2020-01-01T00:").append(String.format("%02d:%02d", i / 60, i % 60)).append(",1,").append(i == 250 ? "12x" : "5").append('\n');
        }
        Path p = file("bad-cell.csv", sb.toString());
        fails(() -> CsvReader.read(p, log), ErrorCode.BAD_VALUE, p + " line 252, column 'Pressure': '12x' is not a number "
                + "(leave the cell empty, or write NaN, for a missing value)");
    }

    /**
     * 2,000 rows of {@code time,note,v} after the header; {@code extra} lines go before row {@code at}
     * (a data row index from 0) and {@code bad} replaces row {@code bad} (also from 0).
     */
    private Path longFile(String name, int at, String extra, int badRow, String bad) throws IOException {
        StringBuilder sb = new StringBuilder("time,note,v\n");
        for (int i = 0; i < 2000; i++) {
            if (i == at) {
                sb.append(extra);
            }
            sb.append(i == badRow ? bad : Instant.ofEpochSecond(1_600_000_000L + i) + ",ok," + i).append('\n');
        }
        return file(name, sb.toString());
    }

    @Test
    void errorsNameThePhysicalLineAfterBlankLinesCommentsAndMultiLineFields() throws IOException {
        // a blank line at line 101 (before row 99, from 0): row 1698 is on line 1 (header) + 1 (blank) + 1699 = 1701
        Path blank = longFile("blank.csv", 99, "\n", 1698, "2020-13-01T00:00:00Z,ok,1");
        assertThat(Files.readAllLines(blank).get(1700)).startsWith("2020-13-01");
        fails(() -> CsvReader.read(blank, log), ErrorCode.BAD_TIMESTAMP, blank + " line 1701, column 'time': '2020-13-01T00:00:00Z' is not a "
                + "timestamp; expected an ISO 8601 date-time such as 2019-03-06 10:52:33 or 2019-03-06T10:52:33Z, like the first row");
        Path ragged = longFile("ragged-late.csv", 99, "   \n", 1898, "2020-01-01T00:00:00Z,ok");
        fails(() -> CsvReader.read(ragged, log), ErrorCode.MALFORMED_DATA,
                ragged + " line 1901 has 2 fields but the header has 3; every row needs one field per column");
        // an extra row whose quoted note spans lines 502-503, then a comment line: row 1698 is on line 1703
        String spanning = Instant.ofEpochSecond(1_600_000_000L + 2000) + ",\"first line\nsecond line\",1\n# a comment\n";
        Path multi = longFile("multi.csv", 500, spanning, 1698, "2020-01-01T00:00:00Z,ok,12x");
        assertThat(Files.readAllLines(multi).get(1702)).endsWith("12x");
        fails(() -> CsvReader.read(multi, log), ErrorCode.BAD_VALUE, multi + " line 1703, column 'v': '12x' is not a number "
                + "(leave the cell empty, or write NaN, for a missing value)");
    }

    @Test
    void infinitiesAndDecimalCommasAreRefusedNotGuessed() throws IOException {
        Path inf = file("inf.csv", "time,v\n2020-01-01,1\n2020-01-02,Infinity\n");
        fails(() -> CsvReader.read(inf, log), ErrorCode.BAD_VALUE, inf + " line 3, column 'v': 'Infinity' is infinite; only finite "
                + "numbers are allowed (leave the cell empty for a missing value)");
        Path comma = file("comma.csv", "time;v\n2020-01-01;1\n2020-01-02;1,5\n");
        fails(() -> CsvReader.read(comma, log), ErrorCode.BAD_VALUE,
                comma + " line 3, column 'v': '1,5' is not a number: the decimal separator must be '.'");
        Path percent = file("percent.csv", "time,v\n2020-01-01,1\n2020-01-02,12%\n");
        assertThatThrownBy(() -> CsvReader.read(percent, log)).hasMessageContaining("'12%' is not a number");
    }

    @Test
    void numbersBeyondTheRangeOfADoubleAreRefusedNotReadAsInfinities() throws IOException {
        for (String big : new String[] {"1e400", "-1e400", "1.8e308", "1" + "0".repeat(400)}) {
            Path p = file("big.csv", "time,v\n2020-01-01,1\n2020-01-02," + big + "\n");
            fails(() -> CsvReader.read(p, log), ErrorCode.BAD_VALUE, p + " line 3, column 'v': '" + big + "' is beyond the range of a "
                    + "double (±1.7976931348623157E308); only finite numbers are allowed");
        }
        Path first = file("first.csv", "time,v\n2020-01-01,1e999\n");
        fails(() -> CsvReader.read(first, log), ErrorCode.BAD_VALUE, first + " line 2, column 'v': '1e999' is beyond the range of a "
                + "double (±1.7976931348623157E308); only finite numbers are allowed");
    }

    @Test
    void epochNumbersThatFitNoUnitAreRefusedAndNeverOverflow() throws IOException {
        Path year2511 = file("e17.csv", "timestamp,v\n17000000000000000,1\n");
        fails(() -> CsvReader.read(year2511, log), ErrorCode.BAD_TIMESTAMP, year2511 + " line 2, column 'timestamp': '17000000000000000' "
                + "is a number of 17 digits, which fits no unit of time; expected an ISO 8601 date-time such as 2019-03-06 10:52:33 or "
                + "2019-03-06T10:52:33Z, or a number since 1970-01-01 in seconds (at most 10 digits), milliseconds (12 or 13), "
                + "microseconds (15 or 16) or nanoseconds (18 or 19)");
        for (String later : new String[] {"1551869554000000", "92233720368547758", "9223372036854775807", "99999999999999999999"}) {
            Path p = file("late.csv", "timestamp,v\n1551869553,1\n" + later + ",2\n");
            fails(() -> CsvReader.read(p, log), ErrorCode.BAD_TIMESTAMP, p + " line 3, column 'timestamp': '" + later + "' is not a "
                    + "timestamp; expected seconds since 1970-01-01 (epoch), at most 10 digits (years 1653 to 2286), like the first row");
        }
        Path named = file("named.csv", "a,v\n12345678901,1\n");
        fails(() -> CsvReader.read(named, ReadOptions.DEFAULT.withTimestampColumn("a"), log), ErrorCode.BAD_TIMESTAMP, named
                + " line 2, column 'a': '12345678901' is a number of 11 digits, which fits no unit of time; expected an ISO 8601 "
                + "date-time such as 2019-03-06 10:52:33 or 2019-03-06T10:52:33Z, or a number since 1970-01-01 in seconds (at most 10 "
                + "digits), milliseconds (12 or 13), microseconds (15 or 16) or nanoseconds (18 or 19)");
        TimeFrame nanos = CsvReader.read(file("ns.csv", "time,v\n1551869553000000001,1\n"), log);
        assertThat(nanos.time(0)).isEqualTo(t("2019-03-06T10:52:33Z"));
    }

    @Test
    void escapedQuotesCommentsBeforeTheHeaderAndOldMacLineEnds() throws IOException {
        Path p = file("mac.csv", "# exported by hand\r\"time\",\"say \"\"v\"\"\"\r2020-01-01,1\r2020-01-02,2\r");
        TimeFrame f = CsvReader.read(p, log);
        assertThat(f.columnNames()).containsExactly("say \"v\"");
        assertThat(f.column(0).toArray()).containsExactly(1, 2);
        Path bad = file("bad-quote.csv", "time,v\n2020-01-01,1\n2020-01-02,\"2\"x\n");
        fails(() -> CsvReader.read(bad, log), ErrorCode.MALFORMED_DATA, bad + " line 3, column 'v': text after the closing quote of a "
                + "quoted field; a quote inside quotes is written twice (\"\")");
    }

    @Test
    void missingValueTokensBecomeNaN() throws IOException {
        Path p = file("na.csv", "time,v\n2020-01-01,NA\n2020-01-02,NaN\n2020-01-03,null\n2020-01-04, 4 \n");
        assertThat(CsvReader.read(p, log).column("v").toArray()).containsExactly(Double.NaN, Double.NaN, Double.NaN, 4);
    }

    @Test
    void raggedRowsAreRefused() throws IOException {
        Path p = file("ragged.csv", "time,a,b\n2020-01-01,1,2\n2020-01-02,3\n");
        fails(() -> CsvReader.read(p, log), ErrorCode.MALFORMED_DATA,
                p + " line 3 has 2 fields but the header has 3; every row needs one field per column");
    }

    @Test
    void rowsWithTooManyFieldsAreRefused() throws IOException {
        Path p = file("wide.csv", "time,a,b\n2020-01-01,1,2\n2020-01-02,3,4,5\n");
        fails(() -> CsvReader.read(p, log), ErrorCode.MALFORMED_DATA,
                p + " line 3 has 4 fields but the header has 3; every row needs one field per column");
    }

    @Test
    void kpiOrLabelColumnThatDoesNotExistListsTheColumnsThatDo() throws IOException {
        Path p = file("roles.csv", "time,Output,Pressure\n2020-01-01,1,2\n");
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("Outptu", "KPI column");
        fails(() -> CsvReader.read(p, ReadOptions.DEFAULT.withRequired(roles), log), ErrorCode.UNKNOWN_COLUMN,
                p + " has no KPI column 'Outptu'; did you mean 'Output'? columns: Output, Pressure");
        roles.put("is_anomaly", "label column");
        assertThatThrownBy(() -> CsvReader.read(p, ReadOptions.DEFAULT.withRequired(roles), log))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.problems()).containsExactly(
                        "no KPI column 'Outptu'; did you mean 'Output'?", "no label column 'is_anomaly'"))
                .hasMessageStartingWith("Columns missing from " + p + " (columns: Output, Pressure)");
    }

    @Test
    void theInputFileIsNotModified() throws IOException {
        String content = "time,v\n2020-01-02,2\n2020-01-01,1\n";
        Path p = file("keep.csv", content);
        CsvReader.read(p, log);
        assertThat(Files.readString(p)).isEqualTo(content);
    }
}
