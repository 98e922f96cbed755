package dev.vigil.features;

import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureContext;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.FeatureSpec;
import java.util.List;

/** {@code Holiday(t)}: 1 where the holiday column is non-zero, 0 where it is zero; off without a holiday column. */
public final class PublicHolidays implements FeatureGenerator {
    /** The generator's name. */
    public static final String NAME = "PublicHolidays";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Feature> candidates(FeatureContext context) {
        if (context.holidays().isEmpty()) {
            context.log().info(FeatureContext.LOG_ORIGIN, "Turned off public holidays: no holidayColumn is set.");
            return List.of();
        }
        return List.of(of(context.holidayColumn()));
    }

    @Override
    public Feature restore(FeatureSpec spec) {
        Specs.requireType(spec, NAME);
        return of(spec.requirePredictor());
    }

    static Feature of(String column) {
        java.util.function.DoubleUnaryOperator flag = v -> Double.isNaN(v) ? Double.NaN : v != 0 ? 1 : 0;
        return new BasicFeature("Holiday(t)", List.of(column), 0, Specs.spec(NAME, column), (frame, out) -> {
            var c = frame.column(column);
            for (int i = 0; i < out.length; i++) {
                out[i] = flag.applyAsDouble(c.get(i));
            }
        }, Streamed.ofValue(column, 0, flag));
    }
}
