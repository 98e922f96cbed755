package dev.vigil.rca;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * The causes of one row's normal behaviour, largest departure first.
 *
 * @param timestamp the row
 * @param kpi the KPI
 * @param normalBehavior what it should have been
 * @param typicalNormalBehavior the usual level of the normal behaviour for the row's model
 * @param causes every contributor that departs, largest first
 */
public record RowCauses(Instant timestamp, double kpi, double normalBehavior, double typicalNormalBehavior, List<Cause> causes) {
    public RowCauses {
        requireNonNull(timestamp, "timestamp is null");
        causes = List.copyOf(causes);
    }
}
