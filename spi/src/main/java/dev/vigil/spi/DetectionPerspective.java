package dev.vigil.spi;

import dev.vigil.spi.stream.IncrementalPerspective;
import java.time.Duration;

/**
 * A way of looking at the residual {@code r = kpi − normal behaviour} that turns it into values
 * {@code v_t} whose unusual ones are anomalies: the residual itself (global outliers), its moving
 * mean (imbalance), its moving spread (fluctuation), or a change in any of them
 * (docs/models.md#detection-perspectives).
 *
 * <p>To add one, implement this interface with a public no-argument constructor and list the class
 * in {@code META-INF/services/dev.vigil.spi.DetectionPerspective}; the name is then usable in
 * JSON configurations ({@code domainSpecifics[].perspective}) and on the command line exactly like
 * the built-ins. Implementations are stateless and thread-safe.
 */
public interface DetectionPerspective extends Plugin {

    /** The window to use for data sampled every {@code samplingPeriod}. */
    PerspectiveWindow defaultWindow(Duration samplingPeriod);

    /**
     * Computes {@code v_t} for every row. The residuals come from regular data (row offset = time
     * offset); {@code NaN} marks rows without a residual. A row whose window is not complete — it
     * reaches before the first row or contains a missing residual — gets {@code NaN} ("not
     * calculated").
     *
     * @param residuals {@code r_t} per row, not modified
     * @param window the window to use
     * @param out receives {@code v_t}, same length as {@code residuals}
     */
    void transform(double[] residuals, PerspectiveWindow window, double[] out);

    /**
     * This perspective evaluated one residual at a time in a stream (docs/streaming.md), giving
     * to the bit what {@link #transform} gives; {@code null} (the default) when it offers none, and then
     * the stream applies {@link #transform} to the last {@code window.length()} residuals at each row:
     * the same values, at a cost that grows with the window. Each call returns a new evaluator.
     */
    default IncrementalPerspective incremental(PerspectiveWindow window) {
        return null;
    }
}
