package dev.vigil.spi.settings;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TIM's {@code data} block: which rows and columns a job uses and how the data are prepared.
 *
 * @param rows rows the job works on (in-sample rows for build-model, detected rows for detect)
 * @param columns influencer columns to use; empty means every numeric column
 * @param kpiColumn the KPI; {@code null} means the first column after the timestamp
 * @param labelColumn column marking known anomalies (non-zero = anomaly), or {@code null}
 * @param holidayColumn column marking public holidays (non-zero = holiday), or {@code null}
 * @param imputation how short gaps are filled
 * @param timeScale period to resample to, or {@code null} to keep the data's own
 * @param aggregation how resampling combines values
 */
public record DataSettings(
        RowSelection rows,
        List<String> columns,
        String kpiColumn,
        String labelColumn,
        String holidayColumn,
        Imputation imputation,
        TimeScale timeScale,
        Aggregation aggregation) {

    /** All rows and columns, KPI = first column, Linear imputation of gaps ≤ 6, no resampling. */
    public static final DataSettings DEFAULT =
            new DataSettings(RowSelection.all(), List.of(), null, null, null, Imputation.DEFAULT, null, Aggregation.Mean);

    public DataSettings {
        requireNonNull(rows, "rows is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(imputation, "imputation is null");
        requireNonNull(aggregation, "aggregation is null");
        Problems p = new Problems();
        p.require(kpiColumn == null || !kpiColumn.isBlank(), "KPIColumn must not be blank");
        p.require(labelColumn == null || !labelColumn.equals(kpiColumn), "labelColumn must differ from KPIColumn '" + kpiColumn + "'");
        p.require(columns.stream().distinct().count() == columns.size(), "columns lists a name twice: " + columns);
        p.throwIfAny("data settings");
    }

    /** The KPI column, if named. */
    public Optional<String> kpi() {
        return Optional.ofNullable(kpiColumn);
    }

    /** The label column, if any. */
    public Optional<String> label() {
        return Optional.ofNullable(labelColumn);
    }

    /** The holiday column, if any. */
    public Optional<String> holidays() {
        return Optional.ofNullable(holidayColumn);
    }

    /** The time scale to resample to, if any. */
    public Optional<TimeScale> resampling() {
        return Optional.ofNullable(timeScale);
    }

    /**
     * The columns these settings name, each with its role for messages ({@code "KPI column"},
     * {@code "label column"}, {@code "holiday column"}, {@code "influencer column"}), in that order.
     */
    public Map<String, String> columnRoles() {
        Map<String, String> roles = new LinkedHashMap<>();
        if (kpiColumn != null) {
            roles.put(kpiColumn, "KPI column");
        }
        if (labelColumn != null) {
            roles.put(labelColumn, "label column");
        }
        if (holidayColumn != null) {
            roles.put(holidayColumn, "holiday column");
        }
        for (String c : columns) {
            roles.putIfAbsent(c, "influencer column");
        }
        return roles;
    }

    /** A copy with other rows. */
    public DataSettings withRows(RowSelection newRows) {
        return new DataSettings(newRows, columns, kpiColumn, labelColumn, holidayColumn, imputation, timeScale, aggregation);
    }

    /** A copy with another KPI column. */
    public DataSettings withKpiColumn(String kpi) {
        return new DataSettings(rows, columns, kpi, labelColumn, holidayColumn, imputation, timeScale, aggregation);
    }

    /** A copy with another label column. */
    public DataSettings withLabelColumn(String label) {
        return new DataSettings(rows, columns, kpiColumn, label, holidayColumn, imputation, timeScale, aggregation);
    }

    /** A copy with other influencer columns. */
    public DataSettings withColumns(List<String> newColumns) {
        return new DataSettings(rows, newColumns, kpiColumn, labelColumn, holidayColumn, imputation, timeScale, aggregation);
    }
}
