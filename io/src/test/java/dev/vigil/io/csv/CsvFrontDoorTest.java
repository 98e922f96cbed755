package dev.vigil.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.spi.log.MessageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CSV reader refuses or names that it once let through silently (issue 13): label cells
 * that are not labels, the timestamp column named in another role, a value column named as the
 * timestamp, headers and text that are not UTF-8, local times repeated or skipped by daylight saving.
 */
class CsvFrontDoorTest {
    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("d.csv"), content);
    }

    private static List<String> warnings(JobLog log) {
        return log.entries().stream().filter(e -> e.messageType() == MessageType.Warning).map(LogEntry::message).toList();
    }

    @Test
    void aLabelThatIsNotOneZeroOrMissingIsRefusedWithItsLineColumnAndValue() throws IOException {
        Path f = file("timestamp,kpi,lab\n# a comment line\n2020-01-01 00:00,1,0\n2020-01-01 01:00,2,\n2020-01-01 02:00,3,7\n");
        ReadOptions labelled = ReadOptions.DEFAULT.withRequired(Map.of("lab", "label column"));
        assertThatThrownBy(() -> CsvReader.read(f, labelled, new JobLog())).isInstanceOf(VigilException.class)
                .hasFieldOrPropertyWithValue("code", ErrorCode.BAD_VALUE)
                .hasMessage(f + " line 5, column 'lab': '7' is not a label; labels must be 1 (anomaly), 0 (normal) or missing "
                        + "(an empty cell: unknown)");
        assertThat(CsvReader.read(f, new JobLog()).values("lab")).containsExactly(0, Double.NaN, 7); // not a label column: a value
    }

    @Test
    void theTimestampColumnCannotTakeAnotherRole() throws IOException {
        Path f = file("timestamp,kpi,x\n2020-01-01 00:00,1,2\n2020-01-01 01:00,2,3\n");
        assertThatThrownBy(() -> CsvReader.read(f, ReadOptions.DEFAULT.withRequired(Map.of("timestamp", "KPI column")), new JobLog()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.UNKNOWN_COLUMN)
                .hasMessage(f + ": 'timestamp' is the timestamp column, so it cannot be the KPI column as well; name a value column: kpi, x");
    }

    @Test
    void aValueColumnNamedAsTheTimestampIsRefusedRatherThanReadAsMomentsOf1970() throws IOException {
        Path f = file("timestamp,kpi,x\n2020-01-01 00:00,1,0.5403\n2020-01-01 01:00,2,0.7\n");
        assertThatThrownBy(() -> CsvReader.read(f, ReadOptions.DEFAULT.withTimestampColumn("x"), new JobLog()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.BAD_TIMESTAMP)
                .hasMessageStartingWith(f + " line 2, column 'x' (named with --timestamp): '0.5403' would be 1970-01-01T00:00:00.540Z");
        Path epoch = Files.writeString(dir.resolve("e.csv"), "t,kpi\n1583228220,1\n1583228280,2\n");
        assertThat(CsvReader.read(epoch, ReadOptions.DEFAULT.withTimestampColumn("t"), new JobLog()).rows()).isEqualTo(2);
    }

    @Test
    void aHeaderThatIsNotUtf8IsRefusedNamingTheColumnAndByte() throws IOException {
        Path f = dir.resolve("latin1.csv");
        Files.write(f, "timestamp,temp\u00e9rature\n2020-01-01 00:00,1\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CsvReader.read(f, new JobLog())).hasFieldOrPropertyWithValue("code", ErrorCode.MALFORMED_DATA)
                .hasMessageContaining(f + " line 1, column 2 of the header: the name 'temp\uFFFDrature' holds bytes that are not UTF-8 "
                        + "(byte 0xE9 at byte 5 of the field)");
    }

    @Test
    void textThatIsNotUtf8InAColumnLeftOutIsNamedInAWarning() throws IOException {
        Path f = dir.resolve("d.csv");
        Files.write(f, "timestamp,kpi,site\n2020-01-01 00:00,1,caf\u00e9\n2020-01-01 01:00,2,ok\n".getBytes(StandardCharsets.ISO_8859_1));
        JobLog log = new JobLog();
        CsvReader.read(f, log);
        assertThat(warnings(log)).anyMatch(w -> w.startsWith("1 cell of " + f + " in columns left out holds bytes that are not UTF-8 "
                + "(the first: line 2, column 'site', byte 0xE9 at byte 4 of the field)"));
    }

    @Test
    void localTimesRepeatedAtTheEndOfDaylightSavingAreReadWithAWarningNamingThem() throws IOException {
        StringBuilder sb = new StringBuilder("timestamp,kpi\n");
        for (String t : List.of("2020-10-25 00:30", "2020-10-25 01:30", "2020-10-25 02:30", "2020-10-25 02:30", "2020-10-25 03:30")) {
            sb.append(t).append(",1\n");
        }
        Path f = file(sb.toString());
        JobLog log = new JobLog();
        TimeFrame frame = CsvReader.read(f, ReadOptions.DEFAULT.withZone(ZoneId.of("Europe/Berlin")), log);
        assertThat(frame.instant(2)).isEqualTo(frame.instant(3)).hasToString("2020-10-25T00:30:00Z"); // the first occurrence, +02:00
        assertThat(warnings(log)).anyMatch(w -> w.startsWith("2 timestamps of " + f + " without a zone fall in an hour that happens "
                + "twice in Europe/Berlin at the end of daylight saving time (the first: line 4, '2020-10-25 02:30', in the hour from "
                + "02:00 that happens twice on 2020-10-25 when clocks go back from +02:00 to +01:00; read as +02:00)"));
        JobLog utc = new JobLog();
        CsvReader.read(f, utc);
        assertThat(warnings(utc)).noneMatch(w -> w.contains("daylight saving"));
    }

    @Test
    void localTimesSkippedAtTheStartOfDaylightSavingAreReadWithAWarningNamingThem() throws IOException {
        Path f = file("timestamp,kpi\n2020-03-29 01:30,1\n2020-03-29 02:30,2\n2020-03-29 03:30,3\n2020-03-29T02:30:00+01:00,4\n");
        JobLog log = new JobLog();
        CsvReader.read(f, ReadOptions.DEFAULT.withZone(ZoneId.of("Europe/Berlin")), log);
        assertThat(warnings(log)).anyMatch(w -> w.equals("1 timestamp of " + f + " without a zone names a local time that does not exist "
                + "in Europe/Berlin, skipped at the start of daylight saving time (the first: line 3, '2020-03-29 02:30'; clocks go "
                + "from 02:00 to 03:00 on 2020-03-29, so it was read 60 minutes later)."));
    }
}
