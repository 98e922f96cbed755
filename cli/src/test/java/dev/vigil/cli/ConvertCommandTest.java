package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.io.DataFiles;
import dev.vigil.io.csv.CsvWriter;
import dev.vigil.spi.ColumnLayout;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.ReadResult;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.testing.KpiDataGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
    @TempDir
    Path dir;

    private Path generated() {
        TimeFrame f = KpiDataGenerator.create().rows(2000).seed(3).anomalies(2, 1, 1, 0).generate().frame();
        double[] gappy = f.column("x2").toArray();
        for (int r = 5; r < gappy.length; r += 17) {
            gappy[r] = Double.NaN;
        }
        Path p = dir.resolve("gen.csv");
        CsvWriter.write(f.withColumn("x2", gappy), p);
        return p;
    }

    private static CliRun ok(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        return run;
    }

    @Test
    void csvToParquetAndBackIsByteForByteTheSame() throws IOException {
        Path csv = generated();
        Path parquet = dir.resolve("out/gen.parquet");
        Path back = dir.resolve("back.csv");

        CliRun run = ok("convert", csv.toString(), parquet.toString());
        assertThat(run.out()).isEqualTo("Converted 2,000 rows and 7 value columns from " + csv + " to " + parquet
                + System.lineSeparator());
        ok("convert", parquet.toString(), back.toString());
        assertThat(Files.readString(back)).isEqualTo(Files.readString(csv));
    }

    @Test
    void gzippedCsvToo() throws IOException {
        Path csv = generated();
        Path gz = dir.resolve("gen.csv.gz");
        Path parquet = dir.resolve("gen.parquet");
        Path back = dir.resolve("back.csv.gz");
        ok("convert", csv.toString(), gz.toString());
        ok("convert", gz.toString(), parquet.toString());
        ok("convert", parquet.toString(), back.toString());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(back))) {
            assertThat(new String(in.readAllBytes())).isEqualTo(Files.readString(csv));
        }
    }

    /** A run that succeeded with warnings on stderr, and nothing else there. */
    private static CliRun okWithWarnings(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines()).isNotEmpty().allMatch(l -> l.startsWith("Warning: "));
        return run;
    }

    @Test
    void keepsTheTimestampColumnsNameAndPlaceAndEveryColumnsOrderNamesAndValuesBothWays() throws IOException {
        Path csv = dir.resolve("plant.csv");
        Files.writeString(csv, "Zeta;Datetime;Alpha value;state\n1.50;2019-03-06 10:52:33;-0;on\n;2019-03-06 10:52:34;2e3;off\n");
        Path direct = dir.resolve("direct.csv");
        Path parquet = dir.resolve("plant.parquet");
        Path viaParquet = dir.resolve("via.csv");
        Path gz = dir.resolve("via.csv.gz");
        Path gzParquet = dir.resolve("via-gz.parquet");
        String warning = "Warning: Dropped 1 non-numeric column of " + csv + ": state (e.g. 'on'). Name a column as KPI or influencer "
                + "to have its cells checked instead." + System.lineSeparator();
        assertThat(okWithWarnings("convert", csv.toString(), direct.toString()).err()).isEqualTo(warning);
        assertThat(okWithWarnings("convert", csv.toString(), parquet.toString()).err()).isEqualTo(warning);
        ok("convert", parquet.toString(), viaParquet.toString());
        ok("convert", viaParquet.toString(), gz.toString());
        ok("convert", gz.toString(), gzParquet.toString());

        String expected = "Zeta,Datetime,Alpha value\n1.5,2019-03-06T10:52:33Z,0\n,2019-03-06T10:52:34Z,2000\n";
        assertThat(Files.readString(direct)).isEqualTo(expected);
        assertThat(Files.readString(viaParquet)).isEqualTo(expected);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertThat(new String(in.readAllBytes())).isEqualTo(expected);
        }
        for (Path p : new Path[] {parquet, gzParquet}) {
            ReadResult read = DataFiles.discover().readFile(p, ReadOptions.DEFAULT, new JobLog());
            assertThat(read.layout()).as(p.toString()).isEqualTo(new ColumnLayout("Datetime", 1, Map.of()));
            assertThat(read.frame().columnNames()).containsExactly("Zeta", "Alpha value");
            assertThat(read.frame().column("Zeta").toArray()).containsExactly(1.5, Double.NaN);
            double[] alpha = read.frame().column("Alpha value").toArray(); // -0 in CSV, written back as 0
            assertThat(alpha[0] == 0 && alpha[1] == 2000).as(Arrays.toString(alpha)).isTrue();
            assertThat(read.frame().times()).containsExactly(Instant.parse("2019-03-06T10:52:33Z").toEpochMilli(),
                    Instant.parse("2019-03-06T10:52:34Z").toEpochMilli());
        }
    }

    @Test
    void aTimestampColumnLastStaysLast() throws IOException {
        Path csv = dir.resolve("last.csv");
        Files.writeString(csv, "b,a,Datetime\n1,2,2019-03-06T10:52:33Z\n3,4,2019-03-06T10:52:34.500Z\n");
        Path parquet = dir.resolve("last.parquet");
        Path back = dir.resolve("back.csv");
        ok("convert", csv.toString(), parquet.toString());
        ok("convert", parquet.toString(), back.toString());
        assertThat(Files.readString(back)).isEqualTo(Files.readString(csv));
    }

    @Test
    void timestampColumnAndZone() throws IOException {
        Path csv = dir.resolve("local.csv");
        Files.writeString(csv, "logged,measured,v\n2020-01-01,2021-07-01 12:00:00,1\n2020-01-01,2021-07-01 12:00:01,2\n");
        Path parquet = dir.resolve("local.parquet");
        CliRun run = okWithWarnings("convert", csv.toString(), parquet.toString(), "--timestamp", "measured", "--zone", "Europe/Brussels");
        assertThat(run.err()).contains("Dropped 1 non-numeric column of " + csv + ": logged (e.g. '2020-01-01')");
        ReadResult read = DataFiles.discover().readFile(parquet, ReadOptions.DEFAULT, new JobLog());
        TimeFrame f = read.frame();
        assertThat(f.time(0)).isEqualTo(Instant.parse("2021-07-01T10:00:00Z").toEpochMilli());
        assertThat(f.columnNames()).containsExactly("v");
        assertThat(read.layout().timestampColumn()).isEqualTo("measured");
    }

    @Test
    void refusesToConvertAFileIntoItself() throws IOException {
        Path csv = generated();
        byte[] before = Files.readAllBytes(csv);
        for (String out : new String[] {csv.toString(), dir.resolve("sub/../gen.csv").toString()}) {
            CliRun run = CliRun.of("convert", csv.toString(), out);
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).isEqualTo("vigil: Refusing to convert " + csv + " into itself: OUT must be another file than IN, "
                    + "which is never modified" + System.lineSeparator());
        }
        assertThat(Files.readAllBytes(csv)).isEqualTo(before);
    }

    @Test
    void badInputAndUnknownFormatsAreOneLineAndExitTwo() throws IOException {
        Path csv = generated();
        CliRun unknown = CliRun.of("convert", csv.toString(), dir.resolve("out.xlsx").toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("vigil: Cannot tell the format of " + dir.resolve("out.xlsx")
                + " from its name; known extensions: .csv, .csv.gz, .parquet" + System.lineSeparator());
        Path fake = dir.resolve("fake.parquet");
        Files.writeString(fake, "not parquet at all");
        CliRun bad = CliRun.of("convert", fake.toString(), dir.resolve("x.csv").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).startsWith("vigil: " + fake + " is not a Parquet file").hasLineCount(1);
        assertThat(dir.resolve("x.csv")).doesNotExist();
    }

    @Test
    void helpAndVersion() {
        CliRun help = ok("convert", "--help");
        assertThat(help.out()).contains("Usage: vigil convert").contains("--timestamp=COL").contains("--zone=ZONE").contains(".parquet");
        assertThat(ok("convert", "--version").out()).startsWith("vigil ");
        assertThat(ok("--help").out()).contains("convert");
    }
}
