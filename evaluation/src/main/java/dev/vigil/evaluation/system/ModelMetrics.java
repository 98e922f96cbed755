package dev.vigil.evaluation.system;

import static java.util.Objects.requireNonNull;

import dev.vigil.evaluation.EventMetrics;
import dev.vigil.io.labels.LabelRange;
import dev.vigil.io.labels.LabelRanges;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events judged against labelled ranges, reported as Lookout for Equipment reports a model's evaluation
 * ({@code ModelMetrics}, reference §5.5), with vigil-evaluation's {@link EventMetrics} (precision,
 * recall, F1, delays) alongside:
 *
 * <ul>
 *   <li>a labelled range is identified when an event shares an instant with it; its warning time is its
 *       end minus the start of the first such event (Lookout's forewarning);
 *   <li>an event sharing no instant with any labelled range is an unknown event; Lookout counts them and
 *       sums their durations.
 * </ul>
 *
 * @param labelled the labelled ranges within the rows judged
 * @param predicted the events
 * @param identified how many labelled ranges an event overlaps
 * @param warningTime the warning times summed over the identified ranges
 * @param unknownEvents how many events overlap no labelled range
 * @param unknownDuration their durations summed
 * @param events the event-wise scores of vigil-evaluation: labelled and detected events as runs of rows
 */
public record ModelMetrics(List<LabelRange> labelled, List<SystemEvent> predicted, int identified, Duration warningTime, int unknownEvents,
        Duration unknownDuration, EventMetrics events) {
    public ModelMetrics {
        labelled = List.copyOf(labelled);
        predicted = List.copyOf(predicted);
        requireNonNull(warningTime, "warningTime is null");
        requireNonNull(unknownDuration, "unknownDuration is null");
        requireNonNull(events, "events is null");
    }

    /**
     * Judges events against labelled ranges on the rows of a detection.
     *
     * @param times the rows' timestamps, in time order (those of the detection the events came from)
     * @param labels the labelled ranges; those outside the rows' span are left out, those across its ends cut
     */
    public static ModelMetrics of(long[] times, LabelRanges labels, List<SystemEvent> predicted) {
        LabelRanges within = times.length == 0 ? new LabelRanges(labels.source(), List.of()) : labels.within(times[0], times[times.length - 1]);
        int identified = 0;
        long warning = 0;
        for (LabelRange l : within.ranges()) {
            for (SystemEvent e : predicted) {
                if (e.start() <= l.end() && l.start() <= e.end()) {
                    identified++;
                    warning += l.end() - e.start();
                    break;
                }
            }
        }
        int unknown = 0;
        long unknownMillis = 0;
        for (SystemEvent e : predicted) {
            boolean known = within.ranges().stream().anyMatch(l -> e.start() <= l.end() && l.start() <= e.end());
            if (!known) {
                unknown++;
                unknownMillis += e.end() - e.start();
            }
        }
        boolean[] labelled = within.mask(times);
        double[] l = new double[times.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = labelled[i] ? 1 : 0;
        }
        return new ModelMetrics(within.ranges(), predicted, identified, Duration.ofMillis(warning), unknown, Duration.ofMillis(unknownMillis),
                EventMetrics.of(times, l, predicted.stream().map(SystemEvent::event).toList()));
    }

    /**
     * Lookout's {@code ModelMetrics} keys ({@code labeled_ranges}, {@code labeled_event_metrics}, {@code
     * predicted_ranges} with their diagnostics, {@code unknown_event_metrics}; timestamps as Lookout writes
     * them) and {@code event_metrics}: precision, recall, F1 and the mean delay of vigil-evaluation.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> ranges = new ArrayList<>();
        for (LabelRange r : labelled) {
            Map<String, Object> x = Diagnostics.entry("start", Diagnostics.lookoutTime(r.start()), "end", Diagnostics.lookoutTime(r.end()));
            if (!r.label().isEmpty()) {
                x.put("label", r.label());
            }
            ranges.add(x);
        }
        m.put("labeled_ranges", ranges);
        m.put("labeled_event_metrics", Diagnostics.entry("num_labeled", labelled.size(), "num_identified", identified,
                "total_warning_time_in_seconds", warningTime.toMillis() / 1000.0));
        List<Object> predictedRanges = new ArrayList<>();
        for (SystemEvent e : predicted) {
            predictedRanges.add(Diagnostics.entry("start", Diagnostics.lookoutTime(e.start()), "end", Diagnostics.lookoutTime(e.end()),
                    "diagnostics", Diagnostics.lookout(e.diagnostics())));
        }
        m.put("predicted_ranges", predictedRanges);
        m.put("unknown_event_metrics", Diagnostics.entry("num_identified", unknownEvents, "total_duration_in_seconds",
                unknownDuration.toMillis() / 1000.0));
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("labelled_events", events.labelled().size());
        ev.put("detected_events", events.detected().size());
        ev.put("caught", events.caught().size());
        ev.put("true_detections", events.trueDetections());
        ev.put("precision", events.precision().isPresent() ? events.precision().getAsDouble() : null);
        ev.put("recall", events.recall().isPresent() ? events.recall().getAsDouble() : null);
        ev.put("f1", events.f1().isPresent() ? events.f1().getAsDouble() : null);
        ev.put("mean_delay_in_seconds", events.meanDelay().map(d -> d.toMillis() / 1000.0).orElse(null));
        m.put("event_metrics", ev);
        return m;
    }
}
