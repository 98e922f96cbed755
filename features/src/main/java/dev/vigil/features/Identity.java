package dev.vigil.features;

import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureContext;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.FeatureSpec;
import java.util.ArrayList;
import java.util.List;

/** The current value of each influencer, {@code x(t)}. */
public final class Identity implements FeatureGenerator {
    /** The generator's name. */
    public static final String NAME = "Identity";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Feature> candidates(FeatureContext context) {
        List<Feature> out = new ArrayList<>();
        for (String x : context.influencers()) {
            out.add(of(x));
        }
        return out;
    }

    @Override
    public Feature restore(FeatureSpec spec) {
        Specs.requireType(spec, NAME);
        return of(spec.requirePredictor());
    }

    static Feature of(String predictor) {
        return new BasicFeature(predictor + "(t)", List.of(predictor), 0, Specs.spec(NAME, predictor, "offset", 0),
                (frame, out) -> frame.column(predictor).copyTo(0, out, 0, frame.rows()), Streamed.ofValue(predictor, 0, x -> x));
    }
}
