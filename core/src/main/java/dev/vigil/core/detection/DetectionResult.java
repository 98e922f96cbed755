package dev.vigil.core.detection;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.frame.TimeFrame;
import dev.vigil.core.log.LogEntry;
import java.util.List;

/**
 * What a job produced for its rows: the results table and the job log.
 *
 * <p>The table has TIM's columns, in order: {@code model_index}, {@code kpi}, {@code normal_behavior}
 * (and, with an anomalous-behaviour model, {@code anomaly_code} and one {@code
 * anomaly_indicator_<perspective>} per perspective); its timestamps are the rows'. {@code NaN} marks
 * a value that was not calculated (written as an empty cell).
 *
 * @param table the results table
 * @param logs the job log, oldest first
 */
public record DetectionResult(TimeFrame table, List<LogEntry> logs) {
    /** Column of the model index. */
    public static final String MODEL_INDEX = "model_index";
    /** Column of the KPI. */
    public static final String KPI = "kpi";
    /** Column of the normal behaviour. */
    public static final String NORMAL_BEHAVIOR = "normal_behavior";

    public DetectionResult {
        requireNonNull(table, "table is null");
        logs = List.copyOf(requireNonNull(logs, "logs is null"));
    }

    /** Number of rows. */
    public int rows() {
        return table.rows();
    }
}
