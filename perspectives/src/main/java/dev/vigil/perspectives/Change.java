package dev.vigil.perspectives;

import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.PerspectiveWindow;
import dev.vigil.spi.VigilException;
import java.time.Duration;

/**
 * What ImbalanceChange and FluctuationChange share: the window ending at t split into a recent part
 * A (the last s rows) and an older part B (the w − s rows before), a statistic of each, and the
 * robust scale of B, {@code 1 + Σ_{b∈B} |b − median(B)| / (w − s)}:
 * {@code v_t = (stat(A) − stat(B)) / scale(B)}.
 */
abstract class Change implements DetectionPerspective {
    private final Duration span;
    private final Duration recent;

    /** With the default window. */
    Change() {
        this.span = null;
        this.recent = null;
    }

    /** With a window of the given span of time, whose last {@code recent} part is compared with the rest. */
    Change(Duration window, Duration recent) {
        if (recent.compareTo(window) >= 0) {
            throw new IllegalArgumentException("the recent part must be shorter than the window");
        }
        this.span = window;
        this.recent = recent;
    }

    /** The statistic of the residuals {@code r[from, to)}. */
    abstract double statistic(double[] r, int from, int to);

    @Override
    public final PerspectiveWindow defaultWindow(Duration samplingPeriod) {
        if (span == null) {
            return Windows.change(samplingPeriod);
        }
        int w = Math.max(2, Windows.ofSpan(span, samplingPeriod, 2).length());
        int s = Math.min(w - 1, Math.max(1, Windows.ofSpan(recent, samplingPeriod, 1).length()));
        return new PerspectiveWindow(w, s);
    }

    /** Whether the statistic is the standard deviation (else the mean). */
    abstract boolean spread();

    @Override
    public final dev.vigil.spi.stream.IncrementalPerspective incremental(PerspectiveWindow window) {
        requireParts(window);
        return new Streamed.Shift(window.length(), window.recent(), spread());
    }

    private void requireParts(PerspectiveWindow window) {
        int w = window.length();
        int s = window.recent();
        if (s < 1 || w - s < 1) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, name() + " needs a window with a recent part and an older "
                    + "part, got length " + w + " and recent part " + s);
        }
    }

    @Override
    public final void transform(double[] r, PerspectiveWindow window, double[] out) {
        requireParts(window);
        int w = window.length();
        int s = window.recent();
        boolean[] ok = Windows.complete(r, w);
        SortedWindow older = new SortedWindow(w - s);
        for (int t = 0; t < r.length; t++) {
            if (!ok[t]) {
                out[t] = Double.NaN;
                continue;
            }
            int bFrom = t - w + 1;
            int aFrom = t - s + 1;
            if (t > 0 && ok[t - 1] && older.filled()) {
                older.slide(r[t - w], r[t - s]);
            } else {
                older.fill(r, bFrom);
            }
            double m = older.median();
            double scale = 1 + Windows.absDeviation(r, bFrom, aFrom, m) / (w - s);
            out[t] = (statistic(r, aFrom, t + 1) - statistic(r, bFrom, aFrom)) / scale;
        }
    }
}
