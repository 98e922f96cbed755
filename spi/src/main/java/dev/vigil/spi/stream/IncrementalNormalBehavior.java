package dev.vigil.spi.stream;

import dev.vigil.spi.NormalBehaviorDecomposition;

/**
 * A {@link dev.vigil.spi.NormalBehaviorModel} applied one row at a time ({@link
 * dev.vigil.spi.NormalBehaviorModel#incremental}): {@link #next} takes in the newest row and returns
 * its normal behaviour — to the bit what {@link dev.vigil.spi.NormalBehaviorModel#predict} gives for
 * that row — and {@link #modelIndex()} the model index used.
 *
 * <p>The same rules as {@link IncrementalFeature}: primitive state, no allocation per row, causal
 * within {@link #lags()}, one instance per stream, not thread-safe.
 */
public interface IncrementalNormalBehavior {
    /** The farthest row back {@link #next} reads. */
    int lags();

    /** Takes in the newest row and returns its normal behaviour, {@code NaN} where its inputs are incomplete. */
    double next(StreamHistory rows);

    /** The model index (1-based) of the row {@link #next} last took in. */
    int modelIndex();

    /**
     * The newest row's normal behaviour split into contributions (a decomposition of one row), as
     * {@link dev.vigil.spi.NormalBehaviorModel#decompose} splits it, for the causes of an anomaly; {@code
     * null} for a model that is not additive (the default). Called only after {@link #next}, and only
     * for rows whose causes are wanted, so it may allocate.
     */
    default NormalBehaviorDecomposition decomposition() {
        return null;
    }

    /** The state to resume from; see {@link IncrementalFeature#state()}. */
    default double[] state() {
        return new double[0];
    }

    /** Resumes from a {@link #state()}; see {@link IncrementalFeature#restore}. */
    default void restore(double[] state) {
        if (state.length != 0) {
            throw new IllegalArgumentException("a stateless evaluator takes no state, got " + state.length + " values");
        }
    }
}
