package dev.vigil.core.detection;

import static java.util.Objects.requireNonNull;

/**
 * What a build-model job produced: the model, and the results on its in-sample rows.
 *
 * @param model the model, ready to detect
 * @param inSample the results on the in-sample rows, with the job log
 */
public record BuildResult(DetectionModel model, DetectionResult inSample) {
    public BuildResult {
        requireNonNull(model, "model is null");
        requireNonNull(inSample, "inSample is null");
    }
}
