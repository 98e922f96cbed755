package dev.vigil.features;

import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureContext;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.FeatureSpec;
import java.util.List;

/** Indicators {@code DoW(t) <= d} for Monday to Saturday (TIM's rest-of-week transformation), in local time; need two weeks of in-sample data. */
public final class RestOfWeek implements FeatureGenerator {
    /** The generator's name. */
    public static final String NAME = "RestOfWeek";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Feature> candidates(FeatureContext context) {
        return Weekdays.candidates(context, NAME, true);
    }

    @Override
    public Feature restore(FeatureSpec spec) {
        return Weekdays.restore(spec, NAME, true);
    }
}
