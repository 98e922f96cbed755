package dev.vigil.spi;

import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.stream.IncrementalFeature;
import dev.vigil.spi.stream.StreamLayout;
import java.util.List;

/**
 * One candidate column of the normal-behaviour regression, derived from influencers or the
 * calendar: {@code EMA_Pressure(t-1; w=30)}, {@code Sin(24;hours)}, a product of two features.
 *
 * <p>A feature is <em>causal</em>: its value at row {@code t} uses rows {@code t - history()} to
 * {@code t} only. Implementations are immutable and thread-safe; they hold parameters, never data.
 */
public interface Feature {
    /** A readable label, e.g. {@code EMA_Pressure(t-1; w=30)}. */
    String label();

    /** The columns this feature reads, in a stable order; empty for calendar features. */
    List<String> influencers();

    /** How many rows before the current one the value depends on (0 = the current row only). */
    int history();

    /**
     * What to store in a model file to rebuild this feature: one spec for a simple feature, one per
     * factor for a product.
     */
    List<FeatureSpec> parts();

    /**
     * Computes the feature on every row of a prepared frame into {@code out} (length {@code
     * frame.rows()}). Rows whose inputs are missing or whose history reaches before the first row
     * get {@code NaN}, never a silently wrong value.
     */
    void evaluate(TimeFrame frame, double[] out);

    /**
     * This feature evaluated one row at a time in a stream whose rows hold {@code layout}'s columns
     * (docs/streaming.md), giving to the bit what {@link #evaluate} gives; {@code null} (the
     * default) when it offers none, and then the stream evaluates {@link #evaluate} on the last {@link
     * #history()} rows at each row: the same values, at a cost that grows with the history. Each call
     * returns a new evaluator.
     *
     * @throws dev.vigil.spi.VigilException {@link dev.vigil.spi.ErrorCode#UNKNOWN_COLUMN} when the
     *     layout lacks an influencer
     */
    default IncrementalFeature incremental(StreamLayout layout) {
        return null;
    }

    /**
     * The product of features (TIM's "Polynomial" terms): label {@code A & B}, the influencers of
     * all factors, the longest history, the parts of all factors in order.
     */
    static Feature product(List<Feature> factors) {
        return new ProductFeature(factors);
    }

    /**
     * {@code (f − center) / scale}, labelled {@code z(f)}: the normalised factor of a product, so that
     * the product is a pure interaction rather than a disguised sum of the factors' linear effects. Its
     * parts are the base feature's, each carrying {@code center} and {@code scale}, which {@link
     * #restore} takes off again.
     */
    static Feature standardized(Feature base, double center, double scale) {
        return new StandardizedFeature(base, center, scale);
    }

    /**
     * Rebuilds a stored part: the generator named by its type restores it, and a {@code center} and
     * {@code scale} among its parameters standardise the result.
     *
     * @param generators resolves a generator by name
     */
    static Feature restore(FeatureSpec part, java.util.function.Function<String, FeatureGenerator> generators) {
        java.util.Map<String, Double> params = part.parameters();
        if (!params.containsKey(StandardizedFeature.CENTER)) {
            return generators.apply(part.type()).restore(part);
        }
        java.util.Map<String, Double> base = new java.util.LinkedHashMap<>(params);
        double center = base.remove(StandardizedFeature.CENTER);
        Double scale = base.remove(StandardizedFeature.SCALE);
        if (scale == null || !(scale > 0)) {
            throw new dev.vigil.spi.VigilException(dev.vigil.spi.ErrorCode.BAD_MODEL, "Feature " + part.type()
                    + " has a center but no positive scale; the model file is corrupted");
        }
        return standardized(generators.apply(part.type()).restore(new FeatureSpec(part.type(), part.predictor(), base)), center, scale);
    }
}
