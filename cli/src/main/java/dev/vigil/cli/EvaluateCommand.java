package dev.vigil.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.core.prepare.Preparation;
import dev.vigil.evaluation.ConfusionMatrix;
import dev.vigil.evaluation.ErrorMeasures;
import dev.vigil.evaluation.Event;
import dev.vigil.evaluation.EventMatch;
import dev.vigil.evaluation.EventMetrics;
import dev.vigil.evaluation.Labels;
import dev.vigil.io.DataFiles;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.Durations;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil evaluate}: point-wise and event-wise scores of a results table against labels. */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Score a results table against the labels of a data file: AUC, confusion matrix, precision, recall, F1, "
                + "false- and missed-alarm rates (TIM's error measures), and event-wise precision, recall, F1 and detection delays.",
                "Rows are matched by timestamp. A row is predicted anomalous when its anomaly_code is 1 or 3; its score is its "
                + "largest calculated anomaly_indicator_<perspective>. Rows without a label (empty cell) or without any calculated "
                + "indicator are counted and left out of the point-wise scores.",
                "Lists every labelled event, caught (with its detection delay) or missed; --json also lists the detected events."})
final class EvaluateCommand implements Callable<Integer> {
    static final String INDICATOR_PREFIX = "anomaly_indicator_";

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    VigilCommand root;

    @Option(names = "--results", required = true, paramLabel = "FILE",
            description = "Results table: timestamp, model_index, kpi, normal_behavior, anomaly_code, anomaly_indicator_<perspective>…")
    Path results;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Data file holding the label column.")
    Path data;

    @Option(names = "--label", required = true, paramLabel = "COL",
            description = "Label column: 1 anomaly, 0 normal, empty unknown.")
    String label;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        DataFiles files = root.dataFiles();
        TimeFrame r = files.read(results, ReadOptions.DEFAULT.withTimestampColumn("timestamp")
                .withRequired(Map.of("anomaly_code", "anomaly_code column")), new JobLog());
        TimeFrame d = files.read(data, ReadOptions.DEFAULT.withRequired(Map.of(label, "label column")), new JobLog());
        List<String> indicators = r.columnNames().stream().filter(c -> c.startsWith(INDICATOR_PREFIX)).toList();
        if (indicators.isEmpty()) {
            throw new VigilException(ErrorCode.UNKNOWN_COLUMN, results + " has no " + INDICATOR_PREFIX + "<perspective> column; columns: "
                    + String.join(", ", r.columnNames()));
        }
        Labels.requireBinary(d.values(label), rowOf(data, d, "column '" + label + "'"));
        ErrorMeasures.predicted(r.values("anomaly_code"), rowOf(results, r, "column 'anomaly_code'"));
        requireUniqueTimes(results, r);
        requireUniqueTimes(data, d);
        Evaluation e = evaluate(Preparation.sortAndDeduplicate(r, new JobLog()), Preparation.sortAndDeduplicate(d, new JobLog()),
                indicators);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(toJson(e)));
        } else {
            print(e, out);
        }
        out.flush();
        return 0;
    }

    /** What was matched, and the scores of the matched rows. */
    record Evaluation(int resultRows, int dataRows, long[] times, int resultsOnly, long firstResultsOnly, int dataOnly,
            long firstDataOnly, int withoutLabel, int withoutIndicator, ErrorMeasures measures, EventMetrics events) {
        Evaluation {
            Objects.requireNonNull(times, "times is null");
            Objects.requireNonNull(measures, "measures is null");
            Objects.requireNonNull(events, "events is null");
            if (times.length == 0 || times.length > Math.min(resultRows, dataRows)) {
                throw new IllegalArgumentException(times.length + " matched rows of " + resultRows + " and " + dataRows);
            }
        }
    }

    private Evaluation evaluate(TimeFrame r, TimeFrame d, List<String> indicators) {
        List<double[]> columns = indicators.stream().map(r::values).toList();
        double[] largest = ErrorMeasures.largestCalculated(columns);
        boolean[] flagged = ErrorMeasures.predicted(r.values("anomaly_code"));
        double[] labels = d.values(label);
        int n = Math.min(r.rows(), d.rows());
        long[] times = new long[n];
        double[] l = new double[n];
        double[] s = new double[n];
        boolean[] p = new boolean[n];
        int m = 0;
        int resultsOnly = 0;
        int dataOnly = 0;
        long firstResultsOnly = Long.MIN_VALUE;
        long firstDataOnly = Long.MIN_VALUE;
        int i = 0;
        int j = 0;
        while (i < r.rows() || j < d.rows()) {
            long ti = i < r.rows() ? r.time(i) : Long.MAX_VALUE;
            long tj = j < d.rows() ? d.time(j) : Long.MAX_VALUE;
            if (ti < tj) {
                firstResultsOnly = resultsOnly++ == 0 ? ti : firstResultsOnly;
                i++;
            } else if (tj < ti) {
                firstDataOnly = dataOnly++ == 0 ? tj : firstDataOnly;
                j++;
            } else {
                times[m] = ti;
                l[m] = labels[j++];
                s[m] = largest[i];
                p[m++] = flagged[i++];
            }
        }
        if (m == 0) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, "No timestamp of " + results + " (" + Instant.ofEpochMilli(r.time(0))
                    + " to " + Instant.ofEpochMilli(r.time(r.rows() - 1)) + ") is a timestamp of " + data + " ("
                    + Instant.ofEpochMilli(d.time(0)) + " to " + Instant.ofEpochMilli(d.time(d.rows() - 1)) + "); nothing to evaluate");
        }
        times = Arrays.copyOf(times, m);
        l = Arrays.copyOf(l, m);
        s = Arrays.copyOf(s, m);
        p = Arrays.copyOf(p, m);
        int withoutLabel = 0;
        int withoutIndicator = 0;
        for (int k = 0; k < m; k++) {
            withoutLabel += Double.isNaN(l[k]) ? 1 : 0;
            withoutIndicator += Double.isNaN(s[k]) ? 1 : 0;
        }
        return new Evaluation(r.rows(), d.rows(), times, resultsOnly, firstResultsOnly, dataOnly, firstDataOnly, withoutLabel,
                withoutIndicator, ErrorMeasures.of(l, s, p), EventMetrics.of(times, l, p));
    }

    /** Names a row of a frame as read (1-based, in file order) for messages. */
    private static IntFunction<String> rowOf(Path file, TimeFrame f, String column) {
        return i -> file + " row " + (i + 1) + " (" + f.instant(i) + "), " + column;
    }

    private static void requireUniqueTimes(Path file, TimeFrame f) {
        long[] t = f.times();
        Arrays.sort(t);
        for (int k = 1; k < t.length; k++) {
            if (t[k] == t[k - 1]) {
                List<Integer> rows = new ArrayList<>();
                for (int i = 0; i < f.rows() && rows.size() < 2; i++) {
                    if (f.time(i) == t[k]) {
                        rows.add(i + 1);
                    }
                }
                throw new VigilException(ErrorCode.MALFORMED_DATA, file + ": timestamp " + Instant.ofEpochMilli(t[k]) + " appears more than once "
                        + "(rows " + rows.get(0) + " and " + rows.get(1) + "); rows are matched by timestamp, so each must be unique");
            }
        }
    }

    private Map<String, Object> toJson(Evaluation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("results", results.toString());
        m.put("data", data.toString());
        m.put("labelColumn", label);
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("results", e.resultRows());
        rows.put("data", e.dataRows());
        rows.put("matched", e.times().length);
        rows.put("resultsWithoutDataRow", e.resultsOnly());
        rows.put("dataWithoutResult", e.dataOnly());
        rows.put("withoutLabel", e.withoutLabel());
        rows.put("withoutIndicator", e.withoutIndicator());
        rows.put("used", e.measures().confusionMatrix().total());
        m.put("rows", rows);
        m.put("errorMeasures", e.measures().toMap());
        ConfusionMatrix c = e.measures().confusionMatrix();
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("precision", orNull(c.precision()));
        point.put("recall", orNull(c.recall()));
        point.put("f1", orNull(c.f1()));
        point.put("falseAlarmRate", orNull(c.falseAlarmRate()));
        point.put("missedAlarmRate", orNull(c.missedAlarmRate()));
        m.put("pointwise", point);
        EventMetrics ev = e.events();
        Map<String, Object> events = new LinkedHashMap<>();
        events.put("labelled", ev.labelled().size());
        events.put("detected", ev.detected().size());
        events.put("caught", ev.caught().size());
        events.put("trueDetections", ev.trueDetections());
        events.put("precision", orNull(ev.precision()));
        events.put("recall", orNull(ev.recall()));
        events.put("f1", orNull(ev.f1()));
        events.put("meanDelay", ev.meanDelay().map(Object::toString).orElse(null));
        Map<Event, EventMatch> caught = caughtByLabelledEvent(ev);
        List<Map<String, Object>> labelled = new ArrayList<>();
        for (Event l : ev.labelled()) {
            Map<String, Object> x = toJson(l);
            EventMatch match = caught.get(l);
            x.put("caught", match != null);
            x.put("delay", match == null ? null : match.delay().toString());
            labelled.add(x);
        }
        events.put("labelledEvents", labelled);
        events.put("detectedEvents", ev.detected().stream().map(EvaluateCommand::toJson).toList());
        m.put("events", events);
        return m;
    }

    /** An event's first and last timestamps, the time between them (ISO-8601) and its number of rows. */
    private static Map<String, Object> toJson(Event e) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("start", Instant.ofEpochMilli(e.start()).toString());
        x.put("end", Instant.ofEpochMilli(e.end()).toString());
        x.put("duration", e.duration().toString());
        x.put("rows", e.rows());
        return x;
    }

    private static Map<Event, EventMatch> caughtByLabelledEvent(EventMetrics ev) {
        Map<Event, EventMatch> caught = new HashMap<>();
        for (EventMatch match : ev.caught()) {
            caught.put(match.labelled(), match);
        }
        return caught;
    }

    private void print(Evaluation e, PrintWriter out) {
        Text.row(out, "Results", results + ": " + Text.count(e.resultRows()) + " rows");
        Text.row(out, "Labels", data + ", column '" + label + "': " + Text.count(e.dataRows()) + " rows");
        Text.row(out, "Matched rows", Text.count(e.times().length) + " by timestamp; results rows without a data row: "
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
        Text.row(out, "  Detected events", Text.count(ev.detected().size()));
        Text.row(out, "  Caught", Text.count(ev.caught().size()) + " of " + Text.count(ev.labelled().size()));
        Text.row(out, "  True detections", Text.count(ev.trueDetections()) + " of " + Text.count(ev.detected().size()));
        Text.row(out, "  Precision", Text.decimal(ev.precision()));
        Text.row(out, "  Recall", Text.decimal(ev.recall()));
        Text.row(out, "  F1", Text.decimal(ev.f1()));
        Text.row(out, "  Mean delay", ev.meanDelay().map(dl -> Durations.human(dl) + " (" + dl + ")").orElse("n/a"));
        Map<Event, EventMatch> caught = caughtByLabelledEvent(ev);
        for (Event l : ev.labelled()) {
            EventMatch match = caught.get(l);
            String outcome = match != null ? "caught after " + Durations.human(match.delay())
                    : "missed (" + Text.count(l.rows()) + (l.rows() == 1 ? " row)" : " rows)");
            out.printf(Locale.ROOT, "    %s to %s %s%n", Instant.ofEpochMilli(l.start()), Instant.ofEpochMilli(l.end()), outcome);
        }
    }

    private static String unmatched(int n, long first) {
        return n == 0 ? "0" : Text.count(n) + " (first " + Instant.ofEpochMilli(first) + ")";
    }

    private static Double orNull(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }
}
