package dev.vigil.features;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureContext;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.FeatureSpec;
import dev.vigil.spi.VigilException;
import java.util.ArrayList;
import java.util.List;

/**
 * Products of two of the best single features (squares included), for interactions. Runs in the
 * combining round on at most eight leaders (36 products). With normalisation (the default) the
 * factors are standardised on the in-sample rows first, {@code z(EMA_x(t; w=8)) & z(y(t))}: a product
 * of raw values {@code x·y} near large means is mostly {@code ȳ·x + x̄·y}, a disguised sum of two
 * linear terms that selection would prefer to the two honest terms. A stored product is made of its
 * factors' own parts, so it is restored by their generators, never by this one.
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
        List<Feature> leaders = new ArrayList<>(context.leaders().subList(0, Math.min(MAX_LEADERS, context.leaders().size())));
        if (context.normalization()) {
            leaders.replaceAll(f -> standardize(f, context));
            leaders.removeIf(java.util.Objects::isNull);
        }
        List<Feature> out = new ArrayList<>();
        for (int i = 0; i < leaders.size(); i++) {
            for (int j = i; j < leaders.size(); j++) {
                out.add(Feature.product(List.of(leaders.get(i), leaders.get(j))));
            }
        }
        return out;
    }

    /** The feature standardised by its in-sample mean and standard deviation; null when it does not vary. */
    private static Feature standardize(Feature f, FeatureContext context) {
        double[] v = new double[context.frame().rows()];
        f.evaluate(context.frame(), v);
        double sum = 0;
        int n = 0;
        for (int r : context.inSample().toArray()) {
            if (Double.isFinite(v[r])) {
                sum += v[r];
                n++;
            }
        }
        if (n < 2) {
            return null;
        }
        double mean = sum / n;
        double ss = 0;
        for (int r : context.inSample().toArray()) {
            if (Double.isFinite(v[r])) {
                ss += (v[r] - mean) * (v[r] - mean);
            }
        }
        double sd = Math.sqrt(ss / n);
        return sd > 0 ? Feature.standardized(f, mean, sd) : null;
    }

    @Override
    public Feature restore(FeatureSpec spec) {
        throw new VigilException(ErrorCode.BAD_MODEL, "A stored feature of type Polynomial cannot exist: products are stored "
                + "as the parts of their factors; the model file is corrupted");
    }
}
