package dev.vigil.benchmarks.micro;

import dev.vigil.io.DataFiles;
import dev.vigil.io.csv.CsvReader;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.testing.KpiDataGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a data file into a time frame through the public API, as a user would: 100,000 rows × 20
 * value columns of full-precision doubles (seeded KPI data every second: the KPI, 8 influencers, 10
 * distractors, a label), written once by Vigil as CSV (about 35 MiB) and as Parquet; time per row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class ReadFile {
    private static final int ROWS = 100_000;

    private Path dir;
    private Path csv;
    private Path parquet;
    private DataFiles files;

    /** Writes both files to a temporary folder. */
    @Setup
    public void setUp() throws IOException {
        TimeFrame frame = KpiDataGenerator.create().rows(ROWS).period(Duration.ofSeconds(1)).influencers(8).distractors(10).seed(1)
                .generate().frame();
        dir = Files.createTempDirectory("vigil-jmh-read");
        csv = dir.resolve("bench.csv");
        parquet = dir.resolve("bench.parquet");
        files = DataFiles.discover();
        files.write(frame, csv);
        files.write(frame, parquet);
    }

    /** Deletes the files. */
    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(csv);
        Files.deleteIfExists(parquet);
        Files.deleteIfExists(dir);
    }

    /** {@code CsvReader.read}: sniffing the separator and timestamp column, then every cell parsed strictly. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public TimeFrame csv() {
        return CsvReader.read(csv, new JobLog());
    }

    /** {@code DataFiles.read} of the Parquet file (vigil-io-parquet, found by the extension). */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public TimeFrame parquet() {
        return files.read(parquet, ReadOptions.DEFAULT, new JobLog());
    }
}
