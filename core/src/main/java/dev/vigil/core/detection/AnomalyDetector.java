package dev.vigil.core.detection;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.anomaly.AnomalousBehaviorModel;
import dev.vigil.core.normal.SparseRegression;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.Names;
import dev.vigil.spi.NormalBehaviorModel;
import dev.vigil.spi.NormalBehaviorModelFactory;
import dev.vigil.spi.NormalBehaviorProblem;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.Configuration;
import dev.vigil.spi.settings.DataSettings;
import dev.vigil.spi.settings.DomainSpecific;
import dev.vigil.spi.settings.JobSettings;
import dev.vigil.spi.settings.NormalBehaviorSettings;
import dev.vigil.spi.settings.RowSelection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds KPI-driven anomaly-detection models: the entry point for pipelines composed in code.
 *
 * <pre>{@code
 * AnomalyDetector detector = AnomalyDetector.builder()
 *     .kpi("Output")
 *     .rows(RowSelection.first(9392, RowUnit.Sample))
 *     .build();
 * BuildResult built = detector.build(frame);          // model + in-sample results + log
 * built.inSample().anomalies();                         // the anomaly list
 * DetectionResult found = built.model().detect(frame, RowSelection.last(4696, RowUnit.Sample));
 * }</pre>
 *
 * Plugins are looked up by name in a {@link PluginRegistry} (by default, everything {@link
 * java.util.ServiceLoader} finds), unless given as instances to the builder: no dependency injection
 * is needed. Immutable and thread-safe; one detector can build many models.
 */
public final class AnomalyDetector {
    private final JobSettings settings;
    private final List<String> excluded;
    private final PluginRegistry registry;
    private final String normalFactoryName;
    private final Clock clock;

    private AnomalyDetector(Builder b) {
        this.settings = b.settings;
        this.excluded = List.copyOf(b.excluded);
        PluginRegistry r = b.registry != null ? b.registry : PluginRegistry.load();
        for (FeatureGenerator g : b.generators) {
            r = r.with(FeatureGenerator.class, g);
        }
        for (DetectionPerspective p : b.perspectiveInstances) {
            r = r.with(DetectionPerspective.class, p);
        }
        if (b.normalFactory != null) {
            r = r.with(NormalBehaviorModelFactory.class, b.normalFactory);
        } else if (!r.all(NormalBehaviorModelFactory.class).containsKey(SparseRegression.NAME)) {
            r = r.with(NormalBehaviorModelFactory.class, new SparseRegression()); // core's default is always there
        }
        this.registry = r;
        this.clock = b.clock;
        // fail now, not at build time, on unknown plugin names
        settings.configuration().normalBehaviorModel().features().forEach(registry::feature);
        registry.normalBehavior(b.normalFactoryName);
        settings.configuration().domainSpecifics().forEach(d -> registry.perspective(d.perspective()));
        this.normalFactoryName = b.normalFactoryName;
    }

    /** A builder starting from TIM's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings this detector builds with. */
    public JobSettings settings() {
        return settings;
    }

    /** The name of the normal-behaviour model factory. */
    String normalFactoryName() {
        return normalFactoryName;
    }

    /** The plugins this detector uses. */
    public PluginRegistry registry() {
        return registry;
    }

    /**
     * Builds a model on the in-sample rows ({@code data.rows}) of raw data (as read: any order,
     * duplicates allowed), and applies it to those rows.
     */
    public BuildResult build(TimeFrame raw) {
        return build(raw, ProgressListener.NONE);
    }

    /** {@link #build(TimeFrame)} reporting progress. */
    public BuildResult build(TimeFrame raw, ProgressListener progress) {
        JobLog log = new JobLog(clock);
        log.info(Pipeline.ORIGIN, "Detection job, type: model building, approach: kpi-driven.");
        progress.progress("Preparing data", 0);
        DataSettings data = resolveColumns(raw, log);
        TimeFrame frame = Pipeline.prepare(raw, data, data.columns(), log);
        RowSet inSample = Pipeline.rows(frame, data, "in-sample", log);
        return fit(settings.withData(data), frame, inSample, registry, normalFactoryName, clock, log, progress, 0.05, 1);
    }

    /**
     * Fits both models on the given rows of a prepared frame, with the second pass when the settings
     * ask for it, and returns the model with its results on those rows. Shared by build and by
     * rebuild type All.
     */
    static BuildResult fit(JobSettings settings, TimeFrame frame, RowSet inSample, PluginRegistry registry, String factoryName,
            Clock clock, JobLog log, ProgressListener progress, double from, double to) {
        return fit(settings, frame, inSample, registry, factoryName, clock, log, progress, from, to, true);
    }

    /** {@link #fit}; {@code withResult} false skips applying the model to the rows (the result's table is then empty). */
    static BuildResult fit(JobSettings settings, TimeFrame frame, RowSet inSample, PluginRegistry registry, String factoryName,
            Clock clock, JobLog log, ProgressListener progress, double from, double to, boolean withResult) {
        DataSettings data = settings.data();
        Configuration cfg = settings.configuration();
        NormalBehaviorSettings nbSettings = cfg.normalBehaviorModel();
        List<FeatureGenerator> generators = nbSettings.features().stream().map(registry::feature).toList();
        NormalBehaviorModelFactory factory = registry.normalBehavior(factoryName);
        double span = to - from;
        NormalBehaviorProblem problem = new NormalBehaviorProblem(frame, data.kpiColumn(), data.columns(), data.holidayColumn(),
                inSample, nbSettings, generators, log, f -> progress.progress("Modelling normal behaviour", from + span * 0.7 * f));
        NormalBehaviorModel normal = factory.fit(problem);
        Pipeline.Scored scored = Pipeline.score(normal, frame, data.kpiColumn());
        progress.progress("Modelling anomalous behaviour", from + span * 0.75);
        log.info(Pipeline.ORIGIN, "Building the anomalous behavior model.");
        AnomalousBehaviorModel anomalous = AnomalousBehaviorModel.fit(scored.residual(), frame, inSample, cfg.domainSpecifics(),
                cfg.anomalousBehaviorModel(), registry::perspective, log);
        NormalBehaviorProblem fitted = problem;
        if (cfg.anomalousBehaviorModel().secondPass() && nbSettings.useNormalBehaviorModel()) {
            RowSet flagged = Pipeline.flagged(anomalous.indicators(scored.residual(), frame), inSample);
            if (!flagged.isEmpty()) {
                progress.progress("Second pass", from + span * 0.85);
                log.info(Pipeline.ORIGIN, "Second pass: refitting the normal behaviour without the " + flagged.count()
                        + " in-sample rows the first pass flagged.");
                boolean[] keep = inSample.toMask(frame.rows());
                for (int r : flagged.toArray()) {
                    keep[r] = false;
                }
                fitted = problem.withFitRows(RowSet.of(keep));
                normal = factory.refit(normal, fitted);
                scored = Pipeline.score(normal, frame, data.kpiColumn());
                anomalous = AnomalousBehaviorModel.fit(scored.residual(), frame, inSample, cfg.domainSpecifics(),
                        cfg.anomalousBehaviorModel(), registry::perspective, log);
            }
        }
        // only for detected sensitivities: they aim at the rows after the in-sample ones, where a given one is the in-sample share asked for
        if (nbSettings.useNormalBehaviorModel() && cfg.domainSpecifics().stream().allMatch(d -> d.sensitivity().isEmpty())) {
            OutOfSampleScale scale = OutOfSampleScale.of(factory, normal, fitted, scored.residual());
            log.info(Pipeline.ORIGIN, scale.describe());
            if (scale.scale() > 1) {
                anomalous = AnomalousBehaviorModel.fit(scale.widen(scored.residual()), frame, inSample, cfg.domainSpecifics(),
                        cfg.anomalousBehaviorModel(), registry::perspective, log);
            }
        }
        progress.progress("Creating results", from + span * 0.95);
        DetectionModel model = new DetectionModel(settings, normal, anomalous, frame.samplingPeriodMillis(),
                frame.instant(inSample.first()), frame.instant(inSample.last()), registry, factoryName, clock);
        if (!withResult) {
            return new BuildResult(model, Pipeline.noResult(log));
        }
        DetectionResult result = Pipeline.result(frame, inSample, data.kpiColumn(), scored, anomalous, data, log);
        progress.progress("Done", to);
        return new BuildResult(model, result);
    }

    /** KPI (the first column unless named) and influencers (all other numeric columns unless listed). */
    private DataSettings resolveColumns(TimeFrame raw, JobLog log) {
        DataSettings data = settings.data();
        String kpi = data.kpiColumn();
        if (kpi == null) {
            if (raw.columnCount() == 0) {
                throw new VigilException(ErrorCode.EMPTY_DATA, raw.source() + " has no value columns");
            }
            kpi = raw.columnNames().get(0);
            log.info("Validation", "KPIColumn is not set; using the first column, '" + kpi + "'.");
        }
        Set<String> roles = new LinkedHashSet<>();
        roles.add(kpi);
        data.label().ifPresent(roles::add);
        data.holidays().ifPresent(roles::add);
        List<String> influencers = new ArrayList<>();
        for (String c : data.columns().isEmpty() ? raw.columnNames() : data.columns()) {
            if (!roles.contains(c) && !excluded.contains(c)) {
                influencers.add(c);
            }
        }
        influencers.stream().filter(c -> looksLikeLabels(raw, c)).forEach(c -> log.warning("Validation", "Column '" + c
                + "' holds only 0 and 1 and is named like known anomalies, yet it is used as an influencer: the answers would leak "
                + "into the model, and detection would need the column in new data. Name it as the label column (--label " + c
                + "; builder().label(\"" + c + "\")) or exclude it (--exclude " + c + ")."));
        Map<String, String> unknownExcluded = new LinkedHashMap<>();
        excluded.forEach(e -> unknownExcluded.put(e, "column to exclude"));
        Names.requireColumns(raw.source(), unknownExcluded, raw.columnNames());
        return data.withKpiColumn(kpi).withColumns(influencers);
    }

    /** Names under which data sets usually carry known anomalies (compared without case). */
    private static final Set<String> LABEL_NAMES = Set.of("label", "labels", "anomaly", "is_anomaly", "anomalous", "is_anomalous");

    /** Whether a column is named like known anomalies and holds nothing but 0, 1 and missing values. */
    private static boolean looksLikeLabels(TimeFrame raw, String column) {
        if (!LABEL_NAMES.contains(column.toLowerCase(java.util.Locale.ROOT)) || !raw.hasColumn(column)) {
            return false;
        }
        var values = raw.column(column);
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            if (v != 0 && v != 1 && !Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    /** Builds an {@link AnomalyDetector}. Not thread-safe. */
    public static final class Builder {
        private JobSettings settings = JobSettings.DEFAULT;
        private final List<String> excluded = new ArrayList<>();
        private final List<FeatureGenerator> generators = new ArrayList<>();
        private final List<DetectionPerspective> perspectiveInstances = new ArrayList<>();
        private NormalBehaviorModelFactory normalFactory;
        private String normalFactoryName = SparseRegression.NAME;
        private PluginRegistry registry;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** All settings at once, e.g. from a TIM JSON configuration. */
        public Builder settings(JobSettings value) {
            this.settings = requireNonNull(value, "settings is null");
            return this;
        }

        /** The configuration block. */
        public Builder configuration(Configuration value) {
            this.settings = settings.withConfiguration(value);
            return this;
        }

        /** The data block. */
        public Builder data(DataSettings value) {
            this.settings = settings.withData(value);
            return this;
        }

        /** The KPI column. */
        public Builder kpi(String column) {
            this.settings = settings.withData(settings.data().withKpiColumn(column));
            return this;
        }

        /** The label column (known anomalies, for error measures). */
        public Builder label(String column) {
            this.settings = settings.withData(settings.data().withLabelColumn(column));
            return this;
        }

        /** The influencer columns; all numeric columns when not called. */
        public Builder influencers(List<String> columns) {
            this.settings = settings.withData(settings.data().withColumns(columns));
            return this;
        }

        /** Columns never to use as influencers. */
        public Builder exclude(List<String> columns) {
            this.excluded.addAll(columns);
            return this;
        }

        /** The in-sample rows. */
        public Builder rows(RowSelection value) {
            this.settings = settings.withData(settings.data().withRows(value));
            return this;
        }

        /** The normal-behaviour settings. */
        public Builder normalBehavior(NormalBehaviorSettings value) {
            this.settings = settings.withConfiguration(settings.configuration().withNormalBehaviorModel(value));
            return this;
        }

        /**
         * Feature generators to use, as instances (composed in code, no discovery needed); their names
         * become the settings' feature list.
         */
        public Builder features(List<? extends FeatureGenerator> value) {
            generators.clear();
            generators.addAll(value);
            NormalBehaviorSettings nb = settings.configuration().normalBehaviorModel()
                    .withFeatures(value.stream().map(FeatureGenerator::name).toList());
            return normalBehavior(nb);
        }

        /**
         * Detection perspectives to use, as instances (their windows as configured); each gets an
         * automatic sensitivity between 0 % and 5 % unless {@link #configuration} says otherwise.
         */
        public Builder perspectives(DetectionPerspective... value) {
            perspectiveInstances.clear();
            perspectiveInstances.addAll(List.of(value));
            List<DomainSpecific> ds = new ArrayList<>();
            for (DetectionPerspective p : value) {
                ds.add(settings.configuration().domainSpecifics().stream().filter(d -> d.perspective().equals(p.name())).findFirst()
                        .orElse(DomainSpecific.auto(p.name())));
            }
            this.settings = settings.withConfiguration(settings.configuration().withDomainSpecifics(ds));
            return this;
        }

        /** The sensitivity of every perspective: fixed, percent. */
        public Builder sensitivity(double percent) {
            List<DomainSpecific> ds = settings.configuration().domainSpecifics().stream()
                    .map(d -> new DomainSpecific(d.perspective(), java.util.OptionalDouble.of(percent), d.minSensitivity(), d.maxSensitivity()))
                    .toList();
            this.settings = settings.withConfiguration(settings.configuration().withDomainSpecifics(ds));
            return this;
        }

        /** The factory of the normal-behaviour model, as an instance. */
        public Builder normalBehaviorFactory(NormalBehaviorModelFactory value) {
            this.normalFactory = requireNonNull(value, "factory is null");
            this.normalFactoryName = value.name();
            return this;
        }

        /** Where plugins named in the settings are looked up (default: {@link PluginRegistry#load()}). */
        public Builder registry(PluginRegistry value) {
            this.registry = requireNonNull(value, "registry is null");
            return this;
        }

        /** The clock stamping log entries. */
        public Builder clock(Clock value) {
            this.clock = requireNonNull(value, "clock is null");
            return this;
        }

        /**
         * The detector.
         *
         * @throws VigilException {@link ErrorCode#UNKNOWN_PLUGIN} for a
         *     feature or model name no plugin has
         */
        public AnomalyDetector build() {
            return new AnomalyDetector(this);
        }
    }
}
