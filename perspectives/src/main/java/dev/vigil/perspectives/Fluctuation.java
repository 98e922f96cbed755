package dev.vigil.perspectives;

import dev.vigil.core.spi.DetectionPerspective;
import dev.vigil.core.spi.PerspectiveWindow;
import java.time.Duration;

/**
 * The residual's spread: {@code v_t = sd(r_{t−w+1..t})} (population standard deviation), bursts of
 * noise. Default w: 9, 24 or 36 samples by sampling period.
 */
public final class Fluctuation implements DetectionPerspective {
    /** The perspective's name. */
    public static final String NAME = "Fluctuation";

    private final Duration span;

    /** With the default window. */
    public Fluctuation() {
        this.span = null;
    }

    /** With a window of the given span of time. */
    public Fluctuation(Duration window) {
        this.span = window;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PerspectiveWindow defaultWindow(Duration samplingPeriod) {
        return span == null ? Windows.level(samplingPeriod) : Windows.ofSpan(span, samplingPeriod, 2);
    }

    @Override
    public void transform(double[] r, PerspectiveWindow window, double[] out) {
        int w = window.length();
        boolean[] ok = Windows.complete(r, w);
        for (int t = 0; t < r.length; t++) {
            out[t] = ok[t] ? Windows.sd(r, t - w + 1, t + 1) : Double.NaN;
        }
    }
}
