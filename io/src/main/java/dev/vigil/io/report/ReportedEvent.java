package dev.vigil.io.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * An event of a detection, as a report lists it: anomalous rows close enough together to be one.
 *
 * @param start its first anomalous row
 * @param end its last anomalous row
 * @param rows rows from the first to the last
 * @param anomalousRows how many of them are anomalous
 * @param maxIndicator the strongest indicator among them
 * @param perspectives the perspectives that flagged them
 * @param causes what moved the normal behaviour, on average over the anomalous rows; {@code null} when unknown
 */
public record ReportedEvent(Instant start, Instant end, int rows, int anomalousRows, double maxIndicator, List<String> perspectives,
        ReportedCauses causes) {
    public ReportedEvent {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        perspectives = List.copyOf(perspectives);
    }
}
