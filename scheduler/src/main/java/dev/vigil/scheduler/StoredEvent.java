package dev.vigil.scheduler;

import dev.vigil.evaluation.system.Diagnostics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event of a scheduler, as stored: anomalous rows merged across executions (reference §5.8), with what its
 * diagnostics are averaged from. Lookout's {@code InferenceEventSummary} is {@link #toMap}.
 *
 * @param id the store's id; {@code 0} for an event not stored yet
 * @param scheduler {@code InferenceSchedulerName}
 * @param start its first anomalous row, epoch milliseconds
 * @param end its last anomalous row
 * @param anomalousRows how many anomalous rows it holds
 * @param peakIndicator the largest anomaly indicator of its rows
 * @param names the diagnostics' entries (signals)
 * @param shareSums per entry, the shares summed over its explained rows
 * @param explained how many of its rows carry diagnostics
 */
public record StoredEvent(long id, String scheduler, long start, long end, int anomalousRows, double peakIndicator, List<String> names,
        double[] shareSums, int explained) {
    public StoredEvent {
        names = List.copyOf(names);
        shareSums = shareSums.clone();
        if (end < start || anomalousRows < 1 || shareSums.length != names.size()) {
            throw new IllegalArgumentException("not an event: " + start + ".." + end + ", " + anomalousRows + " rows");
        }
    }

    /** {@code EventDurationInSeconds}: from its first anomalous row to its last. */
    public Duration duration() {
        return Duration.ofMillis(end - start);
    }

    /** The mean share of each entry over the event, renormalised and rounded to 5 decimals (summing to 1). */
    public double[] diagnostics() {
        double total = 0;
        for (double s : shareSums) {
            total += s;
        }
        double[] out = new double[shareSums.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = total > 0 ? shareSums[j] / total : 1.0 / out.length;
        }
        return Diagnostics.rounded(out);
    }

    /**
     * Lookout's {@code InferenceEventSummary}: {@code InferenceSchedulerName}, {@code EventStartTime}, {@code
     * EventEndTime}, {@code Diagnostics} (a JSON string {@code [{"name":…,"value":…}]}, summing to 1), {@code
     * EventDurationInSeconds}; and Vigil's {@code AnomalousRows} and {@code PeakIndicator}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("InferenceSchedulerName", scheduler);
        m.put("EventStartTime", Instant.ofEpochMilli(start).toString());
        m.put("EventEndTime", Instant.ofEpochMilli(end).toString());
        double[] d = diagnostics();
        List<Map<String, Object>> diag = new ArrayList<>();
        for (int j = 0; j < d.length; j++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", names.get(j));
            e.put("value", d[j]);
            diag.add(e);
        }
        m.put("Diagnostics", Json.write(diag));
        m.put("EventDurationInSeconds", duration().toSeconds());
        m.put("AnomalousRows", anomalousRows);
        m.put("PeakIndicator", peakIndicator);
        return m;
    }
}
