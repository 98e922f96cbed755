package dev.vigil.perspectives;

import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.PerspectiveWindow;
import java.time.Duration;

/**
 * What Imbalance, Fluctuation and ResidualChange share: one window over the last rows, either the
 * perspective's standard one for the sampling period or a span of time given by the user.
 */
abstract class Windowed implements DetectionPerspective {
    private final Duration span;
    private final int minLength;

    /**
     * @param span the window's span of time, {@code null} for the standard window
     * @param minLength the fewest rows a window of the given span may have
     */
    Windowed(Duration span, int minLength) {
        this.span = span;
        this.minLength = minLength;
    }

    /** The window used when no span was given. */
    abstract PerspectiveWindow standardWindow(Duration samplingPeriod);

    @Override
    public final PerspectiveWindow defaultWindow(Duration samplingPeriod) {
        return span == null ? standardWindow(samplingPeriod) : Windows.ofSpan(span, samplingPeriod, minLength);
    }
}
