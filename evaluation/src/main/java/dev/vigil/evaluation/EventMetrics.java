package dev.vigil.evaluation;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Event-wise scores: runs of flagged rows (detections) against runs of rows labelled 1 (labelled
 * events), matched by overlap. A labelled event is caught when a detection shares a row with it; a
 * detection is true when it shares a row with a labelled event. Precision = true detections /
 * detections, recall = caught / labelled events, F1 their harmonic mean; for each caught event the
 * delay from its start to its first flagged row. Rows with an unknown label count as normal here.
 *
 * @param labelled labelled events, in time order
 * @param detected detected events, in time order
 * @param caught labelled events that were caught, in time order
 * @param trueDetections detected events that overlap a labelled event
 */
public record EventMetrics(List<Event> labelled, List<Event> detected, List<EventMatch> caught, int trueDetections) {
    public EventMetrics {
        labelled = List.copyOf(requireNonNull(labelled, "labelled is null"));
        detected = List.copyOf(requireNonNull(detected, "detected is null"));
        caught = List.copyOf(requireNonNull(caught, "caught is null"));
        if (caught.size() > labelled.size() || trueDetections < 0 || trueDetections > detected.size()) {
            throw new IllegalArgumentException("inconsistent counts: " + caught.size() + " caught of " + labelled.size()
                    + " labelled, " + trueDetections + " true of " + detected.size() + " detected");
        }
    }

    /**
     * Event-wise scores of one detection.
     *
     * @param times timestamps of the rows, in time order (epoch milliseconds)
     * @param labels 1 anomaly, 0 normal, NaN unknown
     * @param predicted whether each row was flagged
     */
    public static EventMetrics of(long[] times, double[] labels, boolean[] predicted) {
        Labels.requireBinary(labels);
        Labels.requireSameLength(labels.length, predicted.length, "predicted");
        return of(times, labels, Event.runs(times, predicted));
    }

    /**
     * Event-wise scores of detected events given as they are (e.g. runs merged across short gaps, as
     * system-driven events are), rather than as the runs of flagged rows.
     *
     * @param times timestamps of the rows, in time order (epoch milliseconds)
     * @param labels 1 anomaly, 0 normal, NaN unknown
     * @param found the detected events, rows of {@code times}, in time order and not overlapping
     */
    public static EventMetrics of(long[] times, double[] labels, List<Event> found) {
        Labels.requireBinary(labels);
        Labels.requireSameLength(labels.length, times.length, "times");
        if (!found.isEmpty() && found.get(found.size() - 1).lastRow() >= times.length) {
            throw new IllegalArgumentException("an event ends on row " + found.get(found.size() - 1).lastRow() + " of " + times.length);
        }
        boolean[] anomalous = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            anomalous[i] = Labels.isAnomaly(labels[i]);
        }
        List<Event> truth = Event.runs(times, anomalous);
        List<EventMatch> caught = new ArrayList<>();
        int d = 0;
        for (Event l : truth) {
            while (d < found.size() && found.get(d).lastRow() < l.firstRow()) {
                d++;
            }
            if (d < found.size() && found.get(d).overlaps(l)) {
                Event first = found.get(d);
                long flaggedAt = times[Math.max(first.firstRow(), l.firstRow())];
                caught.add(new EventMatch(l, first, Duration.ofMillis(flaggedAt - l.start())));
            }
        }
        int trueDetections = 0;
        int t = 0;
        for (Event e : found) {
            while (t < truth.size() && truth.get(t).lastRow() < e.firstRow()) {
                t++;
            }
            if (t < truth.size() && truth.get(t).overlaps(e)) {
                trueDetections++;
            }
        }
        return new EventMetrics(truth, found, caught, trueDetections);
    }

    /** True detections / detections; empty without detections. */
    public OptionalDouble precision() {
        return ConfusionMatrix.ratio(trueDetections, detected.size());
    }

    /** Caught / labelled events; empty without labelled events. */
    public OptionalDouble recall() {
        return ConfusionMatrix.ratio(caught.size(), labelled.size());
    }

    /** Harmonic mean of precision and recall (0 when both are 0); empty when either is. */
    public OptionalDouble f1() {
        OptionalDouble p = precision();
        OptionalDouble r = recall();
        if (p.isEmpty() || r.isEmpty()) {
            return OptionalDouble.empty();
        }
        double sum = p.getAsDouble() + r.getAsDouble();
        return OptionalDouble.of(sum == 0 ? 0 : 2 * p.getAsDouble() * r.getAsDouble() / sum);
    }

    /** Mean detection delay over caught events; empty when none was caught. */
    public Optional<Duration> meanDelay() {
        if (caught.isEmpty()) {
            return Optional.empty();
        }
        long total = 0;
        for (EventMatch m : caught) {
            total += m.delay().toMillis();
        }
        return Optional.of(Duration.ofMillis(total / caught.size()));
    }
}
