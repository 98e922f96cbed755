package dev.vigil.features;

import dev.vigil.core.ErrorCode;
import dev.vigil.core.VigilException;
import dev.vigil.core.spi.Feature;
import dev.vigil.core.spi.FeatureContext;
import dev.vigil.core.spi.FeatureGenerator;
import dev.vigil.core.spi.FeatureSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Products of two of the best single features (squares included), for interactions: {@code
 * EMA_x(t; w=8) & y(t)}. Runs in the combining round on at most eight leaders (36 products). A stored
 * product is made of its factors' own parts, so it is restored by their generators, never by this
 * one.
 */
public final class Polynomial implements FeatureGenerator {
    /** The generator's name. */
    public static final String NAME = "Polynomial";
    private static final int MAX_LEADERS = 8;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Round round() {
        return Round.COMBINING;
    }

    @Override
    public List<Feature> candidates(FeatureContext context) {
        List<Feature> leaders = context.leaders().subList(0, Math.min(MAX_LEADERS, context.leaders().size()));
        List<Feature> out = new ArrayList<>();
        for (int i = 0; i < leaders.size(); i++) {
            for (int j = i; j < leaders.size(); j++) {
                out.add(Feature.product(List.of(leaders.get(i), leaders.get(j))));
            }
        }
        return out;
    }

    @Override
    public Feature restore(FeatureSpec spec) {
        throw new VigilException(ErrorCode.BAD_MODEL, "A stored feature of type Polynomial cannot exist: products are stored "
                + "as the parts of their factors; the model file is corrupted");
    }
}
