package dev.vigil.perspectives;

import dev.vigil.core.spi.DetectionPerspective;
import dev.vigil.core.spi.PerspectiveWindow;
import java.time.Duration;

/** A change of the residual's spread: {@code v_t = (sd(A) − sd(B)) / (1 + Σ_{b∈B}|b − median(B)|/(w − s))}, A the last s residuals, B the w − s before. Default (w, s): (16, 4), (60, 12) or (90, 18) by sampling period. */
public final class FluctuationChange implements DetectionPerspective {
    /** The perspective's name. */
    public static final String NAME = "FluctuationChange";

    private final Duration span;
    private final Duration recent;

    /** With the default window. */
    public FluctuationChange() {
        this.span = null;
        this.recent = null;
    }

    /** With a window of the given span of time, whose last {@code recent} part is compared with the rest. */
    public FluctuationChange(Duration window, Duration recent) {
        if (recent.compareTo(window) >= 0) {
            throw new IllegalArgumentException("the recent part must be shorter than the window");
        }
        this.span = window;
        this.recent = recent;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PerspectiveWindow defaultWindow(Duration samplingPeriod) {
        if (span == null) {
            return Windows.change(samplingPeriod);
        }
        int w = Math.max(2, Windows.ofSpan(span, samplingPeriod, 2).length());
        int s = Math.min(w - 1, Math.max(1, Windows.ofSpan(recent, samplingPeriod, 1).length()));
        return new PerspectiveWindow(w, s);
    }

    @Override
    public void transform(double[] residuals, PerspectiveWindow window, double[] out) {
        Change.transform(NAME, residuals, window, out, Windows::sd);
    }
}
