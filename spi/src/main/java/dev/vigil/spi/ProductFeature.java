package dev.vigil.spi;

import dev.vigil.spi.frame.TimeFrame;
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

    @Override
    public String toString() {
        return label;
    }
}
