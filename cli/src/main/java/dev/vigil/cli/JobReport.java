package dev.vigil.cli;

import dev.vigil.core.anomaly.AnomalousBehaviorModel;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.evaluation.ErrorMeasures;
import dev.vigil.evaluation.Event;
import dev.vigil.io.AtomicFiles;
import dev.vigil.io.DataFiles;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.rca.RootCauseAnalysis;
import dev.vigil.rca.RowCauses;
import dev.vigil.spi.NormalBehaviorSummary;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.spi.settings.RowSelection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What build-model, detect and rebuild-model print and write: the results table, the model, a JSON
 * report (logs, model summary, each perspective's detected sensitivity, error measures when labels are
 * known, the anomaly list) and a short summary for people.
 *
 * @param job the job's name, e.g. {@code "detect"}
 * @param model the model used or built
 * @param result its results
 * @param logs every log entry of the run, reading included
 * @param built whether the model was (re)built here, so its normal-behaviour summary belongs in the report
 * @param rootCauses the causes of each anomalous row
 */
record JobReport(String job, DetectionModel model, DetectionResult result, List<LogEntry> logs, boolean built, List<RowCauses> rootCauses) {
    /** Contributors listed per anomalous row in JSON reports. */
    static final int TOP_CAUSES = 5;

    /** A report with the causes of the result's anomalies, computed on the same data and rows. */
    static JobReport of(String job, DetectionModel model, DetectionResult result, List<LogEntry> logs, boolean built, TimeFrame raw,
            RowSelection rows) {
        List<RowCauses> causes = result.anomalies().isEmpty() ? List.of()
                : RootCauseAnalysis.of(model).decompose(raw, rows).causesOf(result.anomalies());
        return new JobReport(job, model, result, logs, built, causes);
    }

    /** TIM's error measures, when the rows have labels. */
    Optional<ErrorMeasures> errorMeasures() {
        double[] labels = result.labels();
        if (labels == null) {
            return Optional.empty();
        }
        List<double[]> indicators = result.indicatorColumns().stream().map(result.table()::values).toList();
        double[] codes = result.table().values(DetectionResult.ANOMALY_CODE);
        return Optional.of(ErrorMeasures.of(labels, ErrorMeasures.largestCalculated(indicators), ErrorMeasures.predicted(codes)));
    }

    /**
     * Anomalous rows merged into events: runs of rows with code 1 or 3, joined when fewer rows than
     * the longest perspective window lie between them (an anomaly flickering around the threshold is
     * one event).
     */
    List<Event> events() {
        double[] codes = result.table().values(DetectionResult.ANOMALY_CODE);
        boolean[] flags = new boolean[codes.length];
        for (int i = 0; i < codes.length; i++) {
            flags[i] = codes[i] == 1 || codes[i] == 3;
        }
        int gap = result.perspectives().stream().mapToInt(AnomalousBehaviorModel.PerspectiveSummary::window).max().orElse(1);
        return Event.merge(Event.runs(result.table().times(), flags), gap);
    }

    /**
     * One event: how many of its rows are anomalous, their strongest indicator, the perspectives that
     * flagged them, and the causes averaged over them (null without root causes).
     */
    record EventSummary(Event event, int anomalousRows, double maxIndicator, List<String> perspectives, RowCauses causes) {
    }

    /** Every event with what the report knows of it. */
    List<EventSummary> eventSummaries() {
        List<DetectionResult.Anomaly> anomalies = result.anomalies();
        boolean withCauses = rootCauses.size() == anomalies.size();
        List<EventSummary> out = new ArrayList<>();
        int a = 0;
        for (Event e : events()) {
            int first = a;
            double top = 0;
            Set<String> perspectives = new LinkedHashSet<>();
            while (a < anomalies.size() && !anomalies.get(a).timestamp().isAfter(Instant.ofEpochMilli(e.end()))) {
                DetectionResult.Anomaly row = anomalies.get(a++);
                for (double v : row.indicators().values()) {
                    top = Math.max(top, v);
                }
                perspectives.addAll(row.exceeded());
            }
            RowCauses causes = withCauses && a > first ? RowCauses.over(rootCauses.subList(first, a)) : null;
            out.add(new EventSummary(e, a - first, top, List.copyOf(perspectives), causes));
        }
        return out;
    }

    /** Writes the requested outputs (null paths are skipped). */
    void write(DataFiles files, Path modelOut, Path tableOut, Path jsonOut) throws IOException {
        if (modelOut != null) {
            ModelFiles.write(model, modelOut);
        }
        if (tableOut != null) {
            files.write(result.table(), tableOut, DetectionResult.TABLE_LAYOUT);
        }
        if (jsonOut != null) {
            String text = Json.pretty(json());
            AtomicFiles.writeText(jsonOut, w -> w.write(text));
        }
    }

    /** The JSON report. */
    Map<String, Object> json() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("job", job);
        report.put("model", ReportJson.model(model));
        report.put("rows", ReportJson.rows(result));
        if (built) {
            NormalBehaviorSummary summary = model.normalBehavior().summary();
            report.put("normalBehaviorModel", ReportJson.normalBehavior(summary));
            report.put("predictorImportances", ReportJson.predictorImportances(summary));
        }
        report.put("perspectives", ReportJson.perspectives(result.perspectives()));
        Map<String, Object> detected = new LinkedHashMap<>();
        result.perspectives().forEach(p -> detected.put(p.perspective(), p.sensitivity()));
        report.put("detectedSensitivity", detected);
        errorMeasures().ifPresent(m -> report.put("errorMeasures", m.toMap()));
        report.put("events", ReportJson.events(eventSummaries(), TOP_CAUSES));
        report.put("anomalies", ReportJson.anomalies(result.anomalies()));
        report.put("rootCauses", ReportJson.rootCauses(rootCauses, TOP_CAUSES));
        report.put("logs", ReportJson.logs(logs));
        return report;
    }

    /** The summary for people. */
    void print(PrintWriter out, List<String> written) {
        out.printf(Locale.ROOT, "%s on %,d rows of %s (%s to %s).%n", heading(), result.rows(), model.kpi(),
                result.rows() == 0 ? "-" : result.table().instant(0), result.rows() == 0 ? "-" : result.table().instant(result.rows() - 1));
        if (built) {
            printNormalBehavior(out);
        }
        for (AnomalousBehaviorModel.PerspectiveSummary p : result.perspectives()) {
            out.printf(Locale.ROOT, "  %-18s window %3d%s  sensitivity %6.3f %%  (%d-component density of %,d values)%n", p.perspective(),
                    p.window(), p.recentWindow() > 0 ? "/" + p.recentWindow() : "   ", p.sensitivity(), p.components(), p.rows());
        }
        List<EventSummary> events = eventSummaries();
        out.printf(Locale.ROOT, "Anomalies: %,d of %,d rows, in %,d events (rows flagged within %d rows of each other form one):%n",
                result.anomalies().size(), result.rows(), events.size(),
                result.perspectives().stream().mapToInt(AnomalousBehaviorModel.PerspectiveSummary::window).max().orElse(1));
        printEvents(out, events, 20);
        errorMeasures().ifPresent(m -> out.printf(Locale.ROOT, "Error measures: AUC %s, %s%n",
                m.auc().isPresent() ? String.format(Locale.ROOT, "%.4f", m.auc().getAsDouble()) : "n/a (one class only)",
                m.confusionMatrix().toMap()));
        Notices.print(logs, out);
        written.forEach(out::println);
        out.flush();
    }

    /** One line per event, at most {@code limit}: when, how long, how strong, which perspectives, what moved the normal behaviour. */
    static void printEvents(PrintWriter out, List<EventSummary> events, int limit) {
        for (EventSummary s : events.subList(0, Math.min(limit, events.size()))) {
            Event e = s.event();
            String cause = s.causes() == null || s.causes().causes().isEmpty() ? ""
                    : String.format(Locale.ROOT, "  normal behaviour moved by %s (%.0f %%)", s.causes().causes().get(0).contributor(),
                            100 * s.causes().causes().get(0).share());
            out.printf(Locale.ROOT, "  %s  %-27s max indicator %8.2f  %-20s%s%n", Instant.ofEpochMilli(e.start()),
                    e.rows() == 1 ? "1 row" : "for " + dev.vigil.spi.frame.Durations.human(Duration.ofMillis(e.end() - e.start())),
                    s.maxIndicator(), String.join(", ", s.perspectives()), cause);
        }
        if (events.size() > limit) {
            out.printf(Locale.ROOT, "  … %d more events (see --json-out)%n", events.size() - limit);
        }
    }

    private String heading() {
        return switch (job) {
            case "build-model" -> "Built a model";
            case "rebuild-model" -> "Rebuilt the model";
            default -> "Detected";
        };
    }

    private void printNormalBehavior(PrintWriter out) {
        NormalBehaviorSummary summary = model.normalBehavior().summary();
        if (summary.models().size() == 1) {
            NormalBehaviorSummary.Model m = summary.models().get(0);
            out.printf(Locale.ROOT, "Normal behaviour: %d terms, in-sample residual standard deviation %.6g%n", m.terms().size(), m.residualSd());
            m.terms().stream().limit(12).forEach(t ->
                    out.printf(Locale.ROOT, "  %6.2f %%  %-60s β = %.6g%n", t.importance(), t.label(), t.beta()));
            if (m.terms().size() > 12) {
                out.printf(Locale.ROOT, "  … %d more terms (see --json-out)%n", m.terms().size() - 12);
            }
        } else {
            int min = summary.models().stream().mapToInt(m -> m.terms().size()).min().orElse(0);
            int max = summary.models().stream().mapToInt(m -> m.terms().size()).max().orElse(0);
            out.printf(Locale.ROOT, "Normal behaviour: %d time-of-day models with %d to %d terms (see --json-out for each).%n",
                    summary.models().size(), min, max);
        }
        if (!summary.predictors().isEmpty()) {
            out.println("Predictor importances:");
            summary.predictors().stream().limit(8).forEach(p ->
                    out.printf(Locale.ROOT, "  %6.2f %%  %s%n", 100 * p.relImportance(), p.name()));
            if (summary.predictors().size() > 8) {
                out.printf(Locale.ROOT, "  … and %d more%n", summary.predictors().size() - 8);
            }
        }
        out.println("Anomalous behaviour:");
    }
}
