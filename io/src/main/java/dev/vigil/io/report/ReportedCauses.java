package dev.vigil.io.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What moved the normal behaviour at one row (or on average over an event's rows), as a report lists
 * it.
 *
 * @param timestamp the row (an event's first row)
 * @param kpi the KPI
 * @param normalBehavior the normal behaviour
 * @param typicalNormalBehavior its usual level
 * @param causes the contributors, largest departure first
 */
public record ReportedCauses(Instant timestamp, double kpi, double normalBehavior, double typicalNormalBehavior, List<ReportedCause> causes) {
    public ReportedCauses {
        requireNonNull(timestamp, "timestamp is null");
        causes = List.copyOf(causes);
    }
}
