package dev.vigil.perspectives;

import dev.vigil.core.ErrorCode;
import dev.vigil.core.VigilException;
import dev.vigil.core.spi.PerspectiveWindow;

/**
 * What ImbalanceChange and FluctuationChange share: the window ending at t split into a recent part
 * A (the last s rows) and an older part B (the w − s rows before), and the robust scale of B,
 * {@code 1 + Σ_{b∈B} |b − median(B)| / (w − s)}.
 */
final class Change {
    private Change() {
    }

    interface Statistic {
        double of(double[] r, int from, int to);
    }

    static void transform(String name, double[] r, PerspectiveWindow window, double[] out, Statistic statistic) {
        int w = window.length();
        int s = window.recent();
        if (s < 1 || w - s < 1) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, name + " needs a window with a recent part and an older "
                    + "part, got length " + w + " and recent part " + s);
        }
        boolean[] ok = Windows.complete(r, w);
        double[] scratch = new double[w - s];
        for (int t = 0; t < r.length; t++) {
            if (!ok[t]) {
                out[t] = Double.NaN;
                continue;
            }
            int bFrom = t - w + 1;
            int aFrom = t - s + 1;
            double m = Windows.median(r, bFrom, aFrom, scratch);
            double scale = 1 + Windows.absDeviation(r, bFrom, aFrom, m) / (w - s);
            out[t] = (statistic.of(r, aFrom, t + 1) - statistic.of(r, bFrom, aFrom)) / scale;
        }
    }
}
