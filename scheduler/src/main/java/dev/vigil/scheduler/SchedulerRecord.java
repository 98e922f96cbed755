package dev.vigil.scheduler;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scheduler as stored: its configuration and where it stands (Lookout's {@code DescribeInferenceScheduler}).
 *
 * @param config the configuration
 * @param status the status
 * @param createdAt {@code CreatedAt}
 * @param updatedAt {@code UpdatedAt}
 * @param latestResult {@code LatestInferenceResult}: {@code ANOMALOUS} or {@code NORMAL} after an execution
 *     that succeeded, {@code null} before
 * @param lastWindowEnd the end of the last window run (succeeded or failed), {@code null} before the first
 * @param skippedWindows windows the catch-up cap left out, in all
 */
public record SchedulerRecord(SchedulerConfig config, SchedulerStatus status, Instant createdAt, Instant updatedAt, String latestResult,
        Instant lastWindowEnd, long skippedWindows) {
    public SchedulerRecord {
        requireNonNull(config, "config is null");
        requireNonNull(status, "status is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    /** The scheduler's name. */
    public String name() {
        return config.name();
    }

    /** Lookout's {@code DescribeInferenceScheduler}: the configuration, {@code Status}, times and the latest result. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(config.toMap());
        m.put("Status", status.name());
        m.put("CreatedAt", createdAt.toString());
        m.put("UpdatedAt", updatedAt.toString());
        if (latestResult != null) {
            m.put("LatestInferenceResult", latestResult);
        }
        m.put("LastWindowEnd", lastWindowEnd == null ? null : lastWindowEnd.toString());
        Instant next = Window.nextRun(config, lastWindowEnd);
        m.put("NextScheduledStartTime", next.toString());
        m.put("SkippedWindows", skippedWindows);
        return m;
    }
}
