package dev.vigil.spi;

import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.stream.IncrementalNormalBehavior;
import dev.vigil.spi.stream.StreamLayout;
import java.util.List;
import java.util.Map;

/**
 * A fitted model of what the KPI should be, given its influencers. Immutable and thread-safe.
 */
public interface NormalBehaviorModel {
    /** Name of the {@link NormalBehaviorModelFactory} that restores this model from its state. */
    String factory();

    /** The columns the model reads (without the KPI unless the model uses lagged KPI values). */
    List<String> inputs();

    /** Rows before a row that its prediction depends on. */
    int history();

    /**
     * Normal behaviour for every row of a prepared frame, and the index of the model used (1-based;
     * one model per time of day with a daily cycle). Rows whose inputs are incomplete get {@code NaN}.
     *
     * @param out receives the normal behaviour, length {@code frame.rows()}
     * @param modelIndex receives the model index, length {@code frame.rows()}
     */
    void predict(TimeFrame frame, double[] out, int[] modelIndex);

    /**
     * This model applied one row at a time in a stream whose rows hold {@code layout}'s columns
     * (docs/streaming.md), giving to the bit what {@link #predict} gives; {@code null} (the
     * default) when it offers none, and then the stream applies {@link #predict} to the last {@link
     * #history()} rows at each row. Each call returns a new evaluator.
     */
    default IncrementalNormalBehavior incremental(StreamLayout layout) {
        return null;
    }

    /**
     * Every row's normal behaviour split into contributions, for root-cause analysis.
     *
     * @throws dev.vigil.spi.VigilException {@link dev.vigil.spi.ErrorCode#PLUGIN_FAILURE} for models
     *     that are not additive in their inputs (the default)
     */
    default NormalBehaviorDecomposition decompose(TimeFrame frame) {
        throw new dev.vigil.spi.VigilException(dev.vigil.spi.ErrorCode.PLUGIN_FAILURE, "The normal behaviour model "
                + factory() + " cannot be decomposed into contributions");
    }

    /**
     * TIM's term view of one model on the frame's rows it serves.
     *
     * @throws dev.vigil.spi.VigilException {@link dev.vigil.spi.ErrorCode#PLUGIN_FAILURE} for models
     *     without terms (the default), {@link dev.vigil.spi.ErrorCode#INVALID_CONFIGURATION} for a model
     *     index the model does not have
     */
    default NormalBehaviorTerms terms(TimeFrame frame, int modelIndex) {
        throw new dev.vigil.spi.VigilException(dev.vigil.spi.ErrorCode.PLUGIN_FAILURE, "The normal behaviour model "
                + factory() + " has no term view");
    }

    /** Models, terms and predictor importances, for people. */
    NormalBehaviorSummary summary();

    /**
     * The model as a tree of JSON-compatible values (maps, lists, strings, numbers, booleans), from
     * which {@link NormalBehaviorModelFactory#restore} rebuilds an identical model.
     */
    Map<String, Object> state();
}
