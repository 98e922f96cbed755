package dev.vigil.io.model;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.system.SystemDetector;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * System-driven model files: a {@link SystemDetector} (the fitted system model and its indicator
 * calibration) in the envelope of {@link ModelFiles} — same version, checksum and atomic write — with
 * {@code "approach": "system-driven"}.
 *
 * <pre>{@code
 * {"vigilModelVersion": 1, "createdAt": "…", "approach": "system-driven",
 *  "settings": {"model": "eif", "parameters": {…resolved…}, "signals": […]},
 *  "model": {"factory": "eif", "parameters": {…}, "signals": […],
 *            "anomalyIndicator": {detectedSensitivity, threshold, translation, windowLength, maxIndicator},
 *            "systemModel": {the model's own state: for eif TIM's normalization {variableNames, mu, sigma} and trees}},
 *  "checksum": "sha256:…"}
 * }</pre>
 *
 * docs/system-driven.md#model-files describes the fields. Thread-safe (stateless).
 */
public final class SystemModelFiles {
    /** The approach a system-driven model file names. */
    public static final String APPROACH = "system-driven";

    private SystemModelFiles() {
    }

    /** Writes a detector atomically. */
    public static void write(SystemDetector detector, Path file) {
        write(detector, null, file);
    }

    /**
     * Writes a detector atomically with what the job that built it was asked (the off condition, the
     * components, the event rules: vigil-evaluation's {@code SystemJobSettings}) under {@code settings.job},
     * so that detect does the same; the checksum covers it.
     *
     * @param job JSON-compatible values, {@code null} for none
     */
    public static void write(SystemDetector detector, Map<String, Object> job, Path file) {
        ModelFiles.write(APPROACH, settings(detector, job), detector.state(), file);
    }

    /**
     * The checksum {@link #write(SystemDetector, Map, Path)} records for a detector and its job settings
     * ({@code sha256:…}), known before the file is written (results tables record it).
     */
    public static String checksum(SystemDetector detector, Map<String, Object> job) {
        return ModelFiles.checksum(settings(detector, job), detector.state());
    }

    private static Map<String, Object> settings(SystemDetector detector, Map<String, Object> job) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", detector.model().factory());
        settings.put("parameters", detector.model().parameters());
        settings.put("signals", detector.model().signals());
        if (job != null) {
            settings.put("job", job);
        }
        return settings;
    }

    /**
     * The job settings a system-driven model file holds ({@link #write(SystemDetector, Map, Path)}), empty
     * for a file written without them.
     *
     * @throws VigilException as {@link #read} for a file that is not a system-driven model
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> job(Path file) {
        Map<String, Object> root = ModelFiles.readRoot(file);
        Object approach = root.getOrDefault("approach", ModelFiles.KPI_DRIVEN);
        if (!APPROACH.equals(approach)) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Model file " + file + " holds a " + approach + " model, not a system-driven one; "
                    + "read it with ModelFiles");
        }
        Object settings = root.get("settings");
        Object job = settings instanceof Map<?, ?> m ? m.get("job") : null;
        return job instanceof Map<?, ?> ? (Map<String, Object>) job : Map.of();
    }

    /**
     * Reads a detector, restoring its model through the registry.
     *
     * @throws VigilException {@link ErrorCode#FILE_NOT_FOUND}, or {@link ErrorCode#BAD_MODEL} for a
     *     file that is not a Vigil model, holds a kpi-driven model, is truncated, corrupted, or from a
     *     newer version
     */
    @SuppressWarnings("unchecked")
    public static SystemDetector read(Path file, PluginRegistry registry) {
        Map<String, Object> root = ModelFiles.readRoot(file);
        Object approach = root.getOrDefault("approach", ModelFiles.KPI_DRIVEN);
        if (!APPROACH.equals(approach)) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Model file " + file + " holds a " + approach + " model, not a system-driven one; "
                    + "read it with ModelFiles");
        }
        try {
            return SystemDetector.restore((Map<String, Object>) root.get("model"), registry);
        } catch (VigilException e) {
            if (e.code() == ErrorCode.BAD_MODEL) {
                throw new VigilException(ErrorCode.BAD_MODEL, "Model file " + file + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }
}
