package dev.vigil.perspectives;

import dev.vigil.spi.PerspectiveWindow;
import java.time.Duration;

/**
 * The residual's level: {@code v_t = mean(r_{t−w+1..t})}, sustained offsets of the KPI from its normal
 * behaviour. Default w: 9, 24 or 36 samples by sampling period.
 */
public final class Imbalance extends Windowed {
    /** The perspective's name. */
    public static final String NAME = "Imbalance";

    /** With the default window. */
    public Imbalance() {
        super(null, 1);
    }

    /** With a window of the given span of time, e.g. {@code Duration.ofSeconds(36)}. */
    public Imbalance(Duration window) {
        super(window, 1);
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
        return new Streamed.Level(window.length());
    }

    @Override
    public void transform(double[] r, PerspectiveWindow window, double[] out) {
        int w = window.length();
        double sum = 0;
        int run = 0;
        for (int t = 0; t < r.length; t++) {
            double v = r[t];
            if (!Double.isFinite(v)) {
                sum = 0;
                run = 0;
                out[t] = Double.NaN;
                continue;
            }
            run++;
            if (run > w && run % 4096 == 0) {
                sum = 0; // re-add the window now and then so rounding cannot accumulate
                for (int j = t - w + 1; j <= t; j++) {
                    sum += r[j];
                }
            } else {
                sum += v;
                if (run > w) {
                    sum -= r[t - w];
                }
            }
            out[t] = run >= w ? sum / w : Double.NaN;
        }
    }
}
