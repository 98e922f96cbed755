package dev.vigil.spi;

import dev.vigil.spi.frame.TimeFrame;
import java.util.List;
import java.util.Map;

/**
 * A fitted model of a machine's normal behaviour judged from many signals together: it gives every row
 * a raw anomaly score (higher is more anomalous) and says which signals drove it. The scores are not
 * calibrated: Vigil's system-driven detector turns them into TIM's anomaly indicator (1 at the
 * threshold set by the sensitivity; docs/system-driven.md), the same way for every model.
 *
 * <p>Immutable and thread-safe: one model may score on many threads at once. No method accepts or
 * returns null.
 */
public interface SystemModel {
    /** Name of the {@link SystemModelFactory} that restores this model from its state. */
    String factory();

    /** The signals the model reads, in the order of the contribution arrays. */
    List<String> signals();

    /** Rows before a row that its score depends on (0 when a row's own values are enough). */
    int history();

    /**
     * The parameters the model was fitted with, every automatic choice resolved (e.g. {@code
     * extensionLevel: 7} where {@code "auto"} was asked), as JSON-compatible values.
     */
    Map<String, Object> parameters();

    /**
     * The raw score of every row of a frame that holds {@link #signals()}: higher is more anomalous,
     * {@code NaN} where it cannot be calculated (a signal missing on the row or on the {@link #history()}
     * rows before it). A row's score depends only on that row and its history, never on other rows or on
     * where the frame starts, and is the same bit for bit on every call.
     *
     * @param out receives the scores, length {@code frame.rows()}; every element is written
     */
    void score(TimeFrame frame, double[] out);

    /**
     * How much each signal drove the score of the given rows (shares summing to 1 and signed
     * deviations; {@code NaN} on a row without a score). Costs more than {@link #score} (for some
     * models, a scoring per signal), so ask for the rows that need it.
     *
     * @param rows rows of {@code frame}, any order
     */
    SignalContributions contributions(TimeFrame frame, int[] rows);

    /**
     * The model as a tree of JSON-compatible values (maps with string keys, lists, strings, finite
     * numbers, booleans), from which {@link SystemModelFactory#restore} rebuilds a model scoring the
     * same bits.
     */
    Map<String, Object> state();
}
