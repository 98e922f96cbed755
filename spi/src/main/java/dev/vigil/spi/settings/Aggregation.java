package dev.vigil.spi.settings;

/**
 * How values falling into one resampling bin are combined, TIM's {@code aggregation}. Missing
 * values are skipped; a bin without any value stays missing.
 */
public enum Aggregation {
    Mean,
    Sum,
    Minimum,
    Maximum
}
