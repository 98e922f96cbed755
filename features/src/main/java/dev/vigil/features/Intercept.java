package dev.vigil.features;

import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureContext;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.FeatureSpec;
import java.util.Arrays;
import java.util.List;

/**
 * The constant term. It proposes no candidate: the regression centres its inputs and adds the
 * intercept itself whenever {@code Intercept} is among the chosen features (and fits through the
 * origin otherwise). {@link #restore} gives the constant 1, for stored models that list it.
 */
public final class Intercept implements FeatureGenerator {
    /** The generator's name. */
    public static final String NAME = "Intercept";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Feature> candidates(FeatureContext context) {
        return List.of();
    }

    @Override
    public Feature restore(FeatureSpec spec) {
        Specs.requireType(spec, NAME);
        return constant();
    }

    static Feature constant() {
        return new BasicFeature("Intercept", List.of(), 0, Specs.spec(NAME, null), (frame, out) -> Arrays.fill(out, 1.0),
                Streamed.ofTime(t -> 1.0));
    }
}
