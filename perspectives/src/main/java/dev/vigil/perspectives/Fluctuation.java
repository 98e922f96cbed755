package dev.vigil.perspectives;

import dev.vigil.spi.PerspectiveWindow;
import java.time.Duration;

/**
 * The residual's spread: {@code v_t = sd(r_{t−w+1..t})} (population standard deviation), bursts of
 * noise. Default w: 9, 24 or 36 samples by sampling period.
 */
public final class Fluctuation extends Windowed {
    /** The perspective's name. */
    public static final String NAME = "Fluctuation";

    /** With the default window. */
    public Fluctuation() {
        super(null, 2);
    }

    /** With a window of the given span of time. */
    public Fluctuation(Duration window) {
        super(window, 2);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    PerspectiveWindow standardWindow(Duration samplingPeriod) {
        return Windows.level(samplingPeriod);
    }

    @Override
    public dev.vigil.spi.stream.IncrementalPerspective incremental(PerspectiveWindow window) {
        return new Streamed.Spread(window.length());
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
