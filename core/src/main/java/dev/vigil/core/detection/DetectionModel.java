package dev.vigil.core.detection;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.StateReader;
import dev.vigil.core.anomaly.AnomalousBehaviorModel;
import dev.vigil.core.normal.SparseRegression;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.core.stream.DetectionStream;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.NormalBehaviorModel;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.Configuration;
import dev.vigil.spi.settings.DataSettings;
import dev.vigil.spi.settings.DomainSpecific;
import dev.vigil.spi.settings.JobSettings;
import dev.vigil.spi.settings.RebuildType;
import dev.vigil.spi.settings.RowSelection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A built model: the settings it was built with, the normal-behaviour model, the anomalous-behaviour
 * model, and what it needs of new data. {@link #detect} applies it without re-fitting anything; rows
 * before the detected ones warm up lags and windows. {@link #rebuild} refreshes part of it on new
 * data. Immutable and thread-safe.
 */
public final class DetectionModel {
    private final JobSettings settings;
    private final NormalBehaviorModel normal;
    private final AnomalousBehaviorModel anomalous;
    private final long samplingPeriodMillis;
    private final Instant inSampleFrom;
    private final Instant inSampleTo;
    private final PluginRegistry registry;
    private final String factoryName;
    private final Clock clock;

    DetectionModel(JobSettings settings, NormalBehaviorModel normal, AnomalousBehaviorModel anomalous, long samplingPeriodMillis,
            Instant inSampleFrom, Instant inSampleTo, PluginRegistry registry, String factoryName, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.normal = requireNonNull(normal, "normal is null");
        this.anomalous = requireNonNull(anomalous, "anomalous is null");
        this.samplingPeriodMillis = samplingPeriodMillis;
        this.inSampleFrom = requireNonNull(inSampleFrom, "inSampleFrom is null");
        this.inSampleTo = requireNonNull(inSampleTo, "inSampleTo is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.factoryName = requireNonNull(factoryName, "factoryName is null");
        this.clock = requireNonNull(clock, "clock is null");
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

    /** The anomalous-behaviour model. */
    public AnomalousBehaviorModel anomalousBehavior() {
        return anomalous;
    }

    /** The sampling period of the data the model was built on. */
    public Duration samplingPeriod() {
        return Duration.ofMillis(samplingPeriodMillis);
    }

    /** First in-sample timestamp. */
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
        return detect(raw, null, ProgressListener.NONE);
    }

    /** Detects on the selected rows ({@code null}: the default rows). */
    public DetectionResult detect(TimeFrame raw, RowSelection rows) {
        return detect(raw, rows, ProgressListener.NONE);
    }

    /**
     * Detects on the selected rows of new data, reporting progress. The data must hold {@link
     * #requiredColumns()} at the model's sampling period; they are prepared as the model's data
     * settings say.
     *
     * @param rows rows to detect on, or {@code null} for the default
     */
    public DetectionResult detect(TimeFrame raw, RowSelection rows, ProgressListener progress) {
        JobLog log = new JobLog(clock);
        log.info(Pipeline.ORIGIN, "Detection job, type: detection, approach: kpi-driven.");
        progress.progress("Preparing data", 0);
        PreparedData prepared = prepare(raw, rows, log);
        TimeFrame frame = prepared.frame();
        RowSet selected = prepared.rows();
        DataSettings data = dataFor(raw);
        log.info(Pipeline.ORIGIN, "Applying model for detection.");
        progress.progress("Applying the model", 0.3);
        Pipeline.Scored scored = Pipeline.score(normal, frame, kpi());
        progress.progress("Creating results", 0.8);
        DetectionResult result = Pipeline.result(frame, selected, kpi(), scored, anomalous, data, log);
        progress.progress("Done", 1);
        return result;
    }

    /**
     * TIM's what-if (docs/models.md#what-if): detects on the selected rows twice, on the data as they
     * are and with the changes applied to the rows whose timestamps lie between the first and last
     * detected row (rows before them, which only warm lags and windows up, keep their values). Nothing
     * is refitted; {@code raw} is not modified.
     *
     * @param rows rows to detect on, or {@code null} for the default
     * @param changes the replacements, applied in order; each must name a column the model uses
     * @throws VigilException ({@link ErrorCode#UNKNOWN_COLUMN}) for a column the model does not use
     */
    public WhatIf whatIf(TimeFrame raw, RowSelection rows, List<WhatIf.Change> changes) {
        List<String> used = requiredColumns();
        for (WhatIf.Change c : changes) {
            if (!used.contains(c.column())) {
                throw new VigilException(ErrorCode.UNKNOWN_COLUMN, "The change " + c + " names '" + c.column() + "', which the model does not use"
                        + "; it uses " + String.join(", ", used));
            }
        }
        DetectionResult baseline = detect(raw, rows);
        if (baseline.rows() == 0) {
            return new WhatIf(changes, baseline, baseline);
        }
        long first = baseline.table().time(0);
        long last = baseline.table().time(baseline.rows() - 1);
        TimeFrame changedRaw = raw;
        int touched = 0;
        for (WhatIf.Change c : changes) {
            double[] v = changedRaw.values(c.column()).clone();
            touched = 0;
            for (int i = 0; i < v.length; i++) {
                long t = raw.time(i);
                if (t >= first && t <= last) {
                    v[i] = c.apply(v[i]);
                    touched++;
                }
            }
            changedRaw = changedRaw.withColumn(c.column(), v);
        }
        DetectionResult changed = detect(changedRaw, rows);
        List<dev.vigil.spi.log.LogEntry> logs = new ArrayList<>(changed.logs());
        logs.add(new dev.vigil.spi.log.LogEntry(Instant.now(clock), Pipeline.ORIGIN, dev.vigil.spi.log.MessageType.Info,
                "What-if: " + changes.stream().map(WhatIf.Change::toString).collect(java.util.stream.Collectors.joining(", ")) + " on the "
                        + touched + " rows of the data from " + Instant.ofEpochMilli(first) + " to " + Instant.ofEpochMilli(last) + "."));
        return new WhatIf(changes, baseline, new DetectionResult(changed.table(), logs, changed.perspectives(), changed.labels()));
    }

    /**
     * New data as {@link #detect} prepares them: the model's columns, sorted, de-duplicated, regular
     * and imputed as its settings say, and the rows selected.
     *
     * @param frame the prepared data
     * @param rows the selected rows
     * @param logs what preparing them did
     */
    public record PreparedData(TimeFrame frame, RowSet rows, List<dev.vigil.spi.log.LogEntry> logs) {
    }

    /**
     * Prepares new data and selects rows ({@code null}: the default rows), as {@link #detect} does. What
     * preparing them did is in the result's logs only: nothing is mirrored to the log sinks, so data
     * prepared again for a job that logged it once are not reported twice.
     */
    public PreparedData prepare(TimeFrame raw, RowSelection rows) {
        JobLog log = JobLog.collecting(clock);
        PreparedData p = prepare(raw, rows, log);
        return new PreparedData(p.frame(), p.rows(), log.entries());
    }

    private PreparedData prepare(TimeFrame raw, RowSelection rows, JobLog log) {
        DataSettings data = dataFor(raw);
        TimeFrame frame = Pipeline.prepare(raw, data, data.columns(), log);
        Pipeline.requirePeriod(frame, samplingPeriodMillis);
        RowSet selected = rows != null ? Pipeline.rows(frame, data.withRows(rows), "detect", log) : defaultRows(frame, log);
        return new PreparedData(frame, selected, List.of());
    }

    /**
     * This model one row at a time (docs/streaming.md): a stream answering each row at once, as {@link
     * #detect} answers it; timestamps and calendar read in UTC, late rows refused.
     */
    public DetectionStream stream() {
        return stream(java.time.ZoneOffset.UTC, DetectionStream.LateRows.REFUSE);
    }

    /** This model one row at a time, over data read in {@code zone}, late rows handled as {@code late} says. */
    public DetectionStream stream(java.time.ZoneId zone, DetectionStream.LateRows late) {
        return DetectionStream.of(this, zone, late);
    }

    /**
     * Refreshes part of the model on new data (TIM's rebuild-model job) and applies the new model to
     * the rows it was rebuilt on: {@link RebuildType#DomainSpecifics} recomputes the thresholds,
     * {@link RebuildType#AnomalousBehaviorModel} refits the perspectives' densities starting from the
     * current ones (cheap when the data change little, e.g. rebuilding on all rows seen so far as new
     * ones arrive), {@link RebuildType#All} fits both models afresh.
     *
     * @param type what to refresh
     * @param rows rows to rebuild on, or {@code null} for all rows
     * @param domainSpecifics new perspectives' sensitivities, or {@code null} to keep the model's; for
     *     {@link RebuildType#DomainSpecifics} and {@link RebuildType#AnomalousBehaviorModel} they must name
     *     the model's perspectives
     */
    public BuildResult rebuild(TimeFrame raw, RebuildType type, RowSelection rows, List<DomainSpecific> domainSpecifics,
            ProgressListener progress) {
        return rebuild(raw, type, rows, domainSpecifics, progress, true);
    }

    /**
     * {@link #rebuild} without applying the new model to the rows: the same model, bit for bit, for
     * callers that only detect with it later (e.g. a model refreshed as new rows arrive), at less cost.
     *
     * @param type what to refresh
     * @param rows rows to rebuild on, or {@code null} for all rows
     * @param domainSpecifics as for {@link #rebuild}
     */
    public DetectionModel rebuildModel(TimeFrame raw, RebuildType type, RowSelection rows, List<DomainSpecific> domainSpecifics) {
        return rebuild(raw, type, rows, domainSpecifics, ProgressListener.NONE, false).model();
    }

    /** The rebuild; {@code withResult} false leaves the result's table empty (see {@link #rebuildModel}). */
    private BuildResult rebuild(TimeFrame raw, RebuildType type, RowSelection rows, List<DomainSpecific> domainSpecifics,
            ProgressListener progress, boolean withResult) {
        requireNonNull(type, "type is null");
        JobLog log = new JobLog(clock);
        log.info(Pipeline.ORIGIN, "Detection job, type: model rebuilding (" + type + "), approach: kpi-driven.");
        progress.progress("Preparing data", 0);
        Configuration cfg = settings.configuration();
        List<DomainSpecific> ds = domainSpecifics == null ? cfg.domainSpecifics() : List.copyOf(domainSpecifics);
        JobSettings newSettings = settings.withConfiguration(cfg.withDomainSpecifics(ds));
        DataSettings data = type == RebuildType.All ? settings.data() : dataFor(raw);
        TimeFrame frame = Pipeline.prepare(raw, data, data.columns(), log);
        Pipeline.requirePeriod(frame, samplingPeriodMillis);
        RowSet selected = Pipeline.rows(frame, data.withRows(rows == null ? RowSelection.all() : rows), "rebuild", log);
        if (type == RebuildType.All) {
            return AnomalyDetector.fit(newSettings.withData(data.withRows(rows == null ? RowSelection.all() : rows)), frame, selected,
                    registry, factoryName, clock, log, progress, 0.05, 1, withResult);
        }
        if (type == RebuildType.AnomalousBehaviorModel && !samePerspectives(ds)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Rebuild type AnomalousBehaviorModel keeps the model's perspectives ("
                    + String.join(", ", anomalous.perspectives()) + "); to change them, rebuild with type All");
        }
        progress.progress("Applying the normal behaviour model", 0.3);
        Pipeline.Scored scored = Pipeline.score(normal, frame, kpi());
        progress.progress("Modelling anomalous behaviour", 0.6);
        AnomalousBehaviorModel rebuilt = type == RebuildType.DomainSpecifics
                ? anomalous.withThresholds(scored.residual(), frame, selected, ds, log)
                : anomalous.refit(scored.residual(), frame, selected, ds, cfg.anomalousBehaviorModel(), log);
        DetectionModel model = new DetectionModel(newSettings, normal, rebuilt, samplingPeriodMillis, frame.instant(selected.first()),
                frame.instant(selected.last()), registry, factoryName, clock);
        if (!withResult) {
            return new BuildResult(model, Pipeline.noResult(log));
        }
        DetectionResult result = Pipeline.result(frame, selected, kpi(), scored, rebuilt, data, log);
        progress.progress("Done", 1);
        return new BuildResult(model, result);
    }

    private boolean samePerspectives(List<DomainSpecific> ds) {
        return ds.stream().map(DomainSpecific::perspective).toList().equals(anomalous.perspectives());
    }

    /** The data block for new data: the model's settings, requiring only the model's inputs. */
    private DataSettings dataFor(TimeFrame raw) {
        List<String> required = requiredColumns();
        List<String> missing = required.stream().filter(c -> !raw.hasColumn(c)).toList();
        if (!missing.isEmpty()) {
            throw new VigilException(ErrorCode.UNKNOWN_COLUMN, raw.source() + " lacks " + (missing.size() == 1 ? "column " : "columns ")
                    + String.join(", ", missing) + " that the model uses; columns: " + String.join(", ", raw.columnNames()));
        }
        DataSettings data = settings.data().withColumns(required.subList(1, required.size()));
        if (data.labelColumn() != null && !raw.hasColumn(data.labelColumn())) {
            data = data.withLabelColumn(null); // labels are optional when detecting
        }
        return data;
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
        s.put("anomalousBehaviorModel", anomalous.state());
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
        // an edited file may hold any duration and instant: each must fit the epoch milliseconds the jobs compute in
        try {
            if (period.toMillis() <= 0) {
                throw s.error("samplingPeriod", "is " + period + "; expected a positive duration such as PT1H");
            }
            if (from.toEpochMilli() > to.toEpochMilli()) {
                throw s.error("inSample", "ends (" + to + ") before it starts (" + from + ")");
            }
        } catch (ArithmeticException e) {
            throw s.error("inSample", "or samplingPeriod is beyond the range of timestamps (" + from + " to " + to + ", " + period
                    + "); expected instants between the years -292275055 and 292278994 and a period of at most 292 million years");
        }
        if (settings.data().kpiColumn() == null) {
            throw new VigilException(ErrorCode.BAD_MODEL, "The model is corrupted: its settings name no KPI column");
        }
        StateReader nb = s.map("normalBehaviorModel");
        PluginRegistry r = registry.all(dev.vigil.spi.NormalBehaviorModelFactory.class).containsKey(SparseRegression.NAME) ? registry
                : registry.with(dev.vigil.spi.NormalBehaviorModelFactory.class, new SparseRegression());
        String factory = nb.string("factory");
        NormalBehaviorModel normal = r.normalBehavior(factory).restore((Map<String, Object>) nb.map("state").raw(), r::feature);
        AnomalousBehaviorModel anomalous = AnomalousBehaviorModel.restore(s.map("anomalousBehaviorModel").raw(), r::perspective,
                settings.configuration().anomalousBehaviorModel().detectionIntervals());
        return new DetectionModel(settings, normal, anomalous, period.toMillis(), from, to, r, factory, Clock.systemUTC());
    }
}
