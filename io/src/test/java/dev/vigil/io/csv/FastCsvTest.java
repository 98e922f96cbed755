package dev.vigil.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.io.TimestampFormat;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.testing.KpiDataGenerator;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path reads every file it accepts exactly as Tablesaw does, and gives up on what it does not read the same way. */
class FastCsvTest {
    @TempDir
    Path dir;

    private static void sameAsTablesaw(Path p) throws IOException {
        assertThat(accepted(p)).as("the fast path reads %s", p.getFileName()).isTrue();
        TimeFrame fast = CsvReader.read(p, ReadOptions.DEFAULT, new JobLog(), true).frame();
        TimeFrame slow = CsvReader.read(p, ReadOptions.DEFAULT, new JobLog(), false).frame();
        assertThat(fast.times()).containsExactly(slow.times());
        assertThat(fast.columnNames()).isEqualTo(slow.columnNames());
        for (String c : slow.columnNames()) {
            assertThat(Arrays.stream(fast.column(c).toArray()).mapToLong(Double::doubleToRawLongBits).toArray()).as(c)
                    .containsExactly(Arrays.stream(slow.column(c).toArray()).mapToLong(Double::doubleToRawLongBits).toArray());
        }
    }

    /** Whether the fast path reads a file whose first column is the timestamp and whose columns named note are text. */
    private static boolean accepted(Path p) throws IOException {
        CsvSniffer.Head head;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(open(p), StandardCharsets.UTF_8))) {
            head = CsvSniffer.sniff(in);
        }
        int[] target = new int[head.header().size()];
        int values = 0;
        for (int c = 0; c < target.length; c++) {
            target[c] = c == 0 || head.header().get(c).equals("note") ? -1 : values++;
        }
        TimestampFormat format = TimestampFormat.detect(head.sample().get(0).fields().get(0)).orElseThrow();
        try (InputStream in = open(p)) {
            return FastCsv.read(in, head.separator(), 0, target, values, format, ZoneOffset.UTC).isPresent();
        }
    }

    private static InputStream open(Path p) throws IOException {
        InputStream in = Files.newInputStream(p);
        return p.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    }

    private static boolean accepted(String csv) throws IOException {
        String[] header = csv.substring(0, csv.indexOf('\n')).split(",");
        int[] target = new int[header.length];
        for (int c = 0; c < target.length; c++) {
            target[c] = c == 0 ? -1 : c - 1;
        }
        return FastCsv.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), ',', 0, target, header.length - 1,
                TimestampFormat.iso(), ZoneOffset.UTC).isPresent();
    }

    @ValueSource(strings = {
        "time,a,b\n2020-01-01 00:00:00,1.5,-2e-3\n2020-01-01 00:00:01,,NaN\n2020-01-01 00:00:02,NA,.5\n",
        "time,a,b\r\n2020-01-01,1,2\r\n\r\n  \r\n2020-01-02 , 3 ,\t4\r\n",
        "\uFEFFtime,\"a,x\",b\n\"2020-01-01\",\"1.5\",\"\"\n2020-01-02,  \"2\"  ,null\n",
        "time,a,note,b\n2020-01-01,1,\"two\nlines, and commas\",2\n2020-01-02,3,plain,4",
        "time;a;b\n2020-01-01;1;2\n2020-01-02;3;4\n",
        "time\ta\tb\n2020-01-01\t1\t\n2020-01-02\t\t4\n",
        "time,a,b\n1551869553,1,2\n1551869554,3,4\n",
        "time,a,b\n2020-01-01,0.1234567890123456789012345,1e400\n2020-01-02,-0,+7\n",
    })
    @ParameterizedTest
    void readsLikeTablesaw(String csv) throws IOException {
        Path p = dir.resolve("t.csv");
        Files.writeString(p, csv);
        if (csv.startsWith("time,a,b\n1551")) {
            Files.writeString(p, csv.replace("time", "epoch"));
        }
        sameAsTablesaw(p);
    }

    @Test
    void aLargeGzippedFileAcrossManyBuffers() throws IOException {
        TimeFrame f = KpiDataGenerator.create().rows(40_000).seed(9).anomalies(3, 2, 1, 1).generate().frame();
        Path csv = dir.resolve("big.csv");
        CsvWriter.write(f, csv);
        Path gz = dir.resolve("big.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(csv));
        }
        assertThat(Files.size(csv)).isGreaterThan(2 << 20);
        sameAsTablesaw(csv);
        sameAsTablesaw(gz);
        assertThat(CsvReader.read(csv, new JobLog()).times()).containsExactly(f.times());
    }

    @Test
    void givesUpOnWhatTablesawReadsDifferentlyOrReports() throws IOException {
        assertThat(accepted("time,a\n2020-01-01,1\n")).isTrue();
        assertThat(accepted("time,a\n# a comment\n2020-01-01,1\n")).isFalse();
        assertThat(accepted("time,a\n2020-01-01,\"say \"\"hi\"\"\"\n")).isFalse();
        assertThat(accepted("time,a\n2020-01-01,1,2\n")).isFalse();
        assertThat(accepted("time,a\n2020-01-01\n")).isFalse();
        assertThat(accepted("time,a\n2020-01-01,12x\n")).isFalse();
        assertThat(accepted("time,a\n,1\n")).isFalse();
        assertThat(accepted("time,a\n2020-13-01,1\n")).isFalse();
        assertThat(accepted("time,a\n2020-01-01,1\r2020-01-02,2\r")).isFalse();
        assertThat(accepted("time,a\n2020-01-01,a\"b\n")).isFalse();
    }
}
