package dev.vigil.features;

import dev.vigil.spi.FeatureGenerator;
import java.util.List;

/** Ready-made sets of feature generators, for pipelines composed in code. */
public final class Features {
    private Features() {
    }

    /**
     * TIM's default set: Polynomial, TimeOffsets, Identity, Intercept, RestOfWeek, PiecewiseLinear,
     * ExponentialMovingAverage, Periodic.
     */
    public static List<FeatureGenerator> defaults() {
        return List.of(new Polynomial(), new TimeOffsets(), new Identity(), new Intercept(), new RestOfWeek(),
                new PiecewiseLinear(), new ExponentialMovingAverage(), new Periodic());
    }

    /** Every generator of this module. */
    public static List<FeatureGenerator> all() {
        return List.of(new Intercept(), new Identity(), new TimeOffsets(), new ExponentialMovingAverage(), new SimpleMovingAverage(),
                new Periodic(), new Fourier(), new DayOfWeek(), new RestOfWeek(), new Month(), new Trend(), new PiecewiseLinear(),
                new Polynomial(), new PublicHolidays());
    }
}
