package dev.vigil.spark;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.BuildResult;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.core.detection.ProgressListener;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.evaluation.system.SystemJob;
import dev.vigil.evaluation.system.SystemJobModel;
import dev.vigil.evaluation.system.SystemRun;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One asset's build and detection on a frame, by the library's single-machine calls ({@link AnomalyDetector} and
 * {@link DetectionModel#detect} for kpi-driven models, {@link SystemJob} for system-driven ones), with models as
 * model-file bytes ({@link ModelBytes}). Spark's functions call these on each asset's sorted rows; nothing here
 * knows about Spark.
 */
public final class AssetJobs {
    private AssetJobs() {
    }

    /**
     * A build's outcome: the model file (null when the build failed), its log, the error that stopped it (null when
     * it did not), and the columns of the results table its detections give.
     */
    public record Built(byte[] model, String log, String error, List<String> resultColumns) {
        /** Whether a model was built. */
        public boolean ok() {
            return model != null;
        }
    }

    /** A detection's outcome: the results table, as {@code vigil detect} writes it, and the job's log. */
    public record Detected(TimeFrame table, String log) {
    }

    /** The plugins found on the class path (features, perspectives, system-driven models), loaded once per JVM. */
    public static PluginRegistry registry() {
        return Registry.INSTANCE;
    }

    /**
     * Builds one asset's model from its rows. Any exception of the build is the outcome's error, never thrown: one
     * asset's bad data must not stop a fleet.
     */
    public static Built build(FleetConfig config, TimeFrame frame) {
        JobLog log = new JobLog();
        try {
            if (config.systemDriven()) {
                SystemRun run = SystemJob.build(frame, null, present(frame, config.exclude()), null, config.systemSettings(), registry(), log,
                        f -> { });
                return new Built(ModelBytes.of(run.model()), text(log.entries()), null, run.table(false).columnNames());
            }
            BuildResult built = AnomalyDetector.builder().settings(config.kpiSettings()).exclude(present(frame, config.exclude())).registry(registry())
                    .build().build(frame, ProgressListener.NONE);
            List<LogEntry> logs = new ArrayList<>(log.entries());
            logs.addAll(built.inSample().logs());
            return new Built(ModelBytes.of(built.model()), text(logs), null, built.inSample().table().columnNames());
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return new Built(null, text(log.entries()), message, List.of());
        }
    }

    /**
     * Detects with a model file on one asset's rows, as {@code vigil detect --model} does: on the rows after the
     * model's in-sample period (or all rows when there are none after it), the rows before giving history.
     *
     * @throws dev.vigil.spi.VigilException as {@code vigil detect} would, e.g. for a column the model needs
     */
    public static Detected detect(byte[] model, TimeFrame frame) {
        JobLog log = new JobLog();
        if (FleetConfig.SYSTEM_DRIVEN.equals(ModelBytes.approach(model))) {
            SystemJobModel m = ModelBytes.system(model, registry());
            SystemRun run = SystemJob.detect(m, frame, null, null, log);
            return new Detected(run.table(false), text(log.entries()));
        }
        DetectionModel m = ModelBytes.kpi(model, registry());
        DetectionResult result = m.detect(frame, null, ProgressListener.NONE);
        return new Detected(result.table(), text(result.logs()));
    }

    private static List<String> present(TimeFrame frame, List<String> columns) {
        return columns.stream().filter(frame::hasColumn).toList();
    }

    /** A job's log as text, one entry a line: {@code Warning Origin: message}. */
    static String text(List<LogEntry> entries) {
        return entries.stream().map(e -> e.messageType() + " " + e.origin() + ": " + e.message()).collect(Collectors.joining("\n"));
    }

    private static final class Registry {
        static final PluginRegistry INSTANCE = PluginRegistry.load();
    }
}
