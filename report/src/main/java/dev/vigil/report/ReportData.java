package dev.vigil.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.anomaly.AnomalousBehaviorModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.evaluation.AnomalyEvent;
import dev.vigil.evaluation.ErrorMeasures;
import dev.vigil.evaluation.Event;
import dev.vigil.evaluation.EventMatch;
import dev.vigil.evaluation.EventMetrics;
import dev.vigil.evaluation.LabelTuning;
import dev.vigil.evaluation.ResultsEvaluation;
import dev.vigil.evaluation.system.SystemEvent;
import dev.vigil.evaluation.system.SystemRun;
import dev.vigil.io.labels.LabelRange;
import dev.vigil.io.layout.SignalId;
import dev.vigil.io.report.QualityReports;
import dev.vigil.rca.Cause;
import dev.vigil.rca.Importances;
import dev.vigil.rca.RowCauses;
import dev.vigil.rca.Spread;
import dev.vigil.spi.NormalBehaviorSummary;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.system.Contribution;
import dev.vigil.system.SystemDetection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/** Turns what a {@link Report.Builder} was given into the JSON its page draws. */
final class ReportData {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** The JSON text of a report's data; NaN and infinities never reach it ({@link #num} writes null). */
    static final Function<ObjectNode, String> JSON_TEXT = node -> {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    };
    /** Rows either side of an anomaly whose contributions are kept for the picture around it. */
    static final int AROUND = 30;
    /** Contributors drawn around an anomaly. */
    static final int TOP_CONTRIBUTORS = 6;
    /** Causes listed per anomaly. */
    static final int MAX_CAUSES = 8;
    /** Rows of contributions kept at most, over all anomalies. */
    static final int MAX_AROUND_ROWS = 6_000;
    /** Signals drawn (lines and histograms) in a system-driven report. */
    static final int TOP_SIGNALS = 6;
    static final int HISTOGRAM_SIGNALS = 4;
    static final int BINS = 30;
    static final int MAX_EVENTS = 60;
    static final int ROC_POINTS = 400;
    /** Significant digits of the numbers drawn. */
    static final int DIGITS = 6;

    private final Report.Builder in;

    ReportData(Report.Builder in) {
        this.in = in;
    }

    ObjectNode toJson() {
        ObjectNode root = NODES.objectNode();
        root.set("header", header());
        ArrayNode evaluations = NODES.arrayNode();
        DetectionResult kpiResult = in.detected != null ? in.detected : in.inSample;
        if (kpiResult != null) {
            root.set("kpi", kpi());
            if (in.importances != null) {
                root.set("importances", importances(in.importances));
            }
            double[] labels = labelsOf(in.inSample, in.detected);
            if (labels != null) {
                evaluations.add(kpiEvaluation());
            }
        }
        if (in.system != null) {
            root.set("system", system());
            if (in.system.labels() != null) {
                evaluations.add(systemEvaluation());
            }
        }
        for (Map.Entry<String, ResultsEvaluation> e : in.evaluations) {
            ResultsEvaluation r = e.getValue();
            evaluations.add(evaluation(e.getKey(), r.labels(), r.scores(), r.measures(), r.events()));
        }
        if (!evaluations.isEmpty()) {
            root.set("evaluations", evaluations);
        }
        if (in.tuning != null) {
            root.set("tuning", tuning(in.tuning));
        }
        if (in.quality != null) {
            root.set("quality", JSON.valueToTree(splitNames(sanitize(QualityReports.toJson(in.quality)))));
        }
        root.set("log", log(in.logs));
        return root;
    }

    // ---- header and log

    private ObjectNode header() {
        ObjectNode h = NODES.objectNode();
        h.put("title", in.title);
        h.put("command", in.command);
        h.put("model", in.model);
        h.put("data", in.dataName);
        long[] span = span();
        if (span != null) {
            h.put("from", Instant.ofEpochMilli(span[0]).toString());
            h.put("to", Instant.ofEpochMilli(span[1]).toString());
            h.put("rows", span[2]);
        }
        ObjectNode s = h.putObject("settings");
        in.settings.forEach((k, v) -> s.put(k, String.valueOf(v)));
        return h;
    }

    /** First and last timestamp and rows of what the report shows, or null. */
    private long[] span() {
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        long rows = 0;
        for (DetectionResult r : new DetectionResult[] {in.inSample, in.detected}) {
            if (r != null && r.rows() > 0) {
                from = Math.min(from, r.table().time(0));
                to = Math.max(to, r.table().time(r.rows() - 1));
                rows += r.rows();
            }
        }
        if (in.system != null && in.system.detection().rows() > 0) {
            long[] t = in.system.detection().time();
            from = Math.min(from, t[0]);
            to = Math.max(to, t[t.length - 1]);
            rows += t.length;
        }
        return rows == 0 ? null : new long[] {from, to, rows};
    }

    /** The job log in time order (stable: entries of one instant keep their order), each entry with its job. */
    private static ArrayNode log(List<Map.Entry<String, LogEntry>> logs) {
        ArrayNode a = NODES.arrayNode();
        List<Map.Entry<String, LogEntry>> sorted = new ArrayList<>(logs);
        sorted.sort(Comparator.comparing(e -> e.getValue().createdAt()));
        for (Map.Entry<String, LogEntry> x : sorted) {
            LogEntry e = x.getValue();
            ObjectNode o = a.addObject();
            o.put("job", x.getKey());
            o.put("at", e.createdAt().toString());
            o.put("origin", e.origin());
            o.put("type", String.valueOf(e.messageType()));
            o.put("message", e.message());
        }
        return a;
    }

    // ---- KPI-driven

    private ObjectNode kpi() {
        ObjectNode k = NODES.objectNode();
        List<DetectionResult> parts = new ArrayList<>();
        if (in.inSample != null) {
            parts.add(in.inSample);
        }
        if (in.detected != null) {
            parts.add(in.detected);
        }
        int total = parts.stream().mapToInt(DetectionResult::rows).sum();
        k.put("rows", total);
        k.put("detectedLabel", detectedLabel());
        int uncalculated = 0;
        for (DetectionResult p : parts) {
            for (double c : p.table().values(DetectionResult.ANOMALY_CODE)) {
                uncalculated += c == 2 ? 1 : 0;
            }
        }
        k.put("uncalculated", uncalculated);
        k.put("step", step(parts));
        ArrayNode kpiSeries = k.putArray("kpi");
        ArrayNode nbIn = k.putArray("normalInSample");
        ArrayNode nbOut = k.putArray("normalOutOfSample");
        List<String> indicators = new ArrayList<>();
        parts.forEach(p -> p.indicatorColumns().forEach(c -> {
            if (!indicators.contains(c)) {
                indicators.add(c);
            }
        }));
        Map<String, ArrayNode> indicatorSeries = new LinkedHashMap<>();
        ArrayNode indicatorNodes = k.putArray("indicators");
        for (String c : indicators) {
            ObjectNode o = indicatorNodes.addObject();
            o.put("name", c.substring(AnomalousBehaviorModel.INDICATOR_PREFIX.length()));
            indicatorSeries.put(c, o.putArray("points"));
        }
        for (DetectionResult p : parts) {
            int buckets = Math.max(1, (int) ((long) in.maxPoints / 2 * p.rows() / Math.max(1, total)));
            TimeFrame t = p.table();
            long[] time = t.times();
            append(kpiSeries, Downsampling.minMax(time, t.values(DetectionResult.KPI), 0, time.length, buckets));
            append(p == in.inSample ? nbIn : nbOut, Downsampling.minMax(time, t.values(DetectionResult.NORMAL_BEHAVIOR), 0, time.length, buckets));
            for (String c : indicators) {
                if (t.hasColumn(c)) {
                    append(indicatorSeries.get(c), Downsampling.minMax(time, t.values(c), 0, time.length, buckets));
                }
            }
        }
        if (in.inSample != null && in.inSample.rows() > 0) {
            ArrayNode range = k.putArray("inSample");
            range.add(in.inSample.table().time(0));
            range.add(in.inSample.table().time(in.inSample.rows() - 1));
        }
        ArrayNode perspectives = k.putArray("perspectives");
        for (DetectionResult p : parts) {
            for (AnomalousBehaviorModel.PerspectiveSummary s : p.perspectives()) {
                ObjectNode o = perspectives.addObject();
                o.put("sample", p == in.inSample ? "in-sample" : detectedLabel());
                o.put("perspective", s.perspective());
                o.put("window", s.window());
                num(o, "sensitivity", s.sensitivity());
            }
        }
        anomalies(k, parts);
        runs(k, parts, total);
        return k;
    }

    /**
     * What the detected rows are called: out-of-sample, unless the model's in-sample period (given with
     * {@link Report.Builder#modelInSample}) holds some of them.
     */
    private String detectedLabel() {
        if (in.detected != null && in.modelInSample != null && in.detected.rows() > 0
                && in.detected.table().time(0) <= in.modelInSample[1] && in.detected.table().time(in.detected.rows() - 1) >= in.modelInSample[0]) {
            return "detected (in the model's in-sample period)";
        }
        return "out-of-sample";
    }

    /** The median time between consecutive rows (milliseconds), 0 with fewer than two rows. */
    private static long step(List<DetectionResult> parts) {
        List<Long> gaps = new ArrayList<>();
        for (DetectionResult p : parts) {
            long[] t = p.table().times();
            for (int i = 1; i < t.length; i += Math.max(1, t.length / 10_000)) {
                gaps.add(t[i] - t[i - 1]);
            }
        }
        if (gaps.isEmpty()) {
            return 0;
        }
        gaps.sort(null);
        return gaps.get(gaps.size() / 2);
    }

    /**
     * The runs of anomalous rows (codes 1 and 3) as {@code [start, end]} pairs, every one of them however long the
     * anomaly list is cut: runs closer than one bucket of the thinned lines are merged, so that there are at most
     * about {@code maxPoints / 2} of them.
     */
    private void runs(ObjectNode k, List<DetectionResult> parts, int total) {
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (DetectionResult p : parts) {
            if (p.rows() > 0) {
                from = Math.min(from, p.table().time(0));
                to = Math.max(to, p.table().time(p.rows() - 1));
            }
        }
        long merge = total == 0 ? 0 : (to - from) / Math.max(1, in.maxPoints / 2);
        ArrayNode runs = k.putArray("anomalyRuns");
        for (DetectionResult p : parts) {
            long[] t = p.table().times();
            boolean[] flagged = ErrorMeasures.predicted(p.table().values(DetectionResult.ANOMALY_CODE));
            for (Event e : Event.runs(t, flagged)) {
                ArrayNode last = runs.isEmpty() ? null : (ArrayNode) runs.get(runs.size() - 1);
                if (last != null && e.start() - last.get(1).asLong() <= merge) {
                    last.set(1, NODES.numberNode(e.end()));
                } else {
                    runs.addArray().add(e.start()).add(e.end());
                }
            }
        }
    }

    private void anomalies(ObjectNode k, List<DetectionResult> parts) {
        List<DetectionResult.Anomaly> all = new ArrayList<>();
        List<DetectionResult> partOf = new ArrayList<>();
        for (DetectionResult p : parts) {
            for (DetectionResult.Anomaly a : p.anomalies()) {
                all.add(a);
                partOf.add(p);
            }
        }
        k.put("anomalyCount", all.size());
        k.put("anomalyCountIn", (int) partOf.stream().filter(p -> p == in.inSample).count());
        k.put("anomalyCountOut", (int) partOf.stream().filter(p -> p != in.inSample).count());
        int[] order = IntStream.range(0, all.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -maxIndicator(all.get(i))))
                .limit(in.maxAnomalies).sorted().mapToInt(Integer::intValue).toArray();
        List<String> top = in.rootCauses == null ? List.of()
                : in.rootCauses.ranking().stream().limit(TOP_CONTRIBUTORS).map(Spread::contributor).toList();
        List<String> contributors = new ArrayList<>();
        Map<String, Integer> contributorIndex = new HashMap<>();
        ArrayNode list = k.putArray("anomalies");
        Map<DetectionResult, boolean[]> around = new LinkedHashMap<>();
        int aroundRows = 0;
        for (int i : order) {
            DetectionResult.Anomaly a = all.get(i);
            DetectionResult part = partOf.get(i);
            ObjectNode o = list.addObject();
            long t = a.timestamp().toEpochMilli();
            o.put("t", t);
            o.put("sample", part == in.inSample ? "in" : "out");
            num(o, "kpi", a.kpi());
            num(o, "normal", a.normalBehavior());
            o.put("code", a.anomalyCode());
            num(o, "indicator", maxIndicator(a));
            o.put("perspectives", String.join(", ", a.exceeded()));
            RowCauses c = causes(a.timestamp());
            if (c == null) {
                continue;
            }
            ArrayNode causes = o.putArray("causes");
            for (Cause x : c.causes().subList(0, Math.min(MAX_CAUSES, c.causes().size()))) {
                ArrayNode co = causes.addArray();
                co.add(contributorIndex.computeIfAbsent(x.contributor(), n -> {
                    contributors.add(n);
                    return contributors.size() - 1;
                }));
                num(co, x.contribution());
                num(co, x.typical());
                num(co, x.departure());
                num(co, x.share());
            }
            boolean[] marks = around.computeIfAbsent(part, p -> new boolean[p.rows()]);
            int r = part.table().indexOf(t);
            for (int j = Math.max(0, r - AROUND); r >= 0 && j <= Math.min(marks.length - 1, r + AROUND) && aroundRows < MAX_AROUND_ROWS; j++) {
                if (!marks[j]) {
                    marks[j] = true;
                    aroundRows++;
                }
            }
        }
        ArrayNode names = k.putArray("contributors");
        contributors.forEach(names::add);
        if (aroundRows > 0 && !top.isEmpty()) {
            ObjectNode a = k.putObject("around");
            a.put("radius", AROUND);
            ArrayNode t = a.putArray("time");
            ArrayNode series = a.putArray("series");
            List<ArrayNode> values = new ArrayList<>();
            for (String c : top) {
                ObjectNode s = series.addObject();
                s.put("name", c);
                values.add(s.putArray("values"));
            }
            for (Map.Entry<DetectionResult, boolean[]> e : around.entrySet()) {
                boolean[] marks = e.getValue();
                for (int j = 0; j < marks.length; j++) {
                    if (!marks[j]) {
                        continue;
                    }
                    RowCauses c = causes(e.getKey().table().instant(j));
                    if (c == null) {
                        continue;
                    }
                    t.add(e.getKey().table().time(j));
                    Map<String, Double> departures = new HashMap<>();
                    c.causes().forEach(x -> departures.put(x.contributor(), x.departure()));
                    for (int q = 0; q < top.size(); q++) {
                        num(values.get(q), departures.getOrDefault(top.get(q), 0.0));
                    }
                }
            }
        }
    }

    /** The causes of the normal behaviour at a row of the root-cause decomposition, or null without one or when it is not a row of it. */
    private RowCauses causes(Instant at) {
        if (in.rootCauses == null) {
            return null;
        }
        try {
            return in.rootCauses.causes(at);
        } catch (VigilException e) {
            return null;
        }
    }

    private static double maxIndicator(DetectionResult.Anomaly a) {
        return a.indicators().values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static ObjectNode importances(Importances imp) {
        ObjectNode o = NODES.objectNode();
        ArrayNode predictors = o.putArray("predictors");
        for (NormalBehaviorSummary.PredictorImportance p : imp.properties()) {
            ObjectNode x = predictors.addObject();
            x.put("name", p.name());
            num(x, "value", 100 * p.relImportance());
        }
        Map<Integer, ArrayNode> models = new LinkedHashMap<>();
        ArrayNode features = o.putArray("features");
        for (Importances.FeatureImportance f : imp.features()) {
            ArrayNode terms = models.computeIfAbsent(f.model(), m -> {
                ObjectNode model = features.addObject();
                model.put("name", "model " + m);
                return model.putArray("children");
            });
            ObjectNode t = terms.addObject();
            t.put("name", f.feature());
            num(t, "value", f.importance());
            num(t, "beta", f.beta());
        }
        return o;
    }

    // ---- evaluation

    private static double[] labelsOf(DetectionResult a, DetectionResult b) {
        double[] la = a == null ? null : a.labels();
        double[] lb = b == null ? null : b.labels();
        return la == null && lb == null ? null : lb != null ? lb : la;
    }

    /** The detected rows' evaluation (the out-of-sample rows when there are, else the in-sample ones). */
    private ObjectNode kpiEvaluation() {
        DetectionResult r = in.detected != null && in.detected.labels() != null ? in.detected : in.inSample;
        double[] labels = r.labels();
        List<double[]> indicators = r.indicatorColumns().stream().map(r.table()::values).toList();
        double[] scores = ErrorMeasures.largestCalculated(indicators);
        boolean[] predicted = ErrorMeasures.predicted(r.table().values(DetectionResult.ANOMALY_CODE));
        ErrorMeasures measures = ErrorMeasures.of(labels, scores, predicted);
        // the events detect reports (runs merged within the longest perspective window), not bare runs
        EventMetrics events = AnomalyEvent.metrics(r);
        return evaluation("KPI-driven" + (r == in.inSample ? " (in-sample rows)" : ""), labels, scores, measures, events);
    }

    private ObjectNode systemEvaluation() {
        SystemRun run = in.system;
        boolean[] l = run.labels();
        double[] labels = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            labels[i] = l[i] ? 1 : 0;
        }
        double[] scores = run.detection().indicator();
        ErrorMeasures measures = run.errorMeasures().orElseGet(() -> ErrorMeasures.of(labels, scores, run.detection().flags()));
        EventMetrics events = run.metrics().map(m -> m.events())
                .orElseGet(() -> EventMetrics.of(run.detection().time(), labels, run.detection().flags()));
        return evaluation("System-driven", labels, scores, measures, events);
    }

    private static ObjectNode evaluation(String title, double[] labels, double[] scores, ErrorMeasures measures, EventMetrics events) {
        ObjectNode o = NODES.objectNode();
        o.put("title", title);
        ObjectNode cm = o.putObject("confusion");
        cm.put("tp", measures.confusionMatrix().truePositive());
        cm.put("fp", measures.confusionMatrix().falsePositive());
        cm.put("fn", measures.confusionMatrix().falseNegative());
        cm.put("tn", measures.confusionMatrix().trueNegative());
        if (measures.auc().isPresent()) {
            num(o, "auc", measures.auc().getAsDouble());
        }
        measures.confusionMatrix().precision().ifPresent(v -> num(o, "precision", v));
        measures.confusionMatrix().recall().ifPresent(v -> num(o, "recall", v));
        o.set("roc", roc(labels, scores));
        if (o.path("roc").isEmpty()) {
            o.put("rocReason", noCurve(labels, scores));
        }
        ArrayNode list = o.putArray("events");
        Map<Event, EventMatch> caught = new HashMap<>();
        events.caught().forEach(m -> caught.put(m.labelled(), m));
        for (Event e : events.labelled()) {
            ObjectNode x = list.addObject();
            x.put("start", e.start());
            x.put("end", e.end());
            x.put("rows", e.rows());
            EventMatch m = caught.get(e);
            x.put("caught", m != null);
            if (m != null) {
                x.put("delayMs", m.delay().toMillis());
            }
        }
        o.put("detectedEvents", events.detected().size());
        o.put("trueDetections", events.trueDetections());
        return o;
    }

    /** Why there is no ROC curve: no labelled row has a calculated indicator, or they are of one class only (AUC undefined). */
    private static String noCurve(double[] labels, double[] scores) {
        long pos = 0;
        long neg = 0;
        for (int i = 0; i < labels.length; i++) {
            if (!Double.isNaN(labels[i]) && !Double.isNaN(scores[i])) {
                pos += labels[i] == 1 ? 1 : 0;
                neg += labels[i] == 0 ? 1 : 0;
            }
        }
        return pos + neg == 0 ? "no labelled row has a calculated anomaly indicator" : "only one class among the labelled rows: AUC undefined";
    }

    /**
     * The ROC curve's points, at most {@link #ROC_POINTS}: rows with an unknown label or without a score are left out,
     * as {@link dev.vigil.evaluation.Auc} leaves them out, so that the area under the curve is its AUC. The scores of
     * the anomalous and of the normal rows are sorted apart (primitive sorts) and walked
     * from the largest down, one point per distinct score.
     */
    static ArrayNode roc(double[] labels, double[] scores) {
        int pos = 0;
        int neg = 0;
        for (int i = 0; i < labels.length; i++) {
            if (!Double.isNaN(scores[i])) {
                pos += labels[i] == 1 ? 1 : 0;
                neg += labels[i] == 0 ? 1 : 0;
            }
        }
        ArrayNode out = NODES.arrayNode();
        if (pos == 0 || neg == 0) {
            return out;
        }
        double[] p = new double[pos];
        double[] n = new double[neg];
        int a = 0;
        int b = 0;
        for (int i = 0; i < labels.length; i++) {
            if (Double.isNaN(scores[i])) {
                continue;
            }
            if (labels[i] == 1) {
                p[a++] = scores[i];
            } else if (labels[i] == 0) {
                n[b++] = scores[i];
            }
        }
        Arrays.sort(p);
        Arrays.sort(n);
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        int i = pos - 1;
        int j = neg - 1;
        while (i >= 0 || j >= 0) {
            double v = Math.max(i >= 0 ? p[i] : Double.NEGATIVE_INFINITY, j >= 0 ? n[j] : Double.NEGATIVE_INFINITY);
            while (i >= 0 && p[i] == v) {
                i--;
            }
            while (j >= 0 && n[j] == v) {
                j--;
            }
            points.add(new double[] {(double) (neg - 1 - j) / neg, (double) (pos - 1 - i) / pos});
        }
        int step = Math.max(1, (points.size() + ROC_POINTS - 1) / ROC_POINTS);
        for (int k = 0; k < points.size(); k++) {
            if (k % step == 0 || k == points.size() - 1) {
                ArrayNode x = out.addArray();
                num(x, points.get(k)[0]);
                num(x, points.get(k)[1]);
            }
        }
        return out;
    }

    private static ObjectNode tuning(LabelTuning.Result result) {
        ObjectNode o = NODES.objectNode();
        o.put("objective", result.objective().name());
        o.put("best", result.best().candidate().toString());
        ArrayNode trials = o.putArray("trials");
        for (LabelTuning.Trial t : result.trials()) {
            ObjectNode x = trials.addObject();
            x.put("perspectives", String.join("+", t.candidate().perspectives()));
            if (t.candidate().sensitivity().isPresent()) {
                num(x, "sensitivity", t.candidate().sensitivity().getAsDouble());
            }
            num(x, "precision", t.precision());
            num(x, "recall", t.recall());
            num(x, "eventPrecision", t.eventPrecision());
            num(x, "eventRecall", t.eventRecall());
            num(x, "objective", t.objective());
        }
        return o;
    }

    // ---- system-driven

    private ObjectNode system() {
        SystemRun run = in.system;
        SystemDetection d = run.detection();
        ObjectNode o = NODES.objectNode();
        o.put("model", String.valueOf(run.model().detector().model().factory()));
        o.put("rows", d.rows());
        o.put("anomalies", run.anomalies());
        if (run.model().hasInSamplePeriod()) {
            ArrayNode split = o.putArray("training");
            split.add(run.model().inSampleFrom());
            split.add(run.model().inSampleTo());
        }
        long[] time = d.time();
        int buckets = Math.max(1, in.maxPoints / 2);
        append(o.putArray("indicator"), Downsampling.minMax(time, d.indicator(), 0, time.length, buckets));
        ArrayNode labelled = o.putArray("labelled");
        if (run.metrics().isPresent()) {
            for (LabelRange r : run.metrics().get().labelled()) {
                ArrayNode x = labelled.addArray();
                x.add(r.start());
                x.add(r.end());
            }
        } else if (run.labels() != null) {
            for (Event e : Event.runs(time, run.labels())) {
                ArrayNode x = labelled.addArray();
                x.add(e.start());
                x.add(e.end());
            }
        }
        ArrayNode events = o.putArray("events");
        List<SystemEvent> strongest = run.events().stream().sorted(Comparator.comparingDouble((SystemEvent e) -> -e.peakIndicator()))
                .limit(MAX_EVENTS).sorted(Comparator.comparingLong(SystemEvent::start)).toList();
        ArrayNode ranges = o.putArray("eventRanges");
        for (SystemEvent e : run.events()) {
            ArrayNode x = ranges.addArray();
            x.add(e.start());
            x.add(e.end());
        }
        for (SystemEvent e : strongest) {
            ObjectNode x = events.addObject();
            x.put("start", e.start());
            x.put("end", e.end());
            x.put("rows", e.anomalousRows());
            num(x, "peak", e.peakIndicator());
            ObjectNode signals = x.putObject("signals");
            e.diagnostics().forEach(c -> num(signals, c.signal(), c.share()));
            ObjectNode components = x.putObject("components");
            e.components().forEach((k, v) -> num(components, k, v));
        }
        List<String> top = topSignals(run);
        ArrayNode topNode = o.putArray("topSignals");
        top.forEach(topNode::add);
        if (in.systemData != null) {
            TimeFrame data = in.systemData;
            // the signals are drawn from the training rows on, when the data hold them, so that the split shows
            long start = run.model().hasInSamplePeriod() ? Math.min(run.model().inSampleFrom(), time[0]) : time[0];
            long[] frameTimes = data.times();
            int first = lowerBound(frameTimes, start);
            int last = lowerBound(frameTimes, time[time.length - 1] + 1);
            ArrayNode span = o.putArray("span");
            span.add(first < last ? Math.min(frameTimes[first], time[0]) : time[0]);
            span.add(time[time.length - 1]);
            int[] rows = new int[time.length];
            for (int i = 0; i < time.length; i++) {
                rows[i] = data.indexOf(time[i]);
            }
            boolean[] flags = d.flags();
            ArrayNode signals = o.putArray("signals");
            ArrayNode histograms = o.putArray("histograms");
            for (int s = 0; s < top.size(); s++) {
                String name = top.get(s);
                if (!data.hasColumn(name)) {
                    continue;
                }
                double[] all = data.values(name);
                double[] v = new double[time.length];
                for (int i = 0; i < time.length; i++) {
                    v[i] = rows[i] < 0 ? Double.NaN : all[rows[i]];
                }
                ObjectNode x = signals.addObject();
                x.put("name", name);
                append(x.putArray("points"), first < last ? Downsampling.minMax(frameTimes, all, first, last, buckets)
                        : Downsampling.minMax(time, v, 0, time.length, buckets));
                if (s < HISTOGRAM_SIGNALS) {
                    histograms.add(histogram(name, v, flags));
                }
            }
        }
        return o;
    }

    /** The first index of a sorted array whose value is at least {@code t}. */
    private static int lowerBound(long[] sorted, long t) {
        int i = java.util.Arrays.binarySearch(sorted, t);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && sorted[i - 1] == t) {
            i--;
        }
        return i;
    }

    /** The signals that drove the events most (their shares weighted by anomalous rows), then the rest in model order. */
    private static List<String> topSignals(SystemRun run) {
        Map<String, Double> weight = new LinkedHashMap<>();
        run.detection().signals().forEach(s -> weight.put(s, 0.0));
        for (SystemEvent e : run.events()) {
            for (Contribution c : e.diagnostics()) {
                if (Double.isFinite(c.share())) {
                    weight.merge(c.signal(), c.share() * e.anomalousRows(), Double::sum);
                }
            }
        }
        return weight.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(TOP_SIGNALS)
                .map(Map.Entry::getKey).toList();
    }

    /** Counts of a signal's values in {@link #BINS} equal bins over its range, in normal and in anomalous rows, as percentages of each. */
    static ObjectNode histogram(String name, double[] v, boolean[] anomalous) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (Double.isFinite(x)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        long[] normal = new long[BINS];
        long[] abnormal = new long[BINS];
        long nNormal = 0;
        long nAbnormal = 0;
        if (lo <= hi) {
            double width = hi > lo ? (hi - lo) / BINS : 1;
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    continue;
                }
                int b = Math.min(BINS - 1, (int) ((v[i] - lo) / width));
                if (anomalous[i]) {
                    abnormal[b]++;
                    nAbnormal++;
                } else {
                    normal[b]++;
                    nNormal++;
                }
            }
        }
        ObjectNode o = NODES.objectNode();
        o.put("name", name);
        num(o, "min", lo <= hi ? lo : Double.NaN);
        num(o, "max", lo <= hi ? hi : Double.NaN);
        o.put("normalRows", nNormal);
        o.put("anomalousRows", nAbnormal);
        ArrayNode a = o.putArray("normal");
        ArrayNode b = o.putArray("anomalous");
        for (int i = 0; i < BINS; i++) {
            num(a, nNormal == 0 ? 0 : 100.0 * normal[i] / nNormal);
            num(b, nAbnormal == 0 ? 0 : 100.0 * abnormal[i] / nAbnormal);
        }
        return o;
    }

    // ---- JSON helpers

    /** Appends points as {@code [time, value]} pairs (a missing value as null, which breaks the line). */
    private static void append(ArrayNode to, Downsampling.Points p) {
        for (int i = 0; i < p.size(); i++) {
            ArrayNode x = to.addArray();
            x.add(p.time()[i]);
            num(x, p.value()[i]);
        }
    }

    /** A number to {@link #DIGITS} significant digits (enough to draw, half the characters), or null when not finite. */
    static void num(ArrayNode to, double v) {
        if (Double.isFinite(v)) {
            to.add(shortest(v));
        } else {
            to.addNull();
        }
    }

    static void num(ObjectNode to, String field, double v) {
        if (Double.isFinite(v)) {
            to.put(field, shortest(v));
        } else {
            to.putNull(field);
        }
    }

    /** {@code v} to {@link #DIGITS} significant digits, so that its JSON text is short (drawing needs no more). */
    static double shortest(double v) {
        if (v == 0) {
            return 0;
        }
        int exponent = (int) Math.floor(Math.log10(Math.abs(v)));
        int scale = DIGITS - 1 - exponent;
        return java.math.BigDecimal.valueOf(v).setScale(scale, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }

    /**
     * Sensors named {@code component\tag} with no component of their own get it from their name (as the event
     * diagnostics group them), so that the tables say which component each belongs to.
     */
    @SuppressWarnings("unchecked")
    private static Object splitNames(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = (Map<String, Object>) m;
            out.replaceAll((k, v) -> splitNames(v));
            if (out.get("SensorName") instanceof String name && "".equals(out.getOrDefault("ComponentName", ""))) {
                SignalId id = SignalId.parse(name);
                if (id.hasComponent()) {
                    out.put("ComponentName", id.component());
                    out.put("SensorName", id.tag());
                }
            }
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(ReportData::splitNames).toList();
        }
        return o;
    }

    /** Quality reports hold instants and numbers that may not be finite: strings and nulls in JSON. */
    @SuppressWarnings("unchecked")
    private static Object sanitize(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), sanitize(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(ReportData::sanitize).toList();
        }
        if (o instanceof Double d && !Double.isFinite(d)) {
            return null;
        }
        if (o instanceof Float f && !Float.isFinite(f)) {
            return null;
        }
        if (o == null || o instanceof Number || o instanceof Boolean || o instanceof String) {
            return o;
        }
        return String.valueOf(o);
    }
}
