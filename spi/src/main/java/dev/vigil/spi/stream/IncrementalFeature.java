package dev.vigil.spi.stream;

/**
 * A {@link dev.vigil.spi.Feature} evaluated one row at a time ({@link
 * dev.vigil.spi.Feature#incremental}): each call of {@link #next} takes in the stream's newest row and
 * returns the feature's value there — to the bit what {@link dev.vigil.spi.Feature#evaluate} gives for
 * that row on a frame of the same rows (from the stream's first one), rounding included, so a running
 * sum must round as the batch loop does.
 *
 * <p>State lives in primitive fields; a row must neither allocate nor look further back than {@link
 * #lags()}. The value must be causal: it may depend on the rows within {@code lags()} of the newest
 * and on nothing older, so that after a gap longer than {@code lags()} rows the stream need not step
 * through every empty row. One instance serves one stream; not thread-safe.
 */
public interface IncrementalFeature {
    /** The farthest row back {@link #next} reads ({@code lag} of {@link StreamHistory#value}): the stream keeps at least that many. */
    int lags();

    /** Takes in the newest row of {@code rows} (called once per row, in order) and returns the value there, {@code NaN} where batch gives {@code NaN}. */
    double next(StreamHistory rows);

    /** The state to resume from, for snapshots: what {@link #restore} takes back; empty for a stateless evaluator. */
    default double[] state() {
        return new double[0];
    }

    /**
     * Resumes from a {@link #state()} taken by an evaluator of the same feature, so that the following
     * rows give what they would have given without the interruption.
     *
     * @throws IllegalArgumentException for a state of another shape
     */
    default void restore(double[] state) {
        if (state.length != 0) {
            throw new IllegalArgumentException("a stateless evaluator takes no state, got " + state.length + " values");
        }
    }
}
