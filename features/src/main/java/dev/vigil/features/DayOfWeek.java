package dev.vigil.features;

import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureContext;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.FeatureSpec;
import java.util.List;

/** Indicators of each day of the week, {@code DoW(t) = Monday} … {@code Sunday}, in local time; need two weeks of in-sample data. */
public final class DayOfWeek implements FeatureGenerator {
    /** The generator's name. */
    public static final String NAME = "DayOfWeek";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Feature> candidates(FeatureContext context) {
        return Weekdays.candidates(context, NAME, false);
    }

    @Override
    public Feature restore(FeatureSpec spec) {
        return Weekdays.restore(spec, NAME, false);
    }
}
