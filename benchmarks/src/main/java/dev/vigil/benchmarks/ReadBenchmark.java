package dev.vigil.benchmarks;

import dev.vigil.io.DataFiles;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.testing.KpiDataGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * End-to-end reading of a large data file into a time frame: 1,000,000 rows × 20 value columns
 * (seeded KPI data: a KPI, 8 influencers, 10 distractors, a label), written once as CSV and as
 * Parquet, then read through {@link DataFiles} as a user would, in a warm JVM; writing both is timed
 * too. The files go to the folder given, or to a temporary one that is deleted at the end.
 *
 * <pre>java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.ReadBenchmark [rows] [dir]</pre>
 */
public final class ReadBenchmark {
    private ReadBenchmark() {
    }

    /** Runs the benchmark; arguments: rows (default 1,000,000), folder for the files (default: a temporary one). */
    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        boolean temporary = args.length < 2;
        Path dir = temporary ? Files.createTempDirectory("vigil-read-bench") : Files.createDirectories(Path.of(args[1]));
        DataFiles files = DataFiles.discover();
        TimeFrame frame = KpiDataGenerator.create().rows(rows).period(Duration.ofSeconds(1)).influencers(8).distractors(10)
                .seed(1).generate().frame();
        Path csv = dir.resolve("bench.csv");
        Path parquet = dir.resolve("bench.parquet");
        files.write(frame, csv);
        files.write(frame, parquet);
        System.out.printf(Locale.ROOT, "%,d rows × %d value columns; CSV %,d MiB, Parquet %,d MiB%n", frame.rows(),
                frame.columnCount(), Files.size(csv) >> 20, Files.size(parquet) >> 20);
        System.out.println(Measure.time("read Parquet", 3, 7, () -> files.read(parquet, ReadOptions.DEFAULT, new JobLog())));
        System.out.println(Measure.time("read CSV", 2, 5, () -> files.read(csv, ReadOptions.DEFAULT, new JobLog())));
        System.out.println(Measure.time("write Parquet", 1, 3, () -> {
            files.write(frame, parquet);
            return parquet;
        }));
        System.out.println(Measure.time("write CSV", 1, 3, () -> {
            files.write(frame, csv);
            return csv;
        }));
        if (temporary) {
            Files.delete(csv);
            Files.delete(parquet);
            Files.delete(dir);
        }
    }
}
