package dev.vigil.cli;

import dev.vigil.core.anomaly.AnomalousBehaviorModel;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.evaluation.AnomalyEvent;
import dev.vigil.evaluation.ErrorMeasures;
import dev.vigil.io.DataFiles;
import dev.vigil.io.OutputFiles;
import dev.vigil.io.report.JobReport;
import dev.vigil.io.report.ReportedCause;
import dev.vigil.io.report.ReportedCauses;
import dev.vigil.io.report.ReportedEvent;
import dev.vigil.rca.Cause;
import dev.vigil.rca.RootCauseAnalysis;
import dev.vigil.rca.RowCauses;
import dev.vigil.spi.NormalBehaviorSummary;
import dev.vigil.spi.frame.Durations;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.spi.settings.RowSelection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What build-model, detect, rebuild-model and demo print and write: the report of {@code vigil-io}
 * ({@link JobReport}: results table, model, JSON report) with the events of {@code vigil-evaluation}
 * and the causes of {@code vigil-rca}, and a short summary for people.
 *
 * @param report the job's report
 * @param errorMeasures TIM's error measures, when the rows have labels
 */
record JobOutput(JobReport report, Optional<ErrorMeasures> errorMeasures) {
    /**
     * The output of a job, with the causes of the result's anomalies computed on the same data and rows.
     *
     * @param built whether the model was (re)built here, so its normal-behaviour summary belongs in the report
     */
    static JobOutput of(String job, DetectionModel model, DetectionResult result, List<LogEntry> logs, boolean built, TimeFrame raw,
            RowSelection rows) {
        List<RowCauses> causes = result.anomalies().isEmpty() ? List.of()
                : RootCauseAnalysis.of(model).decompose(raw, rows).causesOf(result.anomalies());
        return of(job, model, result, logs, built, causes);
    }

    /** The output of a job whose anomalies have the given causes (one per anomaly, or none). */
    static JobOutput of(String job, DetectionModel model, DetectionResult result, List<LogEntry> logs, boolean built, List<RowCauses> causes) {
        boolean withCauses = causes.size() == result.anomalies().size();
        List<ReportedEvent> events = new ArrayList<>();
        for (AnomalyEvent e : AnomalyEvent.of(result)) {
            RowCauses over = withCauses && e.anomalousRows() > 0 ? RowCauses.over(e.of(causes)) : null;
            events.add(new ReportedEvent(Instant.ofEpochMilli(e.event().start()), Instant.ofEpochMilli(e.event().end()), e.event().rows(),
                    e.anomalousRows(), e.maxIndicator(), e.perspectives(), over == null ? null : reported(over)));
        }
        Optional<ErrorMeasures> measures = ErrorMeasures.of(result);
        JobReport report = new JobReport(job, model, result, logs, built, measures.map(ErrorMeasures::toMap).orElse(null), events,
                causes.stream().map(JobOutput::reported).toList());
        return new JobOutput(report, measures);
    }

    /** A row's causes as reports list them. */
    static ReportedCauses reported(RowCauses c) {
        return new ReportedCauses(c.timestamp(), c.kpi(), c.normalBehavior(), c.typicalNormalBehavior(), c.causes().stream()
                .map((Cause x) -> new ReportedCause(x.contributor(), x.contribution(), x.typical(), x.departure(), x.share())).toList());
    }

    /** Stages the requested outputs (null paths are skipped) and moves them into place together. */
    void write(OutputFiles outputs, DataFiles files, Path modelOut, Path tableOut, Path jsonOut) {
        report.stage(outputs, files, modelOut, tableOut, jsonOut);
        outputs.commit();
    }

    /** The summary for people. */
    void print(PrintWriter out, List<String> written) {
        DetectionResult result = report.result();
        out.printf(Locale.ROOT, "%s on %,d rows of %s (%s to %s).%n", heading(), result.rows(), report.model().kpi(),
                result.rows() == 0 ? "-" : result.table().instant(0), result.rows() == 0 ? "-" : result.table().instant(result.rows() - 1));
        if (report.built()) {
            printNormalBehavior(out);
        }
        for (AnomalousBehaviorModel.PerspectiveSummary p : result.perspectives()) {
            out.printf(Locale.ROOT, "  %-18s window %3d%s  sensitivity %6.3f %%  (%d-component density of %,d values)%n", p.perspective(),
                    p.window(), p.recentWindow() > 0 ? "/" + p.recentWindow() : "   ", p.sensitivity(), p.components(), p.rows());
        }
        List<ReportedEvent> events = report.events();
        out.printf(Locale.ROOT, "Anomalies: %,d of %,d rows, in %,d events (rows flagged within %d rows of each other form one):%n",
                result.anomalies().size(), result.rows(), events.size(),
                result.perspectives().stream().mapToInt(AnomalousBehaviorModel.PerspectiveSummary::window).max().orElse(1));
        printEvents(out, events, 20);
        errorMeasures.ifPresent(m -> out.printf(Locale.ROOT, "Error measures: AUC %s, %s%n",
                m.auc().isPresent() ? String.format(Locale.ROOT, "%.4f", m.auc().getAsDouble()) : "n/a (one class only)",
                m.confusionMatrix().toMap()));
        Notices.print(report.logs(), out);
        written.forEach(out::println);
        out.flush();
    }

    /** One line per event, at most {@code limit}: when, how long, how strong, which perspectives, what moved the normal behaviour. */
    static void printEvents(PrintWriter out, List<ReportedEvent> events, int limit) {
        for (ReportedEvent e : events.subList(0, Math.min(limit, events.size()))) {
            String cause = e.causes() == null || e.causes().causes().isEmpty() ? ""
                    : String.format(Locale.ROOT, "  normal behaviour moved by %s (%.0f %%)", e.causes().causes().get(0).contributor(),
                            100 * e.causes().causes().get(0).share());
            out.printf(Locale.ROOT, "  %s  %-27s max indicator %8.2f  %-20s%s%n", e.start(),
                    e.rows() == 1 ? "1 row" : "for " + Durations.human(Duration.between(e.start(), e.end())),
                    e.maxIndicator(), String.join(", ", e.perspectives()), cause);
        }
        if (events.size() > limit) {
            out.printf(Locale.ROOT, "  … %d more events (see --json-out)%n", events.size() - limit);
        }
    }

    private String heading() {
        return switch (report.job()) {
            case "build-model" -> "Built a model";
            case "rebuild-model" -> "Rebuilt the model";
            case "what-if" -> "Detected on the changed data";
            default -> "Detected";
        };
    }

    private void printNormalBehavior(PrintWriter out) {
        NormalBehaviorSummary summary = report.model().normalBehavior().summary();
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
