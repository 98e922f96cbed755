package dev.vigil.core.detection;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.ErrorCode;
import dev.vigil.core.StateReader;
import dev.vigil.core.VigilException;
import dev.vigil.core.frame.RowSet;
import dev.vigil.core.frame.TimeFrame;
import dev.vigil.core.log.JobLog;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.core.settings.DataSettings;
import dev.vigil.core.settings.JobSettings;
import dev.vigil.core.settings.RowSelection;
import dev.vigil.core.spi.NormalBehaviorModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A built model: the settings it was built with, the normal-behaviour model, and what it needs of
 * new data. {@link #detect} applies it to new data without re-fitting anything; rows before the
 * detected ones warm up lags and windows. Immutable and thread-safe.
 */
public final class DetectionModel {
    private final JobSettings settings;
    private final NormalBehaviorModel normal;
    private final long samplingPeriodMillis;
    private final Instant inSampleFrom;
    private final Instant inSampleTo;
    private final Clock clock;

    DetectionModel(JobSettings settings, NormalBehaviorModel normal, long samplingPeriodMillis, Instant inSampleFrom,
            Instant inSampleTo, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.normal = requireNonNull(normal, "normal is null");
        this.samplingPeriodMillis = samplingPeriodMillis;
        this.inSampleFrom = requireNonNull(inSampleFrom, "inSampleFrom is null");
        this.inSampleTo = requireNonNull(inSampleTo, "inSampleTo is null");
        this.clock = clock;
        if (settings.data().kpiColumn() == null) {
            throw new IllegalArgumentException("the model's settings must name the KPI column");
        }
    }

    /** The settings the model was built with; {@code data.KPIColumn} and {@code data.columns} are resolved. */
    public JobSettings settings() {
        return settings;
    }

    /** The KPI column. */
    public String kpi() {
        return settings.data().kpiColumn();
    }

    /** The normal-behaviour model. */
    public NormalBehaviorModel normalBehavior() {
        return normal;
    }

    /** The sampling period of the data the model was built on. */
    public Duration samplingPeriod() {
        return Duration.ofMillis(samplingPeriodMillis);
    }

    /** First and last in-sample timestamps. */
    public Instant inSampleFrom() {
        return inSampleFrom;
    }

    /** Last in-sample timestamp. */
    public Instant inSampleTo() {
        return inSampleTo;
    }

    /** The columns new data must hold: the KPI and the inputs of the normal-behaviour model. */
    public List<String> requiredColumns() {
        List<String> cols = new ArrayList<>();
        cols.add(kpi());
        normal.inputs().stream().filter(c -> !c.equals(kpi())).forEach(cols::add);
        return cols;
    }

    /**
     * Detects on the rows after the last in-sample timestamp, or on all rows when there are none
     * (TIM's default for detect).
     */
    public DetectionResult detect(TimeFrame raw) {
        return detect(raw, null);
    }

    /**
     * Detects on the selected rows of new data. The data must hold {@link #requiredColumns()} at the
     * model's sampling period; they are prepared as the model's data settings say.
     *
     * @param rows rows to detect on, or {@code null} for the default
     */
    public DetectionResult detect(TimeFrame raw, RowSelection rows) {
        JobLog log = new JobLog(clock);
        log.info(Pipeline.ORIGIN, "Detection job, type: detection, approach: kpi-driven.");
        log.info(Pipeline.ORIGIN, "Applying model for detection.");
        DataSettings data = settings.data().withColumns(requiredColumns().subList(1, requiredColumns().size()));
        List<String> missing = requiredColumns().stream().filter(c -> !raw.hasColumn(c)).toList();
        if (!missing.isEmpty()) {
            throw new VigilException(ErrorCode.UNKNOWN_COLUMN, raw.source() + " lacks " + (missing.size() == 1 ? "column " : "columns ")
                    + String.join(", ", missing) + " that the model uses; columns: " + String.join(", ", raw.columnNames()));
        }
        TimeFrame frame = Pipeline.prepare(raw, data, data.columns(), log);
        Pipeline.requirePeriod(frame, samplingPeriodMillis);
        RowSet selected = rows != null ? Pipeline.rows(frame, data.withRows(rows), "detect") : defaultRows(frame, log);
        double[] nb = new double[frame.rows()];
        int[] idx = new int[frame.rows()];
        normal.predict(frame, nb, idx);
        log.info(Pipeline.ORIGIN, "Creating anomaly detection results.");
        TimeFrame table = Pipeline.table(frame, selected, kpi(), nb, idx, List.of(), List.of());
        return new DetectionResult(table, log.entries());
    }

    private RowSet defaultRows(TimeFrame frame, JobLog log) {
        int first = frame.indexOf(inSampleTo.toEpochMilli());
        int start = first >= 0 ? first + 1 : -first - 1;
        if (start >= frame.rows()) {
            log.info(Pipeline.ORIGIN, "No rows after the in-sample period (which ends " + inSampleTo + "); detecting on all rows.");
            return RowSet.all(frame.rows());
        }
        return RowSet.range(start, frame.rows());
    }

    /**
     * Everything but the settings, as a tree of JSON-compatible values; {@link #restore} rebuilds an
     * identical model from it and the settings.
     */
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("samplingPeriod", Duration.ofMillis(samplingPeriodMillis).toString());
        Map<String, Object> inSample = new LinkedHashMap<>();
        inSample.put("from", inSampleFrom.toString());
        inSample.put("to", inSampleTo.toString());
        s.put("inSample", inSample);
        Map<String, Object> nb = new LinkedHashMap<>();
        nb.put("factory", normal.factory());
        nb.put("state", normal.state());
        s.put("normalBehaviorModel", nb);
        return s;
    }

    /**
     * Rebuilds a model from its settings and {@link #state()}.
     *
     * @throws VigilException {@link ErrorCode#BAD_MODEL} when the state is corrupted, {@link
     *     ErrorCode#UNKNOWN_PLUGIN} when a plugin it names is not available
     */
    @SuppressWarnings("unchecked")
    public static DetectionModel restore(JobSettings settings, Map<String, Object> state, PluginRegistry registry) {
        StateReader s = StateReader.of(state, "model");
        Duration period;
        Instant from;
        Instant to;
        try {
            period = Duration.parse(s.string("samplingPeriod"));
            from = Instant.parse(s.map("inSample").string("from"));
            to = Instant.parse(s.map("inSample").string("to"));
        } catch (java.time.format.DateTimeParseException e) {
            throw s.error("samplingPeriod", "or inSample cannot be read: " + e.getMessage());
        }
        StateReader nb = s.map("normalBehaviorModel");
        NormalBehaviorModel normal = registry.normalBehavior(nb.string("factory"))
                .restore((Map<String, Object>) nb.raw().get("state"), registry::feature);
        if (settings.data().kpiColumn() == null) {
            throw new VigilException(ErrorCode.BAD_MODEL, "The model is corrupted: its settings name no KPI column");
        }
        return new DetectionModel(settings, normal, period.toMillis(), from, to, Clock.systemUTC());
    }
}
