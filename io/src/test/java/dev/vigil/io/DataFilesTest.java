package dev.vigil.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.io.csv.CsvFormat;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {
    private final DataFiles files = DataFiles.discover();

    @Test
    void csvIsDiscoveredForBothExtensions() {
        assertThat(files.formatOf(Path.of("a.csv"))).isInstanceOf(CsvFormat.class);
        assertThat(files.formatOf(Path.of("dir/A.CSV.GZ"))).isInstanceOf(CsvFormat.class);
    }

    @Test
    void unknownExtensionsNameTheKnownOnes() {
        assertThatThrownBy(() -> files.formatOf(Path.of("data.xlsx")))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessage("Cannot tell the format of data.xlsx from its name; known extensions: .csv, .csv.gz "
                        + "(.parquet needs the vigil-io-parquet artifact)");
    }

    @Test
    void aMissingInputOfNoKnownFormatIsSaidToBeMissing() {
        assertThatThrownBy(() -> files.read(Path.of("nosuch"), ReadOptions.DEFAULT, new JobLog()))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND))
                .hasMessageStartingWith("nosuch does not exist. Cannot tell the format of nosuch from its name; known extensions: .csv");
        assertThatThrownBy(() -> files.read(Path.of("nosuch.csv"), ReadOptions.DEFAULT, new JobLog()))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND))
                .hasMessageContaining("nosuch.csv does not exist");
    }

    @Test
    void aCsvOnlyUserHasNoParquetNorHadoopOnTheClassPath() {
        for (String name : new String[] {"org.apache.parquet.hadoop.ParquetFileReader", "org.apache.hadoop.conf.Configuration",
            "dev.vigil.io.parquet.ParquetFormat"}) {
            assertThatThrownBy(() -> Class.forName(name)).as(name).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void gzippedCsvRoundTrips(@TempDir Path dir) throws IOException {
        TimeFrame f = TimeFrame.builder(new long[] {0, 60_000}).column("v", new double[] {1.5, Double.NaN}).build();
        Path p = dir.resolve("out.csv.gz");
        files.write(f, p);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            assertThat(new String(in.readAllBytes())).startsWith("timestamp,v\n1970-01-01T00:00:00Z,1.5\n");
        }
        TimeFrame back = files.read(p, ReadOptions.DEFAULT, new JobLog());
        assertThat(back.column("v").toArray()).containsExactly(1.5, Double.NaN);
    }
}
