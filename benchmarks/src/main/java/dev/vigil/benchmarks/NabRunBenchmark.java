package dev.vigil.benchmarks;

import dev.vigil.cli.Main;
import dev.vigil.testing.SharedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * End-to-end time of {@code vigil nab run} on the whole NAB corpus (58 files, 365,558 rows): reading,
 * detection under NAB's rules with the default configuration and schedule, writing the result files,
 * scoring. Runs the command in-process {@code runs} times (argument, default 3; the first run is cold)
 * and prints the last run's report and the timing. Needs ../shared/datasets/nab; says so and stops
 * when it is absent.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.NabRunBenchmark [runs]</pre>
 */
public final class NabRunBenchmark {
    private NabRunBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String relative = "datasets/nab/labels/combined_windows.json";
        Optional<Path> windows = SharedData.file(relative);
        if (windows.isEmpty()) {
            System.out.println(SharedData.skipped(relative));
            return;
        }
        Path nab = windows.get().getParent().getParent();
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        System.out.println("Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores available");
        Path out = Files.createTempDirectory("vigil-nab-run");
        try {
            StringWriter report = new StringWriter();
            Measure.Timing t = Measure.time("vigil nab run, whole corpus (58 files, 365,558 rows)", 0, runs, () -> {
                StringWriter o = new StringWriter();
                StringWriter e = new StringWriter();
                int code = Main.run(new String[] {"nab", "run", "--data-dir", nab.toString(), "--out", out.toString()}, new PrintWriter(o, true),
                        new PrintWriter(e, true));
                if (code != 0) {
                    throw new IllegalStateException("vigil nab run failed (exit " + code + "): " + e);
                }
                report.getBuffer().setLength(0);
                report.write(o.toString());
                return code;
            });
            System.out.print(report);
            System.out.println(t);
        } finally {
            delete(out);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
