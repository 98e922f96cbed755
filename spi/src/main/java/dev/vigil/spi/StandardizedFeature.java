package dev.vigil.spi;

import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.stream.IncrementalFeature;
import dev.vigil.spi.stream.StreamHistory;
import dev.vigil.spi.stream.StreamLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code (f − center) / scale}; see {@link Feature#standardized}. */
final class StandardizedFeature implements Feature {
    /** Parameters a standardised part carries in a model file. */
    static final String CENTER = "center";
    static final String SCALE = "scale";

    private final Feature base;
    private final double center;
    private final double scale;

    StandardizedFeature(Feature base, double center, double scale) {
        if (!(scale > 0) || !Double.isFinite(center) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("standardisation needs a finite centre and a positive scale, got " + center + " / " + scale);
        }
        this.base = base;
        this.center = center;
        this.scale = scale;
    }

    @Override
    public String label() {
        return "z(" + base.label() + ")";
    }

    @Override
    public List<String> influencers() {
        return base.influencers();
    }

    @Override
    public int history() {
        return base.history();
    }

    @Override
    public List<FeatureSpec> parts() {
        List<FeatureSpec> out = new ArrayList<>();
        for (FeatureSpec p : base.parts()) {
            Map<String, Double> params = new LinkedHashMap<>(p.parameters());
            params.put(CENTER, center);
            params.put(SCALE, scale);
            out.add(new FeatureSpec(p.type(), p.predictor(), params));
        }
        return out;
    }

    @Override
    public void evaluate(TimeFrame frame, double[] out) {
        base.evaluate(frame, out);
        for (int i = 0; i < out.length; i++) {
            out[i] = (out[i] - center) / scale;
        }
    }

    /** The base feature's evaluator, standardised as {@link #evaluate} standardises; {@code null} when the base has none. */
    @Override
    public IncrementalFeature incremental(StreamLayout layout) {
        IncrementalFeature b = base.incremental(layout);
        if (b == null) {
            return null;
        }
        double c = center;
        double s = scale;
        return new IncrementalFeature() {
            @Override
            public int lags() {
                return b.lags();
            }

            @Override
            public double next(StreamHistory rows) {
                return (b.next(rows) - c) / s;
            }

            @Override
            public double[] state() {
                return b.state();
            }

            @Override
            public void restore(double[] state) {
                b.restore(state);
            }
        };
    }

    @Override
    public String toString() {
        return label();
    }
}
