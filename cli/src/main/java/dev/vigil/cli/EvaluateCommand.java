package dev.vigil.cli;

import dev.vigil.io.OutputFiles;
import java.util.List;
import java.util.Arrays;
import picocli.CommandLine.Mixin;
import dev.vigil.report.Report;
import com.google.inject.Inject;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.evaluation.AnomalyEvent;
import dev.vigil.evaluation.ConfusionMatrix;
import dev.vigil.evaluation.Event;
import dev.vigil.evaluation.EventMatch;
import dev.vigil.evaluation.EventMetrics;
import dev.vigil.evaluation.ResultsEvaluation;
import dev.vigil.evaluation.system.EventRules;
import dev.vigil.evaluation.system.SystemEvents;
import dev.vigil.evaluation.system.SystemJobSettings;
import dev.vigil.evaluation.system.SystemRun;
import dev.vigil.io.model.SystemModelFiles;
import dev.vigil.io.DataFiles;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.io.labels.LabelRanges;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.io.report.ReportJson;
import dev.vigil.io.report.ResultsRecord;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.frame.Durations;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil evaluate}: point-wise and event-wise scores of a results table against labels. */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Score a results table against the labels of a data file or a file of labelled ranges: AUC, confusion matrix, precision, recall, F1, "
                + "false- and missed-alarm rates (TIM's error measures), and event-wise precision, recall, F1 and detection delays.",
                "Rows are matched by timestamp. A row is predicted anomalous when its anomaly_code is 1 or 3; its score is its "
                + "largest calculated anomaly_indicator_<perspective>. Rows without a label (empty cell) or without any calculated "
                + "indicator are counted and left out of the point-wise scores.",
                "Lists every labelled event, caught (with its detection delay) or missed; --json also lists the detected events.",
                "Detected events are counted as detect counts them when --model is given: a kpi-driven table's flagged rows at most "
                + "the model's longest perspective window apart form one event; a system-driven table's are merged by the model's "
                + "--event-gap and --min-event-duration (or the options). Without --model, a kpi-driven table's events are its runs "
                + "of flagged rows, and the output says so."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Inject
    DataFiles files;

    @Inject
    PluginRegistry registry;


    @Option(names = "--results", required = true, paramLabel = "FILE",
            description = "Results table: timestamp, model_index, kpi, normal_behavior, anomaly_code, anomaly_indicator_<perspective>… "
                    + "(kpi-driven), or timestamp, label, anomaly_code, anomaly_indicator, score, severity (system-driven).")
    Path results;

    @Option(names = "--data", paramLabel = "FILE", description = "Data file holding the label column (with --label).")
    Path data;

    @Option(names = "--label", paramLabel = "COL",
            description = "Label column: 1 anomaly, 0 normal, empty unknown.")
    String label;

    @Option(names = "--model", paramLabel = "FILE",
            description = "The model that wrote the table: its detected events are merged as detect merges them (its perspective "
                    + "windows, or a system-driven model's event rules), and the table is checked to come from it, by the checksums "
                    + "Vigil records beside the table (in FILE.vigil.json, where FILE is the table).")
    Path model;

    @Option(names = "--labels", paramLabel = "RANGES.csv",
            description = "Instead of --data and --label: labelled ranges (start,end[,label] per line, Lookout's label files); a row is "
                    + "labelled 1 when its timestamp lies in a range, else 0.")
    Path labels;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Time zone of the label file's timestamps written without one (default: ${DEFAULT-VALUE}).")
    java.time.ZoneId zone;

    @Option(names = "--event-gap", paramLabel = "ROWS",
            description = "System-driven tables: normal rows an event may span (default: the model's with --model, else 5, build-model's default).")
    Integer eventGap;

    @Option(names = "--min-event-duration", paramLabel = "PERIOD",
            description = "System-driven tables: drop events shorter than this ISO 8601 period (default: the model's with --model, else none).")
    String minEventDuration;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Mixin
    ReportOptions html;

    @Override
    public Integer call() {
        try (OutputFiles outputs = Outputs.plan(files, Arrays.asList(results, data, labels, model), Arrays.asList(html.target()))) {
            return run(outputs);
        }
    }

    private int run(OutputFiles outputs) {
        Optional<ResultsRecord> record = ResultsRecord.check(results, model == null ? null : ModelFiles.checksumOf(model));
        TimeFrame r = files.read(results, ReadOptions.DEFAULT.withTimestampColumn("timestamp")
                .withRequired(Map.of(DetectionResult.ANOMALY_CODE, "anomaly_code column")), new JobLog());
        boolean system = r.columnNames().containsAll(SystemRun.COLUMNS);
        Rules rules = system ? rules() : kpiRules();
        if (!system && (eventGap != null || minEventDuration != null)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, (eventGap != null ? "--event-gap" : "--min-event-duration")
                    + " is only for system-driven results tables (timestamp, " + String.join(", ", SystemRun.COLUMNS) + "); " + results
                    + " is a kpi-driven one, whose events are merged across the model's longest perspective window (give --model). "
                    + "Leave it out");
        }
        ResultsEvaluation.DetectedEvents merging = system ? (t, flagged) -> SystemEvents.ofTable(t, flagged, rules.rules())
                : rules.kpi();
        ResultsEvaluation e;
        if (labels != null) {
            if (data != null || label != null) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Give either --labels (a file of ranges) or --data with --label, not both");
            }
            JobLog labelLog = new JobLog();
            LabelRanges ranges = LabelRanges.read(labels, zone, labelLog);
            ranges.overlapsData(r.times(), labelLog);
            Notices.print(labelLog.entries(), spec.commandLine().getErr());
            e = ResultsEvaluation.of(r, ranges, merging);
        } else {
            if (data == null || label == null) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Give the labels: --data FILE --label COL (a 0/1 column), or "
                        + "--labels RANGES.csv (start,end[,label] per line)");
            }
            TimeFrame d = files.read(data, ReadOptions.DEFAULT.withRequired(Map.of(label, "label column")), new JobLog());
            e = ResultsEvaluation.of(r, d, label, merging);
        }
        if (html.reportOut != null) {
            HtmlReports.stage(outputs, html.target(), report(r, e, system));
        }
        outputs.commit();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> tree = new LinkedHashMap<>(e.toMap());
            record.ifPresent(x -> tree.put("modelChecksum", x.modelChecksum()));
            Map<String, Object> ev = new LinkedHashMap<>();
            if (system) {
                ev.put("mergeGapRows", rules.rules().mergeGapRows());
                ev.put("minDuration", rules.rules().minDuration().toString());
            } else if (rules.kpiGap() >= 0) {
                ev.put("mergeGapRows", rules.kpiGap());
            }
            ev.put("from", rules.from());
            tree.put("eventRules", ev);
            out.println(ReportJson.pretty(tree));
        } else {
            record.ifPresent(x -> Text.row(out, "Model", x.modelChecksum() + " (" + x.job() + "; the table matches its record "
                    + ResultsRecord.pathOf(results).getFileName() + ")"));
            print(e, rules, out);
            if (html.reportOut != null) {
                out.println("Wrote the HTML report to " + html.reportOut);
            }
        }
        out.flush();
        return 0;
    }

    /** The HTML report: the evaluation's figures, and a kpi-driven table's KPI, normal behaviour and anomalies. */
    private Report.Builder report(TimeFrame table, ResultsEvaluation e, boolean system) {
        Report.Builder b = Report.builder().title("Vigil: evaluation of " + results.getFileName()).command(HtmlReports.command(spec))
                .model(model == null ? null : model.toString()).data(results.toString())
                .setting("labels", labels != null ? labels + " (labelled ranges)" : data + ", column " + label)
                .evaluation(system ? "System-driven results" : "KPI-driven results", e);
        if (!system && table.hasColumn(DetectionResult.KPI) && table.hasColumn(DetectionResult.NORMAL_BEHAVIOR)
                && table.hasColumn(DetectionResult.MODEL_INDEX)) {
            b.detected(new DetectionResult(table, List.of(), List.of(), null));
        }
        return b;
    }

    /**
     * The rules that merge a table's anomalous rows into events, and where they come from: a system-driven table's
     * {@code rules}, or a kpi-driven table's merging ({@code kpi}; {@code kpiGap} rows, -1 for runs).
     */
    private record Rules(EventRules rules, ResultsEvaluation.DetectedEvents kpi, int kpiGap, String from) {
        Rules(EventRules rules, String from) {
            this(rules, null, -1, from);
        }
    }

    /** A kpi-driven table's events: detect's with the model (its longest perspective window), else the runs of flagged rows. */
    private Rules kpiRules() {
        if (model == null || SystemModelFiles.APPROACH.equals(ModelFiles.approach(model))) {
            return new Rules(null, ResultsEvaluation.DetectedEvents.RUNS, -1, "runs of flagged rows");
        }
        DetectionModel m = VigilCommand.readModel(model, registry);
        var perspectives = m.anomalousBehavior().summary();
        return new Rules(null, AnomalyEvent.merging(perspectives), AnomalyEvent.mergeGap(perspectives), "the model's");
    }

    private Rules rules() {
        EventRules base = EventRules.DEFAULT;
        String from = "build-model's default";
        if (model != null && SystemModelFiles.APPROACH.equals(ModelFiles.approach(model))) {
            base = SystemJobSettings.fromMap(SystemModelFiles.job(model)).events();
            from = "the model's";
        }
        EventRules given = SystemJobs.eventRules(base, eventGap, minEventDuration);
        return new Rules(given, given.equals(base) ? from : "given");
    }

    private void print(ResultsEvaluation e, Rules rules, PrintWriter out) {
        Text.row(out, "Results", results + ": " + Text.count(e.resultRows()) + " rows");
        Text.row(out, "Labels", labels != null ? labels + ": labelled ranges" : data + ", column '" + label + "': " + Text.count(e.dataRows()) + " rows");
        Text.row(out, "Matched rows", Text.count(e.matched()) + " by timestamp; results rows without a data row: "
                + unmatched(e.resultsOnly(), e.firstResultsOnly()) + "; data rows without a result: " + unmatched(e.dataOnly(), e.firstDataOnly()));
        Text.row(out, "Rows used", Text.count(e.measures().confusionMatrix().total()) + " (matched rows without a label: "
                + Text.count(e.withoutLabel()) + "; without any calculated indicator: " + Text.count(e.withoutIndicator()) + ")");
        ConfusionMatrix c = e.measures().confusionMatrix();
        out.println();
        out.println("Point-wise");
        Text.row(out, "  AUC", Text.decimal(e.measures().auc()));
        Text.row(out, "  True positives", Text.count(c.truePositive()));
        Text.row(out, "  True negatives", Text.count(c.trueNegative()));
        Text.row(out, "  False positives", Text.count(c.falsePositive()));
        Text.row(out, "  False negatives", Text.count(c.falseNegative()));
        Text.row(out, "  Precision", Text.decimal(c.precision()));
        Text.row(out, "  Recall", Text.decimal(c.recall()));
        Text.row(out, "  F1", Text.decimal(c.f1()));
        Text.row(out, "  False-alarm rate", Text.decimal(c.falseAlarmRate()));
        Text.row(out, "  Missed-alarm rate", Text.decimal(c.missedAlarmRate()));
        EventMetrics ev = e.events();
        out.println();
        out.println("Event-wise");
        Text.row(out, "  Labelled events", Text.count(ev.labelled().size()));
        Text.row(out, "  Detected events", Text.count(ev.detected().size()) + (rules.rules() == null ? kpiRule(rules) : String.format(Locale.ROOT,
                " (anomalous rows at most %d %s apart form one%s; %s rules%s)", rules.rules().mergeGapRows(),
                rules.rules().mergeGapRows() == 1 ? "row" : "rows", rules.rules().minDuration().isZero() ? ""
                        : "; events shorter than " + Durations.human(rules.rules().minDuration()) + " dropped", rules.from(),
                rules.from().startsWith("build") ? "; give --model M for those the model was built with" : "")));
        Text.row(out, "  Caught", Text.count(ev.caught().size()) + " of " + Text.count(ev.labelled().size()));
        Text.row(out, "  True detections", Text.count(ev.trueDetections()) + " of " + Text.count(ev.detected().size()));
        Text.row(out, "  Precision", Text.decimal(ev.precision()));
        Text.row(out, "  Recall", Text.decimal(ev.recall()));
        Text.row(out, "  F1", Text.decimal(ev.f1()));
        Text.row(out, "  Mean delay", ev.meanDelay().map(dl -> Durations.human(dl) + " (" + dl + ")").orElse("n/a"));
        Map<Event, EventMatch> caught = e.caughtByLabelledEvent();
        for (Event l : ev.labelled()) {
            EventMatch match = caught.get(l);
            String outcome = match != null ? "caught after " + Durations.human(match.delay())
                    : "missed (" + Text.count(l.rows()) + (l.rows() == 1 ? " row)" : " rows)");
            out.printf(Locale.ROOT, "    %s to %s %s%n", Instant.ofEpochMilli(l.start()), Instant.ofEpochMilli(l.end()), outcome);
        }
    }

    private static String kpiRule(Rules rules) {
        return rules.kpiGap() < 0 ? " (runs of flagged rows; give --model M to count them as detect does, merged across the model's "
                + "perspective window)"
                : String.format(Locale.ROOT, " (flagged rows at most %d %s apart form one, as detect forms them: the model's longest "
                        + "perspective window)", rules.kpiGap(), rules.kpiGap() == 1 ? "row" : "rows");
    }

    private static String unmatched(int n, long first) {
        return n == 0 ? "0" : Text.count(n) + " (first " + Instant.ofEpochMilli(first) + ")";
    }
}
