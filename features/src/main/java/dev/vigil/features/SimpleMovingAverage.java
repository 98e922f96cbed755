package dev.vigil.features;

import dev.vigil.spi.Feature;
import java.util.List;

/**
 * Simple moving averages {@code SMA_x(t; w)} of each influencer over the last {@code w} samples, and
 * {@code SMA_kpi(t-1; w)} of the KPI when KPI offsets are used, for {@code w} ∈ {2, 4, 8, 15, 30}.
 */
public final class SimpleMovingAverage extends MovingAverage {
    /** The generator's name. */
    public static final String NAME = "SimpleMovingAverage";
    /** With the default windows {2, 4, 8, 15, 30}. */
    public SimpleMovingAverage() {
        this(MovingAverage.WINDOWS);
    }

    /** With the given windows (each at least 2). */
    public SimpleMovingAverage(List<Integer> windows) {
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
        return new BasicFeature("SMA_" + predictor + "(" + Specs.at(offset) + "; w=" + window + ")", List.of(predictor),
                window - 1 - offset, Specs.spec(NAME, predictor, "window", window, "offset", offset),
                (frame, out) -> Series.sma(frame.column(predictor), window, offset, out), Streamed.sma(predictor, window, offset));
    }
}
