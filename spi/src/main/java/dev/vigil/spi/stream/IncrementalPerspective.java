package dev.vigil.spi.stream;

/**
 * A {@link dev.vigil.spi.DetectionPerspective} evaluated one row at a time ({@link
 * dev.vigil.spi.DetectionPerspective#incremental}): each call of {@link #next} takes in the newest
 * residual (column 0 of the history) and returns {@code v_t} — to the bit what {@link
 * dev.vigil.spi.DetectionPerspective#transform} gives for that row on the same residuals.
 *
 * <p>The same rules as {@link IncrementalFeature}: primitive state, no allocation per row, causal
 * within {@link #lags()}, one instance per stream, not thread-safe.
 */
public interface IncrementalPerspective {
    /** The farthest residual back {@link #next} reads (a window of {@code w} rows reads {@code w − 1}, or {@code w} for a running sum). */
    int lags();

    /** Takes in the newest residual ({@code residuals.value(0, 0)}) and returns {@code v_t}, {@code NaN} when not calculated. */
    double next(StreamHistory residuals);

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
