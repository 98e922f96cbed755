package dev.vigil.examples;

import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.PerspectiveWindow;
import java.time.Duration;

/**
 * A detection perspective written outside Vigil, to show how one plugs in: the largest standardised
 * partial sum of the residuals ending at the current row,
 *
 * <pre>
 *   v_t = max over 1 ≤ L ≤ w of |r_{t−L+1} + … + r_t| / √L
 * </pre>
 *
 * a scan statistic for a level shift of unknown length: for white residuals of unit variance each sum
 * is standard normal, while a shift of size δ lasting L rows pushes it to about δ√L — so short strong
 * shifts and long weak ones both stand out, sooner than a fixed-window mean shows them. The window is
 * Imbalance's (36 samples for data every 10 minutes or faster).
 *
 * <p>It is listed in {@code META-INF/services/dev.vigil.spi.DetectionPerspective} of this module,
 * which makes {@code "ShiftScan"} usable by name in JSON configurations ({@code domainSpecifics}) and
 * with {@code vigil build-model --perspectives ShiftScan --plugins <this jar>}.
 */
public final class ShiftScan implements DetectionPerspective {
    /** The perspective's name. */
    public static final String NAME = "ShiftScan";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PerspectiveWindow defaultWindow(Duration samplingPeriod) {
        if (samplingPeriod.compareTo(Duration.ofDays(1)) >= 0) {
            return PerspectiveWindow.of(9);
        }
        return PerspectiveWindow.of(samplingPeriod.compareTo(Duration.ofMinutes(10)) > 0 ? 24 : 36);
    }

    @Override
    public void transform(double[] residuals, PerspectiveWindow window, double[] out) {
        int w = window.length();
        int run = 0;
        for (int t = 0; t < residuals.length; t++) {
            run = Double.isFinite(residuals[t]) ? run + 1 : 0;
            if (run < w) {
                out[t] = Double.NaN;
                continue;
            }
            double sum = 0;
            double best = 0;
            for (int length = 1; length <= w; length++) {
                sum += residuals[t - length + 1];
                best = Math.max(best, Math.abs(sum) / Math.sqrt(length));
            }
            out[t] = best;
        }
    }
}
