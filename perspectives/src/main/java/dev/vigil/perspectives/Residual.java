package dev.vigil.perspectives;

import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.PerspectiveWindow;
import java.time.Duration;

/** The residual itself, {@code v_t = r_t}: global outliers, one row at a time. No warm-up. */
public final class Residual implements DetectionPerspective {
    /** The perspective's name. */
    public static final String NAME = "Residual";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PerspectiveWindow defaultWindow(Duration samplingPeriod) {
        return PerspectiveWindow.of(1);
    }

    @Override
    public dev.vigil.spi.stream.IncrementalPerspective incremental(PerspectiveWindow window) {
        return new Streamed.Identity();
    }

    @Override
    public void transform(double[] residuals, PerspectiveWindow window, double[] out) {
        System.arraycopy(residuals, 0, out, 0, residuals.length);
    }
}
