package dev.vigil.spi.settings;

/** How short gaps of missing values are filled, TIM's {@code imputation.type}. */
public enum ImputationType {
    /** Gaps stay missing. */
    None,
    /** Last observation carried forward. */
    LOCF,
    /** Straight line between the values on both sides of the gap. */
    Linear
}
