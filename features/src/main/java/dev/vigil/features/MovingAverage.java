package dev.vigil.features;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureContext;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.FeatureSpec;
import dev.vigil.spi.VigilException;
import java.util.ArrayList;
import java.util.List;

/** A moving average over windows of samples: of each influencer now, and of the KPI one sample back when KPI offsets are used. */
abstract class MovingAverage implements FeatureGenerator {
    /** Default windows, in samples. */
    static final List<Integer> WINDOWS = List.of(2, 4, 8, 15, 30);

    private final List<Integer> windows;

    MovingAverage(List<Integer> windows) {
        if (windows.isEmpty() || windows.stream().anyMatch(w -> w < 2)) {
            throw new IllegalArgumentException("windows must be at least 2: " + windows);
        }
        this.windows = List.copyOf(windows);
    }

    /** The average of a predictor over {@code window} samples, {@code offset} samples back from now (≤ 0). */
    abstract Feature feature(String predictor, int window, int offset);

    @Override
    public final List<Feature> candidates(FeatureContext context) {
        List<Feature> out = new ArrayList<>();
        for (int w : windows) {
            if (context.useKpiOffsets()) {
                out.add(feature(context.kpi(), w, -1));
            }
            for (String x : context.influencers()) {
                out.add(feature(x, w, 0));
            }
        }
        return out;
    }

    @Override
    public final Feature restore(FeatureSpec spec) {
        Specs.requireType(spec, name());
        int w = spec.intParameter("window");
        if (w < 2) {
            throw new VigilException(ErrorCode.BAD_MODEL, name() + " window " + w + " is below 2; the model file is corrupted");
        }
        return feature(spec.requirePredictor(), w, Specs.offset(spec));
    }
}
