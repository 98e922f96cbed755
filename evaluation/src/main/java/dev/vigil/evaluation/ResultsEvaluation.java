package dev.vigil.evaluation;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.anomaly.AnomalousBehaviorModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.core.prepare.Preparation;
import dev.vigil.io.labels.LabelRanges;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.IntFunction;

/**
 * A results table (any detector's, in TIM's layout: {@code anomaly_code} and one {@code
 * anomaly_indicator_<perspective>} column per perspective) scored against the label column of a data
 * table, rows matched by timestamp. Rows of either table without a partner are counted, not scored.
 * A row is predicted anomalous when its anomaly code is 1 or 3; its score is its largest calculated
 * indicator; matched rows without a label or without any calculated indicator are counted and left out
 * of the point-wise scores ({@link ErrorMeasures}); the event-wise scores ({@link EventMetrics}) use
 * every matched row.
 *
 * <pre>{@code
 * ResultsEvaluation e = ResultsEvaluation.of(results, data, "label");
 * e.measures().auc();          // TIM's AUC
 * e.events().caught();         // labelled events caught, with their delays
 * }</pre>
 *
 * @param results where the results came from ({@link TimeFrame#source()})
 * @param data where the labels came from
 * @param labelColumn the label column of {@code data}
 * @param resultRows rows of the results table
 * @param dataRows rows of the data table
 * @param times the matched timestamps, ascending (epoch milliseconds)
 * @param labels per matched row, its label (1, 0, or {@code NaN} unknown)
 * @param scores per matched row, its largest calculated indicator ({@code NaN} when none), the ROC curve's scores
 * @param resultsOnly results rows whose timestamp no data row has
 * @param firstResultsOnly the earliest of them ({@link Long#MIN_VALUE} when none)
 * @param dataOnly data rows whose timestamp no results row has
 * @param firstDataOnly the earliest of them ({@link Long#MIN_VALUE} when none)
 * @param withoutLabel matched rows without a label
 * @param withoutIndicator matched rows without any calculated indicator
 * @param measures point-wise scores of the matched rows
 * @param events event-wise scores of the matched rows
 */
public record ResultsEvaluation(String results, String data, String labelColumn, int resultRows, int dataRows, long[] times,
        double[] labels, double[] scores, int resultsOnly, long firstResultsOnly, int dataOnly, long firstDataOnly, int withoutLabel, int withoutIndicator,
        ErrorMeasures measures, EventMetrics events) {
    public ResultsEvaluation {
        requireNonNull(results, "results is null");
        requireNonNull(data, "data is null");
        requireNonNull(labelColumn, "labelColumn is null");
        requireNonNull(measures, "measures is null");
        requireNonNull(events, "events is null");
        times = requireNonNull(times, "times is null").clone();
        labels = requireNonNull(labels, "labels is null").clone();
        scores = requireNonNull(scores, "scores is null").clone();
        if (times.length == 0 || times.length > Math.min(resultRows, dataRows)) {
            throw new IllegalArgumentException(times.length + " matched rows of " + resultRows + " and " + dataRows);
        }
        if (labels.length != times.length || scores.length != times.length) {
            throw new IllegalArgumentException("one label and one score per matched row");
        }
    }

    /**
     * How the detected events of a results table are found from its flagged rows: the runs of flagged rows
     * ({@link #RUNS}), or a detector's own merging (system-driven events, merged across short gaps).
     */
    @FunctionalInterface
    public interface DetectedEvents {
        /** Each run of flagged rows is one event. */
        DetectedEvents RUNS = (results, flagged) -> Event.runs(results.times(), flagged);

        /**
         * The events of a results table.
         *
         * @param results the rows of the results table that are scored (those matched with a label row), in time order
         * @param flagged per row, whether it is anomalous (anomaly code 1 or 3)
         * @return the events, rows of {@code results}, in time order and not overlapping
         */
        List<Event> of(TimeFrame results, boolean[] flagged);
    }

    /** The indicator column of a system-driven results table (one indicator, no perspectives). */
    static final String SYSTEM_INDICATOR = "anomaly_indicator";
    /** The label column {@link #of(TimeFrame, LabelRanges)} names. */
    static final String RANGES_LABEL = "label";

    /**
     * Scores a results table against labelled ranges: a row is labelled 1 when its timestamp lies in a
     * range, 0 otherwise (Lookout's labels; every row of the results has a label).
     *
     * @throws VigilException as {@link #of(TimeFrame, TimeFrame, String)}
     */
    public static ResultsEvaluation of(TimeFrame results, LabelRanges ranges) {
        return of(results, ranges, DetectedEvents.RUNS);
    }

    /**
     * Scores a results table against labelled ranges, its detected events found by {@code events}.
     *
     * @throws VigilException as {@link #of(TimeFrame, TimeFrame, String)}
     */
    public static ResultsEvaluation of(TimeFrame results, LabelRanges ranges, DetectedEvents events) {
        long[] unique = Arrays.stream(results.times()).distinct().sorted().toArray();
        boolean[] inUnique = ranges.mask(unique);
        double[] l = new double[unique.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = inUnique[i] ? 1 : 0;
        }
        TimeFrame labels = TimeFrame.builder(unique).source(ranges.source()).column(RANGES_LABEL, l).build();
        return of(results, labels, RANGES_LABEL, events);
    }

    /**
     * Scores a results table against a label column.
     *
     * @param results the results table as read, rows in file order; its {@link TimeFrame#source()} names it in messages
     * @param data the data as read, holding {@code labelColumn}
     * @param labelColumn 1 anomaly, 0 normal, missing unknown
     * @throws VigilException naming the file, row and value: no indicator column, a label that is not 0 or 1,
     *     an anomaly code that is not 0–3, a timestamp twice in one table, or no timestamp in common
     */
    public static ResultsEvaluation of(TimeFrame results, TimeFrame data, String labelColumn) {
        return of(results, data, labelColumn, DetectedEvents.RUNS);
    }

    /**
     * Scores a results table against a label column, its detected events found by {@code events} on the
     * matched rows.
     *
     * @throws VigilException as {@link #of(TimeFrame, TimeFrame, String)}
     */
    public static ResultsEvaluation of(TimeFrame results, TimeFrame data, String labelColumn, DetectedEvents events) {
        requireNonNull(events, "events is null");
        List<String> indicators = results.columnNames().stream()
                .filter(c -> c.startsWith(AnomalousBehaviorModel.INDICATOR_PREFIX) || c.equals(SYSTEM_INDICATOR)).toList();
        if (indicators.isEmpty()) {
            throw new VigilException(ErrorCode.UNKNOWN_COLUMN, results.source() + " has no " + AnomalousBehaviorModel.INDICATOR_PREFIX + "<perspective> column; columns: "
                    + String.join(", ", results.columnNames()));
        }
        if (!data.hasColumn(labelColumn)) {
            throw new VigilException(ErrorCode.UNKNOWN_COLUMN, data.source() + " has no label column '" + labelColumn + "'; columns: "
                    + String.join(", ", data.columnNames()));
        }
        if (!results.hasColumn(DetectionResult.ANOMALY_CODE)) {
            throw new VigilException(ErrorCode.UNKNOWN_COLUMN, results.source() + " has no " + DetectionResult.ANOMALY_CODE
                    + " column; columns: " + String.join(", ", results.columnNames()));
        }
        Labels.requireBinary(data.values(labelColumn), rowOf(data, "column '" + labelColumn + "'"));
        ErrorMeasures.predicted(results.values(DetectionResult.ANOMALY_CODE), rowOf(results, "column '" + DetectionResult.ANOMALY_CODE + "'"));
        requireUniqueTimes(results);
        requireUniqueTimes(data);
        return join(Preparation.sortAndDeduplicate(results, new JobLog()), Preparation.sortAndDeduplicate(data, new JobLog()), labelColumn,
                indicators, events);
    }

    private static ResultsEvaluation join(TimeFrame r, TimeFrame d, String label, List<String> indicators, DetectedEvents events) {
        double[] largest = ErrorMeasures.largestCalculated(indicators.stream().map(r::values).toList());
        boolean[] flagged = ErrorMeasures.predicted(r.values(DetectionResult.ANOMALY_CODE));
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
        int[] matchedAt = new int[n];
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
                matchedAt[m] = i;
                l[m] = labels[j++];
                s[m] = largest[i];
                p[m++] = flagged[i++];
            }
        }
        if (m == 0) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, "No timestamp of " + r.source() + " (" + Instant.ofEpochMilli(r.time(0))
                    + " to " + Instant.ofEpochMilli(r.time(r.rows() - 1)) + ") is a timestamp of " + d.source() + " ("
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
        return new ResultsEvaluation(r.source(), d.source(), label, r.rows(), d.rows(), times, l, s, resultsOnly, firstResultsOnly, dataOnly,
                firstDataOnly, withoutLabel, withoutIndicator, ErrorMeasures.of(l, s, p),
                EventMetrics.of(times, l, events.of(r.rows(Arrays.copyOf(matchedAt, m)), p)));
    }

    /** Names a row of a frame as read (1-based, in file order) for messages. */
    private static IntFunction<String> rowOf(TimeFrame f, String column) {
        return i -> f.source() + " row " + (i + 1) + " (" + f.instant(i) + "), " + column;
    }

    private static void requireUniqueTimes(TimeFrame f) {
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
                throw new VigilException(ErrorCode.MALFORMED_DATA, f.source() + ": timestamp " + Instant.ofEpochMilli(t[k])
                        + " appears more than once (rows " + rows.get(0) + " and " + rows.get(1)
                        + "); rows are matched by timestamp, so each must be unique");
            }
        }
    }

    /** A copy of the matched timestamps. */
    @Override
    public long[] times() {
        return times.clone();
    }

    /** A copy of the matched rows' labels. */
    @Override
    public double[] labels() {
        return labels.clone();
    }

    /** A copy of the matched rows' scores (largest calculated indicator). */
    @Override
    public double[] scores() {
        return scores.clone();
    }

    /** Number of matched rows. */
    public int matched() {
        return times.length;
    }

    /** Each labelled event with the detection that caught it, or {@code null} when it was missed. */
    public Map<Event, EventMatch> caughtByLabelledEvent() {
        Map<Event, EventMatch> caught = new HashMap<>();
        for (EventMatch match : events.caught()) {
            caught.put(match.labelled(), match);
        }
        return caught;
    }

    /**
     * The evaluation as a JSON-ready tree: {@code results}, {@code data}, {@code labelColumn}, {@code
     * rows} (the counts above), TIM's {@code errorMeasures}, {@code pointwise} rates and {@code events}
     * (counts, rates, mean delay, every labelled event with whether and when it was caught, and every
     * detected event). Undefined rates are {@code null}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("results", results);
        m.put("data", data);
        m.put("labelColumn", labelColumn);
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("results", resultRows);
        rows.put("data", dataRows);
        rows.put("matched", times.length);
        rows.put("resultsWithoutDataRow", resultsOnly);
        rows.put("dataWithoutResult", dataOnly);
        rows.put("withoutLabel", withoutLabel);
        rows.put("withoutIndicator", withoutIndicator);
        rows.put("used", measures.confusionMatrix().total());
        m.put("rows", rows);
        m.put("errorMeasures", measures.toMap());
        ConfusionMatrix c = measures.confusionMatrix();
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("precision", orNull(c.precision()));
        point.put("recall", orNull(c.recall()));
        point.put("f1", orNull(c.f1()));
        point.put("falseAlarmRate", orNull(c.falseAlarmRate()));
        point.put("missedAlarmRate", orNull(c.missedAlarmRate()));
        m.put("pointwise", point);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("labelled", events.labelled().size());
        ev.put("detected", events.detected().size());
        ev.put("caught", events.caught().size());
        ev.put("trueDetections", events.trueDetections());
        ev.put("precision", orNull(events.precision()));
        ev.put("recall", orNull(events.recall()));
        ev.put("f1", orNull(events.f1()));
        ev.put("meanDelay", events.meanDelay().map(Object::toString).orElse(null));
        Map<Event, EventMatch> caught = caughtByLabelledEvent();
        List<Map<String, Object>> labelled = new ArrayList<>();
        for (Event l : events.labelled()) {
            Map<String, Object> x = l.toMap();
            EventMatch match = caught.get(l);
            x.put("caught", match != null);
            x.put("delay", match == null ? null : match.delay().toString());
            labelled.add(x);
        }
        ev.put("labelledEvents", labelled);
        ev.put("detectedEvents", events.detected().stream().map(Event::toMap).toList());
        m.put("events", ev);
        return m;
    }

    private static Double orNull(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }
}
