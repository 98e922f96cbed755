package dev.vigil.perspectives;

import dev.vigil.spi.PerspectiveWindow;
import java.time.Duration;

/**
 * Local outliers: a residual far from the median of the stable stretch before it, {@code v_t = (r_t −
 * m) / (1 + Σ_{p∈P} |p − m|)} with P the w−1 residuals before t and m their median. Default w: 9, 49
 * or 73 samples by sampling period.
 */
public final class ResidualChange extends Windowed {
    /** The perspective's name. */
    public static final String NAME = "ResidualChange";

    /** With the default window. */
    public ResidualChange() {
        super(null, 2);
    }

    /** With a window of the given span of time. */
    public ResidualChange(Duration window) {
        super(window, 2);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    PerspectiveWindow standardWindow(Duration samplingPeriod) {
        return Windows.residualChange(samplingPeriod);
    }

    @Override
    public dev.vigil.spi.stream.IncrementalPerspective incremental(PerspectiveWindow window) {
        return new Streamed.Outlier(Math.max(2, window.length()));
    }

    @Override
    public void transform(double[] r, PerspectiveWindow window, double[] out) {
        int w = Math.max(2, window.length());
        boolean[] ok = Windows.complete(r, w);
        SortedWindow before = new SortedWindow(w - 1);
        for (int t = 0; t < r.length; t++) {
            if (!ok[t]) {
                out[t] = Double.NaN;
                continue;
            }
            int from = t - w + 1;
            if (t > 0 && ok[t - 1] && before.filled()) {
                before.slide(r[t - w], r[t - 1]);
            } else {
                before.fill(r, from);
            }
            double m = before.median();
            out[t] = (r[t] - m) / (1 + Windows.absDeviation(r, from, t, m));
        }
    }
}
