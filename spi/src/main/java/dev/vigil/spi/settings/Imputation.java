package dev.vigil.spi.settings;

import static java.util.Objects.requireNonNull;

/**
 * TIM's {@code imputation}: fill runs of at most {@code maxGapLength} missing samples of a column;
 * longer gaps stay missing.
 *
 * @param type method
 * @param maxGapLength longest gap, in samples, that is filled; at least 0
 */
public record Imputation(ImputationType type, int maxGapLength) {
    /** The default: linear interpolation over gaps of up to 6 samples (TIM's default). */
    public static final Imputation DEFAULT = new Imputation(ImputationType.Linear, 6);

    /** No imputation. */
    public static final Imputation NONE = new Imputation(ImputationType.None, 0);

    public Imputation {
        requireNonNull(type, "type is null");
        Problems p = new Problems();
        p.atLeast("maxGapLength", maxGapLength, 0);
        p.throwIfAny("imputation");
    }
}
