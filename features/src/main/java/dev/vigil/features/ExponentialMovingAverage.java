package dev.vigil.features;

import dev.vigil.spi.Feature;
import java.util.List;

/**
 * Exponential moving averages {@code EMA_x(t; w)} of each influencer, and {@code EMA_kpi(t-1; w)} of
 * the KPI when KPI offsets are used, for windows {@code w} ∈ {2, 4, 8, 15, 30}: α = 2/(w+1), weights
 * truncated after 6w samples and normalised (docs/models.md#candidate-features).
 */
public final class ExponentialMovingAverage extends MovingAverage {
    /** The generator's name. */
    public static final String NAME = "ExponentialMovingAverage";
    /** Default windows, in samples: 2, 4, 8, 15, 30. */
    public static final List<Integer> WINDOWS = MovingAverage.WINDOWS;

    /** With the default windows {2, 4, 8, 15, 30}. */
    public ExponentialMovingAverage() {
        this(MovingAverage.WINDOWS);
    }

    /** With the given windows (each at least 2). */
    public ExponentialMovingAverage(List<Integer> windows) {
        super(windows);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    Feature feature(String predictor, int window, int offset) {
        return of(predictor, window, offset);
    }

    static Feature of(String predictor, int window, int offset) {
        return new BasicFeature("EMA_" + predictor + "(" + Specs.at(offset) + "; w=" + window + ")", List.of(predictor),
                Series.emaLength(window) - 1 - offset, Specs.spec(NAME, predictor, "window", window, "offset", offset),
                (frame, out) -> Series.ema(frame.column(predictor), window, offset, out), Streamed.ema(predictor, window, offset));
    }
}
