package dev.vigil.benchmarks;

import dev.vigil.core.quality.DataQuality;
import dev.vigil.io.csv.CsvWriter;
import dev.vigil.io.layout.LayoutData;
import dev.vigil.io.layout.LayoutOptions;
import dev.vigil.io.layout.Layouts;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.testing.KpiDataGenerator;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * End-to-end reading of one data set in each layout into one aligned frame ({@link Layouts}): seeded KPI
 * data, 20 value columns, written as one CSV, as one {@code timestamp,value} CSV per variable (a folder
 * and a zip) and as 4 component folders of 5 sensors; then the data-quality report over what was read.
 * A warm JVM: 1 untimed run, then the median of 3.
 *
 * <pre>java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.LayoutReadBenchmark [rows]</pre>
 */
public final class LayoutReadBenchmark {
    private LayoutReadBenchmark() {
    }

    /** Runs the benchmark; argument: rows (default 200,000). */
    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path dir = Files.createTempDirectory("vigil-layout-bench");
        try {
            TimeFrame frame = KpiDataGenerator.create().rows(rows).period(Duration.ofSeconds(1)).influencers(8).distractors(10)
                    .seed(1).generate().frame();
            List<String> names = frame.columnNames();
            Path one = dir.resolve("one.csv");
            CsvWriter.write(frame, one);
            Path perVariable = Files.createDirectories(dir.resolve("per-variable"));
            for (String n : names) {
                CsvWriter.write(TimeFrame.builder(frame.times()).column("value", frame.values(n)).build(), perVariable.resolve(n + ".csv"));
            }
            Path zip = dir.resolve("per-variable.zip");
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
                for (String n : names) {
                    z.putNextEntry(new ZipEntry(n + ".csv"));
                    Files.copy(perVariable.resolve(n + ".csv"), z);
                    z.closeEntry();
                }
            }
            Path components = Files.createDirectories(dir.resolve("components"));
            int per = (names.size() + 3) / 4;
            for (int c = 0; c * per < names.size(); c++) {
                Path folder = Files.createDirectories(components.resolve("component-" + c));
                CsvWriter.write(frame.select(names.subList(c * per, Math.min(names.size(), (c + 1) * per))), folder.resolve("data.csv"));
            }
            System.out.printf(Locale.ROOT, "%,d rows × %d value columns; one CSV %,d MiB, zip %,d MiB%n", frame.rows(), names.size(),
                    Files.size(one) >> 20, Files.size(zip) >> 20);
            for (Path p : List.of(one, perVariable, zip, components)) {
                String what = "read " + dir.relativize(p);
                System.out.println(Measure.time(what, 1, 3, () -> Layouts.read(p, LayoutOptions.DEFAULT, ReadOptions.DEFAULT, new JobLog())));
            }
            LayoutData lenient = Layouts.read(perVariable, LayoutOptions.DEFAULT.withLenient(true), ReadOptions.DEFAULT, new JobLog());
            System.out.println(Measure.time("quality report (per-variable)", 1, 3, () -> DataQuality.assess(lenient.quality())));
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
