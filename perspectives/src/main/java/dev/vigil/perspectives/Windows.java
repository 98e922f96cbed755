package dev.vigil.perspectives;

import dev.vigil.spi.PerspectiveWindow;
import java.time.Duration;

/**
 * Default windows (docs/models.md#windows) and
 * the windowed statistics the perspectives share.
 *
 * <table>
 *   <caption>Default windows, Δ the sampling period</caption>
 *   <tr><th>Δ</th><th>ResidualChange</th><th>Imbalance, Fluctuation</th><th>*Change (w, s)</th></tr>
 *   <tr><td>≥ 1 day</td><td>9</td><td>9</td><td>(16, 4)</td></tr>
 *   <tr><td>10 min &lt; Δ &lt; 1 day</td><td>49</td><td>24</td><td>(60, 12)</td></tr>
 *   <tr><td>≤ 10 min</td><td>73</td><td>36</td><td>(90, 18)</td></tr>
 * </table>
 */
final class Windows {
    private Windows() {
    }

    enum Band {
        DAILY, INTRADAY, FAST;

        static Band of(Duration period) {
            if (period.compareTo(Duration.ofDays(1)) >= 0) {
                return DAILY;
            }
            return period.compareTo(Duration.ofMinutes(10)) > 0 ? INTRADAY : FAST;
        }
    }

    static PerspectiveWindow residualChange(Duration period) {
        return PerspectiveWindow.of(switch (Band.of(period)) {
            case DAILY -> 9;
            case INTRADAY -> 49;
            case FAST -> 73;
        });
    }

    static PerspectiveWindow level(Duration period) {
        return PerspectiveWindow.of(switch (Band.of(period)) {
            case DAILY -> 9;
            case INTRADAY -> 24;
            case FAST -> 36;
        });
    }

    static PerspectiveWindow change(Duration period) {
        return switch (Band.of(period)) {
            case DAILY -> new PerspectiveWindow(16, 4);
            case INTRADAY -> new PerspectiveWindow(60, 12);
            case FAST -> new PerspectiveWindow(90, 18);
        };
    }

    /** A window of {@code samples} samples for a given span of time, at least {@code min}. */
    static PerspectiveWindow ofSpan(Duration span, Duration period, int min) {
        long n = Math.max(min, Math.round((double) span.toMillis() / period.toMillis()));
        return PerspectiveWindow.of((int) Math.min(n, 1_000_000));
    }

    /**
     * Marks, for each row, whether the {@code length} rows ending there all have a value: {@code
     * complete[t]} is true when {@code r[t−length+1..t]} are all finite. One pass.
     */
    static boolean[] complete(double[] r, int length) {
        boolean[] ok = new boolean[r.length];
        int run = 0;
        for (int t = 0; t < r.length; t++) {
            run = Double.isFinite(r[t]) ? run + 1 : 0;
            ok[t] = run >= length;
        }
        return ok;
    }

    /** Σ |v − m| over {@code v[from..to)}. */
    static double absDeviation(double[] v, int from, int to, double m) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += Math.abs(v[i] - m);
        }
        return s;
    }

    /** Mean of {@code v[from..to)}. */
    static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }

    /** Population standard deviation of {@code v[from..to)}, two passes. */
    static double sd(double[] v, int from, int to) {
        double m = mean(v, from, to);
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (v[i] - m) * (v[i] - m);
        }
        return Math.sqrt(s / (to - from));
    }
}
