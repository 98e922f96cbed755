package dev.vigil.evaluation;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.anomaly.AnomalousBehaviorModel;
import dev.vigil.core.detection.DetectionResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An event of a detection: a stretch of rows from one anomalous row (anomaly code 1 or 3) to another,
 * with fewer rows than the longest perspective window between any two anomalous rows in it, so that
 * an anomaly flickering around the threshold reads as one event.
 *
 * <pre>{@code
 * for (AnomalyEvent e : AnomalyEvent.of(result)) {
 *     List<DetectionResult.Anomaly> rows = e.of(result.anomalies());   // its anomalous rows
 * }
 * }</pre>
 *
 * @param event the rows from the first anomalous row to the last (of the result's table)
 * @param firstAnomaly index of its first anomalous row in {@link DetectionResult#anomalies()}
 * @param anomalousRows how many of its rows are anomalous (consecutive in the anomaly list)
 * @param maxIndicator the largest indicator of its anomalous rows
 * @param perspectives the perspectives whose indicator exceeds 1 on one of them, in order of appearance
 */
public record AnomalyEvent(Event event, int firstAnomaly, int anomalousRows, double maxIndicator, List<String> perspectives) {
    public AnomalyEvent {
        requireNonNull(event, "event is null");
        perspectives = List.copyOf(perspectives);
        if (firstAnomaly < 0 || anomalousRows < 0 || anomalousRows > event.rows()) {
            throw new IllegalArgumentException(anomalousRows + " anomalous rows from anomaly " + firstAnomaly + " in " + event);
        }
    }

    /**
     * The events of a detection, in time order: runs of anomalous rows merged when at most the longest
     * perspective window of rows lies between them.
     */
    public static List<AnomalyEvent> of(DetectionResult result) {
        double[] codes = result.table().values(DetectionResult.ANOMALY_CODE);
        boolean[] flags = new boolean[codes.length];
        for (int i = 0; i < codes.length; i++) {
            flags[i] = codes[i] == 1 || codes[i] == 3;
        }
        List<Event> events = merging(result.perspectives()).of(result.table(), flags);
        List<DetectionResult.Anomaly> anomalies = result.anomalies();
        List<AnomalyEvent> out = new ArrayList<>();
        int a = 0;
        for (Event e : events) {
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
            out.add(new AnomalyEvent(e, first, a - first, top, List.copyOf(perspectives)));
        }
        return List.copyOf(out);
    }

    /**
     * How detect forms events, as a results table's events for {@link ResultsEvaluation}: runs of flagged
     * rows merged when at most the longest of the perspectives' windows of rows lies between them.
     *
     * @param perspectives the model's perspectives ({@code model.anomalousBehavior().summary()}, or a result's)
     */
    public static ResultsEvaluation.DetectedEvents merging(List<AnomalousBehaviorModel.PerspectiveSummary> perspectives) {
        int gap = mergeGap(perspectives);
        return (table, flagged) -> Event.merge(Event.runs(table.times(), flagged), gap);
    }

    /** The most rows between two flagged rows of one event: the longest of the perspectives' windows (1 without any). */
    public static int mergeGap(List<AnomalousBehaviorModel.PerspectiveSummary> perspectives) {
        return perspectives.stream().mapToInt(AnomalousBehaviorModel.PerspectiveSummary::window).max().orElse(1);
    }

    /**
     * Event-wise scores of a labelled detection whose detected events are detect's ({@link #of(DetectionResult)}),
     * not the runs of flagged rows, so that the counts agree with what detect printed.
     *
     * @throws IllegalArgumentException when the result has no labels
     */
    public static EventMetrics metrics(DetectionResult result) {
        if (result.labels() == null) {
            throw new IllegalArgumentException("the detection has no labels");
        }
        return EventMetrics.of(result.table().times(), result.labels(), of(result).stream().map(AnomalyEvent::event).toList());
    }

    /**
     * This event's part of a list with one element per anomalous row of the detection, such as the
     * anomaly list itself or the causes of each anomalous row.
     *
     * @throws IllegalArgumentException if the list is too short to be one
     */
    public <T> List<T> of(List<T> perAnomaly) {
        if (perAnomaly.size() < firstAnomaly + anomalousRows) {
            throw new IllegalArgumentException("a list of " + perAnomaly.size() + " anomalous rows has no rows " + firstAnomaly + " to "
                    + (firstAnomaly + anomalousRows - 1));
        }
        return perAnomaly.subList(firstAnomaly, firstAnomaly + anomalousRows);
    }
}
