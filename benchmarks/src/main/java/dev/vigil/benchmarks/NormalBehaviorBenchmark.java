package dev.vigil.benchmarks;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.BuildResult;
import dev.vigil.io.csv.CsvReader;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.KpiDataGenerator;
import dev.vigil.testing.SharedData;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Fitting the normal-behaviour model (build-model without the anomalous model), warm JVM:
 *
 * <ol>
 *   <li>production_line.csv (14k rows × 41 influencers, default features, first 9,392 rows), if
 *       ../shared is present;
 *   <li>1,000,000 rows × 20 influencers (generated), to run with {@code -Xmx2g};
 *   <li>how time grows with rows (20 influencers) and with influencers (100,000 rows).
 * </ol>
 *
 * Run: {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.NormalBehaviorBenchmark [quick]}
 */
public final class NormalBehaviorBenchmark {
    private NormalBehaviorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("quick");
        System.out.println("Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        Optional<java.nio.file.Path> line = SharedData.file("datasets/tim/production_line.csv");
        if (line.isPresent()) {
            TimeFrame raw = CsvReader.read(line.get(), new JobLog());
            AnomalyDetector detector = AnomalyDetector.builder().kpi("Output").rows(RowSelection.first(9392, RowUnit.Sample)).build();
            System.out.println(Measure.time("production_line.csv, first 9,392 rows, default features: whole build", 5, 15,
                    () -> detector.build(raw)));
            printPhases(detector.build(raw));
            printFitAlone("first 9,392 rows", detector, raw);
            printFitAlone("all 14,088 rows", AnomalyDetector.builder().kpi("Output").build(), raw);
        } else {
            System.out.println(SharedData.skipped("datasets/tim/production_line.csv"));
        }

        TimeFrame million = generated(1_000_000, 20);
        AnomalyDetector plain = AnomalyDetector.builder().kpi("kpi").build();
        System.out.println(Measure.time("1,000,000 rows x 20 influencers, default features", 1, quick ? 1 : 3, () -> plain.build(million)));
        printPhases(plain.build(million));

        System.out.println();
        System.out.println("| rows | influencers | candidates | terms | whole build (median s) |");
        System.out.println("|---:|---:|---:|---:|---:|");
        for (int rows : new int[] {10_000, 100_000, 1_000_000}) {
            row(rows, 20, quick);
        }
        for (int influencers : new int[] {5, 10, 40}) {
            row(100_000, influencers, quick);
        }
    }

    private static void row(int rows, int influencers, boolean quick) throws Exception {
        TimeFrame f = generated(rows, influencers);
        AnomalyDetector d = AnomalyDetector.builder().kpi("kpi").build();
        Measure.Timing t = Measure.time(rows + "x" + influencers, 1, quick || rows >= 1_000_000 ? 1 : 3, () -> d.build(f));
        BuildResult b = d.build(f);
        int terms = b.model().normalBehavior().summary().models().get(0).terms().size();
        String candidates = b.inSample().logs().stream().map(LogEntry::message).filter(m -> m.startsWith("Proposed "))
                .map(m -> m.replaceAll("Proposed (\\d+) .*", "$1")).findFirst().orElse("?");
        System.out.printf(Locale.ROOT, "| %,d | %d | %s | %d | %.3f |%n", rows, influencers, candidates, terms, t.medianSeconds());
    }

    /** Rows of 1-second data: 8 influencers the KPI depends on, the rest distractors. */
    static TimeFrame generated(int rows, int influencers) {
        int real = Math.min(8, influencers);
        return KpiDataGenerator.create().rows(rows).period(Duration.ofSeconds(1)).seed(rows + influencers)
                .influencers(real).distractors(influencers - real).generate().unlabelled();
    }

    /** Median and minimum over 15 builds of the first normal-behaviour fit alone. */
    private static void printFitAlone(String rows, AnomalyDetector detector, TimeFrame raw) {
        double[] fit = new double[15];
        for (int i = 0; i < fit.length; i++) {
            fit[i] = normalBehaviorSeconds(detector.build(raw));
        }
        java.util.Arrays.sort(fit);
        System.out.printf(Locale.ROOT, "    %s: normal-behaviour fit alone (first pass, from its logged phases): median %.3f s, min %.3f s%n",
                rows, fit[fit.length / 2], fit[0]);
    }

    /** The first normal-behaviour fit of a build: the sum of the phases it logs. */
    private static double normalBehaviorSeconds(BuildResult b) {
        String m = b.inSample().logs().stream().map(LogEntry::message).filter(x -> x.startsWith("Time spent")).findFirst().orElseThrow();
        java.util.regex.Matcher seconds = java.util.regex.Pattern.compile("(\\d+\\.\\d+) s").matcher(m);
        double sum = 0;
        while (seconds.find()) {
            sum += Double.parseDouble(seconds.group(1));
        }
        return sum;
    }

    private static void printPhases(BuildResult b) {
        b.inSample().logs().stream().map(LogEntry::message)
                .filter(m -> m.startsWith("Time spent") || m.startsWith("Proposed") || m.startsWith("Normal behaviour model"))
                .forEach(m -> System.out.println("    " + m));
    }
}
