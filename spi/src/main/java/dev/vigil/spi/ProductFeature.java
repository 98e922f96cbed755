package dev.vigil.spi;

import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.stream.IncrementalFeature;
import dev.vigil.spi.stream.StreamHistory;
import dev.vigil.spi.stream.StreamLayout;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/** The product of two or more features; see {@link Feature#product(List)}. */
final class ProductFeature implements Feature {
    private final List<Feature> factors;
    private final String label;
    private final List<String> influencers;
    private final int history;
    private final List<FeatureSpec> parts;

    ProductFeature(List<Feature> factors) {
        if (factors.size() < 2) {
            throw new IllegalArgumentException("a product needs at least two factors, got " + factors.size());
        }
        this.factors = List.copyOf(factors);
        this.label = factors.stream().map(Feature::label).collect(Collectors.joining(" & "));
        LinkedHashSet<String> inputs = new LinkedHashSet<>();
        List<FeatureSpec> allParts = new ArrayList<>();
        int h = 0;
        for (Feature f : factors) {
            inputs.addAll(f.influencers());
            allParts.addAll(f.parts());
            h = Math.max(h, f.history());
        }
        this.influencers = List.copyOf(inputs);
        this.history = h;
        this.parts = List.copyOf(allParts);
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
        return parts;
    }

    @Override
    public void evaluate(TimeFrame frame, double[] out) {
        factors.get(0).evaluate(frame, out);
        double[] other = new double[out.length];
        for (int f = 1; f < factors.size(); f++) {
            factors.get(f).evaluate(frame, other);
            for (int i = 0; i < out.length; i++) {
                out[i] *= other[i];
            }
        }
    }

    /** The factors' evaluators multiplied in order, as {@link #evaluate} multiplies; {@code null} when a factor has none. */
    @Override
    public IncrementalFeature incremental(StreamLayout layout) {
        IncrementalFeature[] parts = new IncrementalFeature[factors.size()];
        for (int f = 0; f < parts.length; f++) {
            parts[f] = factors.get(f).incremental(layout);
            if (parts[f] == null) {
                return null;
            }
        }
        return new Product(parts);
    }

    /** Every factor takes in every row (they may hold state); their values are multiplied left to right. */
    private static final class Product implements IncrementalFeature {
        private final IncrementalFeature[] factors;
        private final int lags;

        Product(IncrementalFeature[] factors) {
            this.factors = factors;
            int l = 0;
            for (IncrementalFeature f : factors) {
                l = Math.max(l, f.lags());
            }
            this.lags = l;
        }

        @Override
        public int lags() {
            return lags;
        }

        @Override
        public double next(StreamHistory rows) {
            double v = factors[0].next(rows);
            for (int f = 1; f < factors.length; f++) {
                v *= factors[f].next(rows);
            }
            return v;
        }

        @Override
        public double[] state() {
            return StateArrays.join(factors, IncrementalFeature::state);
        }

        @Override
        public void restore(double[] state) {
            StateArrays.split(state, factors, IncrementalFeature::restore);
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
