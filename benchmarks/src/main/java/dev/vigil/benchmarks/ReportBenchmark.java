package dev.vigil.benchmarks;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.ProgressListener;
import dev.vigil.evaluation.HoldOut;
import dev.vigil.io.csv.CsvReader;
import dev.vigil.rca.Importances;
import dev.vigil.rca.RootCauseAnalysis;
import dev.vigil.report.Browser;
import dev.vigil.report.Report;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.testing.KpiDataGenerator;
import dev.vigil.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The HTML report (issue 16): its size and its time to first render in Debian's headless Chromium, the
 * time from navigation until every chart has drawn (the page's own {@code performance.now()} when the last
 * chart says it has finished), min and median of several fresh loads of the file.
 *
 * <ol>
 *   <li>production_line.csv (../shared, 14,400 rows): built on the first two thirds, detected on the rest, as the demo does;
 *   <li>1,000,000 generated rows × 20 influencers with labels: built on the first 100,000, detected on the rest;
 *   <li>the same with 900 injected anomalies, so that the anomaly list is full (2,000 rows, each with its causes).
 * </ol>
 *
 * Every report has the KPI, normal behaviour, indicators, importances, the anomaly list with root causes and
 * the evaluation. Run: {@code java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.ReportBenchmark [runs]}
 */
public final class ReportBenchmark {
    private ReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String why = Browser.unavailable();
        if (why != null) {
            System.out.println("Skipped: " + why);
            return;
        }
        System.out.println("Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores available");
        Path dir = Files.createTempDirectory("vigil-report-benchmark");
        Optional<Path> line = SharedData.file("datasets/tim/production_line.csv");
        if (line.isPresent()) {
            TimeFrame raw = CsvReader.read(line.get(), new JobLog());
            measure("production_line.csv, 14,400 rows", raw, "Output", null, 2.0 / 3, dir.resolve("line.html"), runs);
        } else {
            System.out.println(SharedData.skipped("datasets/tim/production_line.csv"));
        }
        TimeFrame million = KpiDataGenerator.create().rows(1_000_000).period(Duration.ofSeconds(1)).seed(1_000_020).influencers(8)
                .distractors(12).generate().frame();
        measure("1,000,000 rows x 20 influencers", million, "kpi", "label", 0.1, dir.resolve("million.html"), runs);
        TimeFrame busy = KpiDataGenerator.create().rows(1_000_000).period(Duration.ofSeconds(1)).seed(1_000_021).influencers(8)
                .distractors(12).anomalies(600, 150, 150, 0).generate().frame();
        measure("1,000,000 rows x 20 influencers, 900 injected anomalies (the list full)", busy, "kpi", "label", 0.1,
                dir.resolve("busy.html"), runs);
    }

    private static void measure(String what, TimeFrame raw, String kpi, String label, double inSample, Path file, int runs) throws Exception {
        AnomalyDetector.Builder detector = AnomalyDetector.builder().kpi(kpi);
        if (label != null) {
            detector.label(label);
        }
        HoldOut run = HoldOut.run(detector, raw, inSample, ProgressListener.NONE);
        var model = run.built().model();
        long t0 = System.nanoTime();
        Report report = Report.builder().title(what).command("ReportBenchmark").inSample(run.built().inSample()).detected(run.detected())
                .importances(Importances.of(model.normalBehavior().summary()))
                .rootCauses(RootCauseAnalysis.of(model).decompose(raw, run.detectedRows())).build();
        report.write(file);
        double writeSeconds = (System.nanoTime() - t0) / 1e9;
        long bytes = Files.size(file);
        double[] render = new double[runs];
        try (Browser browser = new Browser(1280, 1000)) {
            browser.open(file, Duration.ofMinutes(2)); // warm-up: the browser's own start
            for (int i = 0; i < runs; i++) {
                render[i] = browser.open(file, Duration.ofMinutes(2));
            }
            if (!browser.severe().isEmpty()) {
                System.out.println("Console errors: " + browser.severe());
            }
        }
        Arrays.sort(render);
        System.out.printf(Locale.ROOT, "%s: %,d anomalous rows; report %.2f MB, built and written in %.2f s; first render min %.0f ms, "
                + "median %.0f ms over %d loads%n", what, run.detected().anomalies().size() + run.built().inSample().anomalies().size(),
                bytes / 1e6, writeSeconds, render[0], render[runs / 2], runs);
    }
}
