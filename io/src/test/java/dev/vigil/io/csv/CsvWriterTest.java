package dev.vigil.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.ColumnLayout;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.ReadResult;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {
    @Test
    void writesIsoTimestampsEmptyCellsAndShortNumbers(@TempDir Path dir) throws IOException {
        long t0 = Instant.parse("2019-03-06T10:52:33Z").toEpochMilli();
        TimeFrame f = TimeFrame.builder(new long[] {t0, t0 + 1500})
                .column("a", new double[] {1, Double.NaN})
                .column("b, c", new double[] {0.1, -2.5e-7})
                .build();
        Path out = dir.resolve("out.csv");
        CsvWriter.write(f, out);
        assertThat(Files.readString(out)).isEqualTo("timestamp,a,\"b, c\"\n"
                + "2019-03-06T10:52:33Z,1,0.1\n"
                + "2019-03-06T10:52:34.500Z,,-2.5E-7\n");
    }

    @Test
    void aLayoutNamesAndPlacesTheTimestampColumnAndReadsBackTheSame(@TempDir Path dir) throws IOException {
        long t0 = Instant.parse("2019-03-06T10:52:33Z").toEpochMilli();
        TimeFrame f = TimeFrame.builder(new long[] {t0, t0 + 1000}).column("a", new double[] {1, Double.NaN})
                .column("b", new double[] {0.5, 2}).build();
        Path middle = dir.resolve("middle.csv");
        CsvWriter.write(f, middle, new ColumnLayout("Datetime", 1, Map.of()));
        assertThat(Files.readString(middle)).isEqualTo("a,Datetime,b\n1,2019-03-06T10:52:33Z,0.5\n,2019-03-06T10:52:34Z,2\n");
        Path last = dir.resolve("last.csv.gz");
        CsvWriter.write(f, last, new ColumnLayout("when, UTC", 2, Map.of()));
        ReadResult back = CsvReader.readFile(last, ReadOptions.DEFAULT, new JobLog());
        assertThat(back.layout()).isEqualTo(new ColumnLayout("when, UTC", 2, Map.of()));
        assertThat(back.frame().columnNames()).containsExactly("a", "b");
        assertThat(back.frame().times()).containsExactly(f.times());
        assertThatThrownBy(() -> CsvWriter.write(f, dir.resolve("x.csv"), new ColumnLayout("t", 3, Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("position 3 but there are only 2 value columns");
    }

    @Test
    void plainTablesQuoteTextAndWriteNumbersShort(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("table.csv");
        CsvWriter.writeTable(java.util.List.of("name", "importance"),
                java.util.List.of(java.util.List.of("Pressure, bar", 0.25), java.util.List.of("Output", 1.0)), out);
        assertThat(Files.readString(out)).isEqualTo("name,importance\n\"Pressure, bar\",0.25\nOutput,1\n");
    }

    @Test
    void textThatTheReaderWouldTrimOrSkipIsQuoted() {
        assertThat(CsvWriter.quote(" padded ")).isEqualTo("\" padded \"");
        assertThat(CsvWriter.quote("#1")).isEqualTo("\"#1\"");
        assertThat(CsvWriter.quote("a\tb")).isEqualTo("\"a\tb\"");
        assertThat(CsvWriter.quote("a\rb")).isEqualTo("\"a\rb\"");
        assertThat(CsvWriter.quote("a b#")).isEqualTo("a b#");
    }

    @Test
    void whatIsWrittenReadsBackBitForBit(@TempDir Path dir) {
        int n = 1000;
        long[] t = new long[n];
        double[] v = new double[n];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            t[i] = -86_400_000L * 400 + i * 3_600_123L;
            v[i] = i % 17 == 0 ? Double.NaN : random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10);
        }
        TimeFrame f = TimeFrame.builder(t).column("v", v).build();
        Path out = dir.resolve("round.csv");
        CsvWriter.write(f, out);
        TimeFrame back = CsvReader.read(out, new JobLog());
        assertThat(back.times()).containsExactly(t);
        assertThat(back.column("v").toArray()).containsExactly(v);
    }
}
