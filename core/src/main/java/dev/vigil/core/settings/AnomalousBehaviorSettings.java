package dev.vigil.core.settings;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * TIM's {@code anomalousBehaviorModel}.
 *
 * @param maxModelComplexity most Gaussian-mixture components per perspective submodel
 * @param detectionIntervals where indicators are calculated; empty = everywhere
 */
public record AnomalousBehaviorSettings(int maxModelComplexity, List<DetectionInterval> detectionIntervals) {
    /** Up to 30 components, detection everywhere. */
    public static final AnomalousBehaviorSettings DEFAULT = new AnomalousBehaviorSettings(30, List.of());

    public AnomalousBehaviorSettings {
        detectionIntervals = List.copyOf(requireNonNull(detectionIntervals, "detectionIntervals is null"));
        Problems p = new Problems();
        p.range("maxModelComplexity", maxModelComplexity, 1, 100);
        p.throwIfAny("anomalous behaviour settings");
    }
}
