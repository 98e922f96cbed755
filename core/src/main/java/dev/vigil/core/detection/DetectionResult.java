package dev.vigil.core.detection;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.anomaly.AnomalousBehaviorModel;
import dev.vigil.spi.ColumnLayout;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.LogEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a job produced for its rows: the results table, the job log, the perspectives' calibration and,
 * when the data had a label column, the labels of the table's rows.
 *
 * <p>The table has TIM's columns, in order: {@code model_index}, {@code kpi}, {@code normal_behavior},
 * {@code anomaly_code} and one {@code anomaly_indicator_<perspective>} per perspective; its timestamps
 * are the rows'. {@code NaN} marks a value that was not calculated (written as an empty cell).
 *
 * @param table the results table
 * @param logs the job log, oldest first
 * @param perspectives each perspective's window, density size, sensitivity and threshold
 * @param labels the label of each table row (1 anomaly, 0 normal, NaN unknown), or {@code null}
 *     without a label column
 */
public record DetectionResult(TimeFrame table, List<LogEntry> logs, List<AnomalousBehaviorModel.PerspectiveSummary> perspectives,
        double[] labels) {
    /** Column of the model index. */
    public static final String MODEL_INDEX = "model_index";
    /** Column of the KPI. */
    public static final String KPI = "kpi";
    /** Column of the normal behaviour. */
    public static final String NORMAL_BEHAVIOR = "normal_behavior";
    /** Column of the anomaly code. */
    public static final String ANOMALY_CODE = "anomaly_code";
    /**
     * How results tables are written: Vigil's default layout, with {@link #MODEL_INDEX} and {@link
     * #ANOMALY_CODE} stored as integers where the format has them (Parquet INT32).
     */
    public static final ColumnLayout TABLE_LAYOUT = ColumnLayout.DEFAULT.withTypes(
            Map.of(MODEL_INDEX, ColumnLayout.ValueType.INT32, ANOMALY_CODE, ColumnLayout.ValueType.INT32));

    public DetectionResult {
        requireNonNull(table, "table is null");
        logs = List.copyOf(requireNonNull(logs, "logs is null"));
        perspectives = List.copyOf(requireNonNull(perspectives, "perspectives is null"));
        if (labels != null && labels.length != table.rows()) {
            throw new IllegalArgumentException("labels has " + labels.length + " values for " + table.rows() + " rows");
        }
        labels = labels == null ? null : labels.clone();
    }

    /** Number of rows. */
    public int rows() {
        return table.rows();
    }

    /** A copy of the labels, or null without a label column. */
    @Override
    public double[] labels() {
        return labels == null ? null : labels.clone();
    }

    /** The indicator columns, in perspective order. */
    public List<String> indicatorColumns() {
        return table.columnNames().stream().filter(c -> c.startsWith(AnomalousBehaviorModel.INDICATOR_PREFIX)).toList();
    }

    /**
     * One row of the anomaly list.
     *
     * @param timestamp when
     * @param modelIndex model index
     * @param kpi the KPI
     * @param normalBehavior what it should have been
     * @param anomalyCode 1 or 3
     * @param indicators the calculated indicators by column name
     * @param exceeded the perspectives whose indicator exceeds 1
     */
    public record Anomaly(Instant timestamp, int modelIndex, double kpi, double normalBehavior, int anomalyCode,
            Map<String, Double> indicators, List<String> exceeded) {
        public Anomaly {
            requireNonNull(timestamp, "timestamp is null");
            indicators = Collections.unmodifiableMap(new LinkedHashMap<>(indicators));
            exceeded = List.copyOf(exceeded);
        }
    }

    /** The anomaly list: every row with anomaly code 1 or 3, in time order. */
    public List<Anomaly> anomalies() {
        List<Anomaly> out = new ArrayList<>();
        if (!table.hasColumn(ANOMALY_CODE)) {
            return out;
        }
        var code = table.column(ANOMALY_CODE);
        List<String> columns = indicatorColumns();
        for (int r = 0; r < table.rows(); r++) {
            int c = (int) code.get(r);
            if (c != 1 && c != 3) {
                continue;
            }
            Map<String, Double> indicators = new LinkedHashMap<>();
            List<String> exceeded = new ArrayList<>();
            for (String col : columns) {
                double v = table.column(col).get(r);
                if (!Double.isNaN(v)) {
                    indicators.put(col, v);
                    if (v > 1) {
                        exceeded.add(col.substring(AnomalousBehaviorModel.INDICATOR_PREFIX.length()));
                    }
                }
            }
            out.add(new Anomaly(table.instant(r), (int) table.column(MODEL_INDEX).get(r), table.column(KPI).get(r),
                    table.column(NORMAL_BEHAVIOR).get(r), c, indicators, exceeded));
        }
        return out;
    }
}
