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
 * Simple moving averages {@code SMA_x(t; w)} of each influencer over the last {@code w} samples, and
 * {@code SMA_kpi(t-1; w)} of the KPI when KPI offsets are used, for {@code w} ∈ {2, 4, 8, 15, 30}.
 */
public final class SimpleMovingAverage implements FeatureGenerator {
    /** The generator's name. */
    public static final String NAME = "SimpleMovingAverage";

    private final List<Integer> windows;

    /** With the default windows {2, 4, 8, 15, 30}. */
    public SimpleMovingAverage() {
        this(ExponentialMovingAverage.WINDOWS);
    }

    /** With the given windows (each at least 2). */
    public SimpleMovingAverage(List<Integer> windows) {
        if (windows.isEmpty() || windows.stream().anyMatch(w -> w < 2)) {
            throw new IllegalArgumentException("windows must be at least 2: " + windows);
        }
        this.windows = List.copyOf(windows);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Feature> candidates(FeatureContext context) {
        List<Feature> out = new ArrayList<>();
        for (int w : windows) {
            if (context.useKpiOffsets()) {
                out.add(of(context.kpi(), w, -1));
            }
            for (String x : context.influencers()) {
                out.add(of(x, w, 0));
            }
        }
        return out;
    }

    @Override
    public Feature restore(FeatureSpec spec) {
        Specs.requireType(spec, NAME);
        int w = spec.intParameter("window");
        if (w < 2) {
            throw new VigilException(ErrorCode.BAD_MODEL, "SMA window " + w + " is below 2; the model file is corrupted");
        }
        return of(spec.requirePredictor(), w, Specs.offset(spec));
    }

    static Feature of(String predictor, int window, int offset) {
        return new BasicFeature("SMA_" + predictor + "(" + Specs.at(offset) + "; w=" + window + ")", List.of(predictor),
                window - 1 - offset, Specs.spec(NAME, predictor, "window", window, "offset", offset),
                (frame, out) -> Series.sma(frame.column(predictor), window, offset, out));
    }
}
