package dev.vigil.spi.settings;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * TIM's {@code anomalousBehaviorModel}, plus Vigil's {@code secondPass}.
 *
 * @param maxModelComplexity most Gaussian-mixture components per perspective submodel
 * @param detectionIntervals where indicators are calculated; empty = everywhere
 * @param secondPass after a first pass, refit the normal behaviour without the in-sample rows it
 *     flagged, then refit the submodels (docs/models.md#the-second-pass: anomalies must not define normal behaviour)
 */
public record AnomalousBehaviorSettings(int maxModelComplexity, List<DetectionInterval> detectionIntervals, boolean secondPass) {
    /** Up to 30 components, detection everywhere, with a second pass. */
    public static final AnomalousBehaviorSettings DEFAULT = new AnomalousBehaviorSettings(30, List.of(), true);

    public AnomalousBehaviorSettings {
        detectionIntervals = List.copyOf(requireNonNull(detectionIntervals, "detectionIntervals is null"));
        Problems p = new Problems();
        p.range("maxModelComplexity", maxModelComplexity, 1, 100);
        p.require(detectionIntervals.stream().map(DetectionInterval::type).distinct().count() == detectionIntervals.size(),
                "detectionIntervals lists a type twice; give each of Day, Hour, Minute, Second at most once");
        p.throwIfAny("anomalous behaviour settings");
    }

    /** A copy with or without the second pass. */
    public AnomalousBehaviorSettings withSecondPass(boolean value) {
        return new AnomalousBehaviorSettings(maxModelComplexity, detectionIntervals, value);
    }
}
