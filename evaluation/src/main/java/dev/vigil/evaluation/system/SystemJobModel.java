package dev.vigil.evaluation.system;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.StateReader;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.model.SystemModelFiles;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.system.SystemDetector;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a system-driven model file holds for a job: the detector (model and calibration), the settings it
 * was built with, and its in-sample period (detect's rows, by default, are those after it).
 *
 * @param detector the fitted model and its indicator calibration
 * @param settings what the build was asked
 * @param inSampleFrom the first in-sample timestamp, epoch milliseconds
 * @param inSampleTo the last in-sample timestamp
 */
public record SystemJobModel(SystemDetector detector, SystemJobSettings settings, long inSampleFrom, long inSampleTo) {
    public SystemJobModel {
        requireNonNull(detector, "detector is null");
        requireNonNull(settings, "settings is null");
    }

    /** Writes the model file atomically (vigil-io's {@link SystemModelFiles}, the settings under {@code settings.job}). */
    public void write(Path file) {
        SystemModelFiles.write(detector, job(), file);
    }

    /** The checksum {@link #write} records in the file ({@code sha256:…}), known before it is written. */
    public String checksum() {
        return SystemModelFiles.checksum(detector, job());
    }

    private Map<String, Object> job() {
        Map<String, Object> job = new LinkedHashMap<>(settings.toMap());
        job.put("inSampleFrom", Instant.ofEpochMilli(inSampleFrom).toString());
        job.put("inSampleTo", Instant.ofEpochMilli(inSampleTo).toString());
        return job;
    }

    /**
     * Reads a model file {@link #write} wrote; a file written by {@link SystemModelFiles#write(SystemDetector, Path)}
     * alone gets the default settings and no in-sample period.
     *
     * @throws VigilException {@link ErrorCode#BAD_MODEL} for a file that is not a system-driven model
     */
    public static SystemJobModel read(Path file, PluginRegistry registry) {
        SystemDetector detector = SystemModelFiles.read(file, registry);
        Map<String, Object> job = SystemModelFiles.job(file);
        if (job.isEmpty()) {
            return new SystemJobModel(detector, SystemJobSettings.DEFAULT.withModel(detector.model().factory(), detector.model().parameters()),
                    Long.MIN_VALUE, Long.MIN_VALUE);
        }
        try {
            StateReader s = StateReader.of(job, "settings.job");
            return new SystemJobModel(detector, SystemJobSettings.fromMap(job), Instant.parse(s.string("inSampleFrom")).toEpochMilli(),
                    Instant.parse(s.string("inSampleTo")).toEpochMilli());
        } catch (RuntimeException e) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Model file " + file + ": its job settings cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Whether the model knows its in-sample period (files written by a job do). */
    public boolean hasInSamplePeriod() {
        return inSampleTo != Long.MIN_VALUE;
    }
}
