package dev.vigil.spi.settings;

/**
 * What a rebuild-model job refreshes on new data (TIM's {@code rebuildType}; docs/models.md#rebuild-types, whose
 * semantics are Vigil's proposal).
 */
public enum RebuildType {
    /** Keep both models and the densities; recompute only the thresholds for the (new) sensitivities. */
    DomainSpecifics,
    /** Keep the normal-behaviour model; refit every perspective's density and threshold. */
    AnomalousBehaviorModel,
    /** Rebuild both models from scratch with the stored settings (the sensitivities may change). */
    All
}
