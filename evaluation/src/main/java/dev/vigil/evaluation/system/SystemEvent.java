package dev.vigil.evaluation.system;

import static java.util.Objects.requireNonNull;

import dev.vigil.evaluation.Event;
import dev.vigil.system.Contribution;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event of a system-driven detection (Lookout's {@code InferenceEventSummary}, reference §5.8): anomalous
 * rows merged by {@link EventRules}, with the strongest indicator and the signals that drove it.
 *
 * @param event the rows from its first anomalous row to its last (indices of the detection it came from)
 * @param anomalousRows how many of them are anomalous
 * @param peakIndicator the largest anomaly indicator of its rows
 * @param peakSeverity the largest severity (Azure's) of its rows
 * @param diagnostics per signal, in the model's signal order: the mean share over its anomalous rows
 *     (renormalised, so the shares sum to 1) and the mean signed deviation
 * @param components the shares summed per component or subsystem, largest first
 */
public record SystemEvent(Event event, int anomalousRows, double peakIndicator, double peakSeverity, List<Contribution> diagnostics,
        Map<String, Double> components) {
    public SystemEvent {
        requireNonNull(event, "event is null");
        diagnostics = List.copyOf(diagnostics);
        components = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
        if (anomalousRows < 1 || anomalousRows > event.rows()) {
            throw new IllegalArgumentException(anomalousRows + " anomalous rows in " + event);
        }
    }

    /** Its first anomalous instant, epoch milliseconds. */
    public long start() {
        return event.start();
    }

    /** Its last anomalous instant, epoch milliseconds. */
    public long end() {
        return event.end();
    }

    /** From the first anomalous row to the last (zero for one row; Lookout's {@code EventDurationInSeconds}). */
    public Duration duration() {
        return event.duration();
    }

    /** The {@code k} signals that drove it most, largest share first. */
    public List<Contribution> top(int k) {
        return Diagnostics.top(diagnostics, k);
    }

    /** One line, as a person reads it: its span, rows, peak and the three signals that drove it most. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s to %s (%s, %d rows, %d anomalous): peak indicator %.4g, severity %.3f; top: %s",
                Instant.ofEpochMilli(start()), Instant.ofEpochMilli(end()), duration(), event.rows(), anomalousRows, peakIndicator, peakSeverity,
                top(3).stream().map(c -> String.format(java.util.Locale.ROOT, "%s %.0f %%", c.signal(), 100 * c.share()))
                        .collect(java.util.stream.Collectors.joining(", ")));
    }

    /**
     * As JSON: {@code start}, {@code end} (ISO-8601), {@code duration}, {@code durationInSeconds}, {@code rows},
     * {@code anomalousRows}, {@code peakIndicator}, {@code peakSeverity}, {@code diagnostics} (Lookout's
     * {@code [{name, value}]}, summing to 1), {@code components} (the same per group) and Azure's top-k
     * {@code interpretation}.
     */
    public Map<String, Object> toMap(int topK) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", Instant.ofEpochMilli(start()).toString());
        m.put("end", Instant.ofEpochMilli(end()).toString());
        m.put("duration", duration().toString());
        m.put("durationInSeconds", duration().toMillis() / 1000.0);
        m.put("rows", event.rows());
        m.put("anomalousRows", anomalousRows);
        m.put("peakIndicator", peakIndicator);
        m.put("peakSeverity", peakSeverity);
        m.put("diagnostics", Diagnostics.lookout(diagnostics));
        m.put("components", Diagnostics.totalsList(components));
        m.put("interpretation", Diagnostics.interpretation(diagnostics, topK));
        return m;
    }
}
