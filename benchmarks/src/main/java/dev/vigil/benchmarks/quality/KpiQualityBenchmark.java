package dev.vigil.benchmarks.quality;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.BuildResult;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.evaluation.Auc;
import dev.vigil.evaluation.ConfusionMatrix;
import dev.vigil.evaluation.ErrorMeasures;
import dev.vigil.evaluation.EventMetrics;
import dev.vigil.evaluation.LabelTuning;
import dev.vigil.io.config.ConfigurationReader;
import dev.vigil.perspectives.Fluctuation;
import dev.vigil.perspectives.Imbalance;
import dev.vigil.perspectives.Residual;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.JobSettings;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.GeneratedData;
import dev.vigil.testing.InjectedAnomaly;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The KPI-detection quality table of BENCHMARKS.md: for every case of {@link KpiCases}, a model built
 * with one configuration on the in-sample rows, judged on the rows after them — AUC of the largest
 * indicator, point precision/recall/F1 at the model's own decision (anomaly code 1 or 3), the best F1 any
 * single threshold on the largest indicator reaches, event recall, and false-alarm runs (runs of flagged
 * rows that touch no labelled event) per 10,000 normal rows.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.quality.KpiQualityBenchmark [dev|heldout|all] [--config FILE] [--dump FILE] [--log] [--tune]
 *     [--fluctuation ROWS] [--folds K]
 * </pre>
 *
 * After the mean, one line per kind of injected anomaly (AUC of its rows against the normal rows, events caught, rows), the mean
 * AUC without the influencer faults' rows, and the mean ceiling with them at chance ({@code Kinds.ceiling()}).
 * {@code --tune} compares, per case, event F1 with the configuration and with what {@code vigil tune} picks on the in-sample rows
 * ({@code --folds K} time-ordered folds, default 4, as {@code vigil tune}).
 * {@code --log} prints each case's anomalous-behaviour log lines (the evidence for each automatic sensitivity).
 * {@code --dump} writes every row of every case ({@code case,row,inSample,label,<indicator>…}) for study.
 * {@code --fluctuation ROWS} detects with Residual, Imbalance (default windows) and Fluctuation with a window of ROWS rows of each
 * case's sampling period — a candidate default that a JSON configuration cannot express (it uses the default windows).
 */
public final class KpiQualityBenchmark {
    private KpiQualityBenchmark() {
    }

    /** One case's figures. */
    record Row(String name, double auc, double precision, double recall, double f1, double bestF1, int events, int caught,
            int falseRuns, long normalRows, String sensitivities, Kinds kinds) {
    }

    /**
     * Figures by kind of injected anomaly, indexed by {@link InjectedAnomaly.Kind#ordinal()}: AUC of the largest indicator with
     * that kind's rows against the normal rows (other anomalies left out; NaN when the case has none), and its events caught.
     */
    record Kinds(double[] auc, int[] events, int[] caught, int[] rows) {
        /**
         * The largest AUC any score reaches when the rows of influencer faults rank no better than normal rows (AUC 0.5: the KPI
         * follows the faulty influencer through its normal relation, so the KPI's residual cannot tell them from normal rows) and every
         * other anomalous row ranks above every normal row: {@code 1 − 0.5·faultRows/anomalousRows}.
         */
        double ceiling() {
            int all = Arrays.stream(rows).sum();
            return all == 0 ? Double.NaN : 1 - 0.5 * rows[InjectedAnomaly.Kind.INFLUENCER_FAULT.ordinal()] / all;
        }

        /** The AUC with the fault rows left out: the mean of the other kinds' AUCs, weighted by their rows. */
        double withoutFaults() {
            double sum = 0;
            int n = 0;
            for (InjectedAnomaly.Kind kind : InjectedAnomaly.Kind.values()) {
                if (kind != InjectedAnomaly.Kind.INFLUENCER_FAULT && rows[kind.ordinal()] > 0) {
                    sum += auc[kind.ordinal()] * rows[kind.ordinal()];
                    n += rows[kind.ordinal()];
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }
    }

    public static void main(String[] args) throws Exception {
        String set = "heldout";
        Path config = null;
        Path dump = null;
        Path tuneDump = null;
        boolean logs = false;
        boolean tune = false;
        int fluctuation = 0;
        int folds = 4;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> config = Path.of(args[++i]);
                case "--dump" -> dump = Path.of(args[++i]);
                case "--tune-dump" -> tuneDump = Path.of(args[++i]);
                case "--log" -> logs = true;
                case "--tune" -> tune = true;
                case "--fluctuation" -> fluctuation = Integer.parseInt(args[++i]);
                case "--folds" -> folds = Integer.parseInt(args[++i]);
                default -> set = args[i];
            }
        }
        List<KpiCases.Case> cases = switch (set) {
            case "dev" -> KpiCases.development();
            case "heldout" -> KpiCases.heldOut();
            case "all" -> {
                List<KpiCases.Case> all = new ArrayList<>(KpiCases.development());
                all.addAll(KpiCases.heldOut());
                yield all;
            }
            default -> throw new IllegalArgumentException("set must be dev, heldout or all: " + set);
        };
        JobSettings settings = config == null ? JobSettings.DEFAULT : ConfigurationReader.read(config, new JobLog());
        if (tuneDump != null) {
            tuningDump(cases, settings, tuneDump);
            return;
        }
        if (tune) {
            tuning(cases, settings, folds);
            return;
        }
        JobSettings chosen = settings;
        int window = fluctuation;
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<Future<Object[]>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (KpiCases.Case c : cases) {
            futures.add(pool.submit(() -> run(c, chosen, window)));
        }
        BufferedWriter w = dump == null ? null : Files.newBufferedWriter(dump);
        List<Row> rows = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-22s %6s %6s %6s %6s %6s %7s %6s %6s  %s%n", "case", "AUC", "P", "R", "F1", "bestF1", "events",
                "falseR", "FA/10k", "sensitivities");
        for (Future<Object[]> f : futures) {
            Object[] r = f.get();
            Row row = (Row) r[0];
            rows.add(row);
            print(row);
            if (logs) {
                ((BuildResult) r[1]).inSample().logs().stream().filter(e -> e.origin().equals("AnomalousBehavior"))
                        .forEach(e -> System.out.println("    " + e.message()));
            }
            if (w != null) {
                if (rows.size() == 1) {
                    w.write("case,row,inSample,label," + String.join(",", ((DetectionResult) r[2]).indicatorColumns()) + ",code\n");
                }
                write(w, row.name(), ((BuildResult) r[1]).inSample(), 1, 0);
                write(w, row.name(), (DetectionResult) r[2], 0, KpiCases.IN_SAMPLE);
            }
        }
        if (w != null) {
            w.close();
        }
        pool.shutdown();
        summary(rows);
        System.out.printf(Locale.ROOT, "%d cases in %.1f s%n", rows.size(), (System.nanoTime() - t0) / 1e9);
    }

    private static Object[] run(KpiCases.Case c, JobSettings settings, int fluctuation) {
        GeneratedData g = c.generate();
        AnomalyDetector.Builder b = AnomalyDetector.builder().settings(settings).kpi("kpi").label("label")
                .rows(RowSelection.first(KpiCases.IN_SAMPLE, RowUnit.Sample));
        if (fluctuation > 0) {
            b.perspectives(new Residual(), new Imbalance(), new Fluctuation(fluctuationSpan(g.frame(), fluctuation)));
        }
        AnomalyDetector detector = b.build();
        BuildResult built = detector.build(g.frame());
        DetectionResult found = built.model().detect(g.frame(), RowSelection.last(KpiCases.ROWS - KpiCases.IN_SAMPLE, RowUnit.Sample));
        Row row = measure(c.name(), found);
        row = new Row(row.name(), row.auc(), row.precision(), row.recall(), row.f1(), row.bestF1(), row.events(), row.caught(),
                row.falseRuns(), row.normalRows(), row.sensitivities(), kinds(found, g.anomalies(), KpiCases.ROWS - found.table().rows()));
        return new Object[] {row, built, found};
    }

    /** The span of {@code rows} rows of the frame's sampling period: {@code new Fluctuation(span)} then has a window of {@code rows} rows. */
    static Duration fluctuationSpan(TimeFrame frame, int rows) {
        return Duration.ofMillis(frame.samplingPeriodMillis() * rows);
    }

    /**
     * For every case: event F1 on the rows after the in-sample ones with the given settings, and with the
     * perspectives and sensitivity {@link LabelTuning} picks on the in-sample rows alone (K time-ordered
     * folds, event F1).
     */
    private static void tuning(List<KpiCases.Case> cases, JobSettings settings, int folds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<Future<String>> lines = new ArrayList<>();
        long t0 = System.nanoTime();
        for (KpiCases.Case c : cases) {
            lines.add(pool.submit(() -> {
                GeneratedData g = c.generate();
                TimeFrame inSample = g.frame().slice(0, KpiCases.IN_SAMPLE);
                LabelTuning.Result tuned = LabelTuning.tune(AnomalyDetector.builder().settings(settings).kpi("kpi").label("label"), inSample,
                        LabelTuning.Objective.EVENT_F1, LabelTuning.DEFAULT_PERSPECTIVE_SETS, LabelTuning.DEFAULT_SENSITIVITIES, folds);
                double before = eventF1(c, g, settings);
                double after = eventF1(c, g, tuned.settings());
                return String.format(Locale.ROOT, "%-22s %8.3f %8.3f  %s", c.name(), before, after, tuned.best().candidate());
            }));
        }
        System.out.printf(Locale.ROOT, "%-22s %8s %8s  %s%n", "case", "eventF1", "tuned", "tuned configuration");
        int lifted = 0;
        int lowered = 0;
        double before = 0;
        double after = 0;
        for (Future<String> f : lines) {
            String line = f.get();
            System.out.println(line);
            String[] parts = line.trim().split("\\s+");
            double b = Double.parseDouble(parts[1]);
            double a = Double.parseDouble(parts[2]);
            lifted += a > b ? 1 : 0;
            lowered += a < b ? 1 : 0;
            before += b;
            after += a;
        }
        pool.shutdown();
        System.out.printf(Locale.ROOT, "mean event F1 %.3f with the configuration, %.3f tuned%n", before / cases.size(), after / cases.size());
        System.out.printf(Locale.ROOT, "tuning lifted event F1 on %d of %d cases, lowered it on %d (%.1f s)%n", lifted, cases.size(), lowered,
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * For studying choice rules: every case's per-fold counts of every tuning candidate on the in-sample rows (2, 3 and 4 folds), and
     * (folds 0) its counts on the rows after them, one CSV line each.
     */
    private static void tuningDump(List<KpiCases.Case> cases, JobSettings settings, Path file) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<Future<String>> parts = new ArrayList<>();
        List<LabelTuning.Candidate> candidates = LabelTuning.candidates(LabelTuning.DEFAULT_PERSPECTIVE_SETS, LabelTuning.DEFAULT_SENSITIVITIES);
        for (KpiCases.Case c : cases) {
            parts.add(pool.submit(() -> {
                GeneratedData g = c.generate();
                StringBuilder out = new StringBuilder();
                for (int k : new int[] {0, 2, 3, 4}) {
                    TimeFrame data = k == 0 ? g.frame() : g.frame().slice(0, KpiCases.IN_SAMPLE);
                    List<LabelTuning.Split> splits = k == 0 ? List.of(new LabelTuning.Split(KpiCases.IN_SAMPLE, g.frame().rows()))
                            : LabelTuning.Split.folds(KpiCases.IN_SAMPLE, k);
                    List<List<dev.vigil.evaluation.FoldTally>> t = LabelTuning.evaluate(AnomalyDetector.builder().settings(settings).kpi("kpi")
                            .label("label"), data, LabelTuning.DEFAULT_PERSPECTIVE_SETS, LabelTuning.DEFAULT_SENSITIVITIES, splits);
                    for (int i = 0; i < t.size(); i++) {
                        for (int f = 0; f < t.get(i).size(); f++) {
                            dev.vigil.evaluation.FoldTally x = t.get(i).get(f);
                            out.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%s,%d,%d,%d,%d,%d,%d,%d,%d,%.6f,%.6f,%.6f,%.6f%n", c.name(), k, f, i,
                                    candidates.get(i), x.labelledEvents(), x.caughtEvents(), x.detections(), x.trueDetections(), x.truePositives(),
                                    x.falsePositives(), x.falseNegatives(), x.normalRows(), x.days(), x.nabRaw(), x.nabNull(), x.nabPerfect()));
                        }
                    }
                }
                return out.toString();
            }));
        }
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("case,folds,fold,candidate,name,labelled,caught,detections,trueDetections,tp,fp,fn,normal,days,nabRaw,nabNull,nabPerfect\n");
            for (Future<String> f : parts) {
                w.write(f.get());
            }
        }
        pool.shutdown();
    }

    /** Event F1 of a model built with {@code settings} on the in-sample rows, on the rows after them. */
    private static double eventF1(KpiCases.Case c, GeneratedData g, JobSettings settings) {
        AnomalyDetector detector = AnomalyDetector.builder().settings(settings).kpi("kpi").label("label")
                .rows(RowSelection.first(KpiCases.IN_SAMPLE, RowUnit.Sample)).build();
        DetectionResult found = detector.build(g.frame()).model().detect(g.frame(), RowSelection.last(KpiCases.ROWS - KpiCases.IN_SAMPLE,
                RowUnit.Sample));
        boolean[] predicted = ErrorMeasures.predicted(found.table().values(DetectionResult.ANOMALY_CODE));
        EventMetrics e = EventMetrics.of(found.table().times(), found.labels(), predicted);
        double p = e.detected().isEmpty() ? 0 : (double) e.trueDetections() / e.detected().size();
        double r = e.labelled().isEmpty() ? 0 : (double) e.caught().size() / e.labelled().size();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** The figures of one detection against its labels. */
    static Row measure(String name, DetectionResult found) {
        TimeFrame t = found.table();
        double[] labels = found.labels();
        double[] largest = ErrorMeasures.largestCalculated(found.indicatorColumns().stream().map(t::values).toList());
        boolean[] predicted = ErrorMeasures.predicted(t.values(DetectionResult.ANOMALY_CODE));
        double auc = Auc.of(labels, largest).orElse(Double.NaN);
        ConfusionMatrix m = ConfusionMatrix.of(labels, predicted);
        EventMetrics e = EventMetrics.of(t.times(), labels, predicted);
        long normal = Arrays.stream(labels).filter(l -> l == 0).count();
        String sens = String.join(" ", found.perspectives().stream()
                .map(p -> String.format(Locale.ROOT, "%s=%.2f", p.perspective(), p.sensitivity())).toList());
        return new Row(name, auc, m.precision().orElse(0), m.recall().orElse(0), m.f1().orElse(0), bestF1(labels, largest),
                e.labelled().size(), e.caught().size(), e.detected().size() - e.trueDetections(), normal, sens, null);
    }

    /** The figures by kind of the injected anomalies that lie in the detected rows ({@code offset} the first one's row in the data). */
    static Kinds kinds(DetectionResult found, List<InjectedAnomaly> anomalies, int offset) {
        TimeFrame t = found.table();
        double[] labels = found.labels();
        double[] largest = ErrorMeasures.largestCalculated(found.indicatorColumns().stream().map(t::values).toList());
        boolean[] predicted = ErrorMeasures.predicted(t.values(DetectionResult.ANOMALY_CODE));
        int k = InjectedAnomaly.Kind.values().length;
        double[] auc = new double[k];
        int[] events = new int[k];
        int[] caught = new int[k];
        int[] rows = new int[k];
        for (InjectedAnomaly.Kind kind : InjectedAnomaly.Kind.values()) {
            double[] l = new double[labels.length];
            for (int i = 0; i < l.length; i++) {
                l[i] = labels[i] == 0 ? 0 : Double.NaN;
            }
            boolean any = false;
            for (InjectedAnomaly a : anomalies) {
                int from = Math.max(0, a.start() - offset);
                int to = Math.min(l.length, a.end() - offset);
                if (a.kind() != kind || from >= to) {
                    continue;
                }
                any = true;
                events[kind.ordinal()]++;
                boolean hit = false;
                rows[kind.ordinal()] += to - from;
                for (int i = from; i < to; i++) {
                    l[i] = 1;
                    hit |= predicted[i];
                }
                caught[kind.ordinal()] += hit ? 1 : 0;
            }
            auc[kind.ordinal()] = any ? Auc.of(l, largest).orElse(Double.NaN) : Double.NaN;
        }
        return new Kinds(auc, events, caught, rows);
    }

    /** The best point F1 of any threshold on the score (rows flagged where score ≥ threshold). */
    static double bestF1(double[] labels, double[] score) {
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            n += Double.isNaN(labels[i]) ? 0 : 1;
        }
        double[][] pairs = new double[n][];
        int k = 0;
        int positives = 0;
        for (int i = 0; i < labels.length; i++) {
            if (!Double.isNaN(labels[i])) {
                pairs[k++] = new double[] {Double.isNaN(score[i]) ? Double.NEGATIVE_INFINITY : score[i], labels[i]};
                positives += labels[i] == 1 ? 1 : 0;
            }
        }
        Arrays.sort(pairs, (a, b) -> Double.compare(b[0], a[0]));
        double best = 0;
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < n; i++) {
            if (pairs[i][1] == 1) {
                tp++;
            } else {
                fp++;
            }
            if (i + 1 == n || pairs[i + 1][0] != pairs[i][0]) {
                best = Math.max(best, 2.0 * tp / (2.0 * tp + fp + (positives - tp)));
            }
        }
        return best;
    }

    private static void print(Row r) {
        System.out.printf(Locale.ROOT, "%-22s %6.3f %6.3f %6.3f %6.3f %6.3f %3d/%-3d %6d %6.2f  %s%n", r.name(), r.auc(), r.precision(),
                r.recall(), r.f1(), r.bestF1(), r.caught(), r.events(), r.falseRuns(), 1e4 * r.falseRuns() / r.normalRows(), r.sensitivities());
    }

    private static void summary(List<Row> rows) {
        double auc = rows.stream().mapToDouble(Row::auc).average().orElse(Double.NaN);
        double f1 = rows.stream().mapToDouble(Row::f1).average().orElse(Double.NaN);
        double best = rows.stream().mapToDouble(Row::bestF1).average().orElse(Double.NaN);
        int events = rows.stream().mapToInt(Row::events).sum();
        int caught = rows.stream().mapToInt(Row::caught).sum();
        int falseRuns = rows.stream().mapToInt(Row::falseRuns).sum();
        long normal = rows.stream().mapToLong(Row::normalRows).sum();
        long worse = rows.stream().filter(r -> r.f1() < 0.9 * r.bestF1()).count();
        System.out.printf(Locale.ROOT, "%-22s %6.3f %6s %6s %6.3f %6.3f %3d/%-3d %6d %6.2f  (F1/bestF1 %.3f; cases with F1 < 0.9 best: %d; "
                + "event recall %.1f %%)%n", "mean", auc, "", "", f1, best, caught, events, falseRuns, 1e4 * falseRuns / normal, f1 / best, worse,
                100.0 * caught / events);
        if (rows.stream().allMatch(r -> r.kinds() != null)) {
            for (InjectedAnomaly.Kind kind : InjectedAnomaly.Kind.values()) {
                int o = kind.ordinal();
                double auc2 = rows.stream().mapToDouble(r -> r.kinds().auc()[o]).filter(Double::isFinite).average().orElse(Double.NaN);
                int ev = rows.stream().mapToInt(r -> r.kinds().events()[o]).sum();
                int ca = rows.stream().mapToInt(r -> r.kinds().caught()[o]).sum();
                int n = rows.stream().mapToInt(r -> r.kinds().rows()[o]).sum();
                System.out.printf(Locale.ROOT, "  %-18s mean AUC %.3f  events caught %d/%d (%.1f %%), %d rows%n", kind, auc2, ca, ev,
                        ev == 0 ? Double.NaN : 100.0 * ca / ev, n);
            }
            System.out.printf(Locale.ROOT, "  mean AUC without the influencer faults' rows %.3f; mean ceiling with them at chance %.3f%n",
                    rows.stream().mapToDouble(r -> r.kinds().withoutFaults()).average().orElse(Double.NaN),
                    rows.stream().mapToDouble(r -> r.kinds().ceiling()).average().orElse(Double.NaN));
        }
    }

    /** One line per row of a result: its case, row number in the data, in-sample or not, label, indicators, code. */
    private static void write(BufferedWriter w, String name, DetectionResult r, int inSample, int offset) throws IOException {
        TimeFrame t = r.table();
        double[] labels = r.labels();
        List<double[]> cols = r.indicatorColumns().stream().map(t::values).toList();
        double[] code = t.values(DetectionResult.ANOMALY_CODE);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < t.rows(); i++) {
            b.setLength(0);
            b.append(name).append(',').append(inSample == 1 ? i : offset + i).append(',').append(inSample).append(',')
                    .append((int) labels[i]);
            for (double[] c : cols) {
                b.append(',');
                if (!Double.isNaN(c[i])) {
                    b.append((float) c[i]);
                }
            }
            b.append(',').append((int) code[i]).append('\n');
            w.write(b.toString());
        }
    }
}
