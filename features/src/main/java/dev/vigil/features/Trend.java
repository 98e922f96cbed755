package dev.vigil.features;

import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureContext;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.FeatureSpec;
import java.util.List;

/**
 * A linear trend: days since the first in-sample timestamp. A model using it extrapolates the trend
 * into the detected period, so it is not among the default features.
 */
public final class Trend implements FeatureGenerator {
    /** The generator's name. */
    public static final String NAME = "Trend";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Feature> candidates(FeatureContext context) {
        if (context.inSample().isEmpty()) {
            return List.of();
        }
        return List.of(of(context.frame().time(context.inSample().first())));
    }

    @Override
    public Feature restore(FeatureSpec spec) {
        Specs.requireType(spec, NAME);
        return of((long) spec.parameter("origin"));
    }

    static Feature of(long originMillis) {
        java.util.function.LongToDoubleFunction days = t -> (t - originMillis) / 86_400_000.0;
        return new BasicFeature("Trend", List.of(), 0, Specs.spec(NAME, null, "origin", originMillis), (frame, out) -> {
            for (int i = 0; i < out.length; i++) {
                out[i] = days.applyAsDouble(frame.time(i));
            }
        }, Streamed.ofTime(days));
    }
}
