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
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", detector.model().factory());
        settings.put("parameters", detector.model().parameters());
        settings.put("signals", detector.model().signals());
        ModelFiles.write(APPROACH, settings, detector.state(), file);
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
