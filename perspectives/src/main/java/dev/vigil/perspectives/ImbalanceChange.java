package dev.vigil.perspectives;

import java.time.Duration;

/** A change of the residual's level: {@code v_t = (mean(A) − mean(B)) / (1 + Σ_{b∈B}|b − median(B)|/(w − s))}, A the last s residuals, B the w − s before. Default (w, s): (16, 4), (60, 12) or (90, 18) by sampling period. */
public final class ImbalanceChange extends Change {
    /** The perspective's name. */
    public static final String NAME = "ImbalanceChange";

    /** With the default window. */
    public ImbalanceChange() {
    }

    /** With a window of the given span of time, whose last {@code recent} part is compared with the rest. */
    public ImbalanceChange(Duration window, Duration recent) {
        super(window, recent);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    boolean spread() {
        return false;
    }

    @Override
    double statistic(double[] r, int from, int to) {
        return Windows.mean(r, from, to);
    }
}
