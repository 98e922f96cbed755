package dev.vigil.features;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureSpec;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.stream.IncrementalFeature;
import dev.vigil.spi.stream.StreamLayout;
import java.util.List;
import java.util.function.Function;

/**
 * A feature defined by one spec and a function computing it on a frame; immutable. Every generator
 * builds its candidates and restores stored features through the same factory, so a restored
 * feature computes exactly what the fitted one did. A feature built with an evaluator factory also
 * streams one row at a time ({@link Streamed}); one without falls back to core's generic evaluator.
 */
final class BasicFeature implements Feature {
    /** Computes a feature over all rows of a frame. */
    @FunctionalInterface
    interface Computation {
        void compute(TimeFrame frame, double[] out);
    }

    private final String label;
    private final List<String> influencers;
    private final int history;
    private final FeatureSpec spec;
    private final Computation computation;
    private final Function<StreamLayout, IncrementalFeature> incremental;

    BasicFeature(String label, List<String> influencers, int history, FeatureSpec spec, Computation computation,
            Function<StreamLayout, IncrementalFeature> incremental) {
        this.label = requireNonNull(label, "label is null");
        this.influencers = List.copyOf(influencers);
        this.history = history;
        this.spec = requireNonNull(spec, "spec is null");
        this.computation = requireNonNull(computation, "computation is null");
        this.incremental = requireNonNull(incremental, "incremental is null");
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<String> influencers() {
        return influencers;
    }

    @Override
    public int history() {
        return history;
    }

    @Override
    public List<FeatureSpec> parts() {
        return List.of(spec);
    }

    @Override
    public void evaluate(TimeFrame frame, double[] out) {
        computation.compute(frame, out);
    }

    @Override
    public IncrementalFeature incremental(StreamLayout layout) {
        return incremental.apply(layout);
    }

    @Override
    public String toString() {
        return label;
    }
}
