package dev.vigil.core.detection;

/**
 * One anomaly score in [0, 1] per row, from a row's largest anomaly indicator, for tools that want a
 * single bounded number: benchmarks such as NAB, dashboards, alerting.
 *
 * <ul>
 *   <li>{@link #score}: {@code I / (1 + I)} — 0 for a perfectly normal row, 0.5 at the threshold
 *       (indicator 1), approaching 1 as the indicator grows; monotone, so it ranks rows exactly as
 *       the indicator does. A row without an indicator scores 0: nothing speaks for an anomaly.</li>
 *   <li>{@link #onsets}: alert-style scores. A row keeps its score only when its indicator exceeds
 *       every indicator of the {@code holdOff} rows before it — an anomaly that starts, or one that
 *       gets worse; a row that merely continues an anomaly already reported is capped at 0.5, the
 *       threshold. An operator (and NAB, which rewards the first detection of an anomaly and charges
 *       every further alarm outside its window) is told once per anomaly and again only when it
 *       escalates, however long it lasts. Causal: a row's score depends on it and earlier rows only.
 *       With any alarm threshold above 0.5, a run of flagged rows raises one alarm, plus one per new
 *       maximum.</li>
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class AnomalyScores {
    /** The score of a row at the threshold (indicator 1). */
    public static final double THRESHOLD = 0.5;

    private AnomalyScores() {
    }

    /** {@code I / (1 + I)} for an indicator {@code I ≥ 0}; 0 for {@code NaN} (not calculated). */
    public static double score(double indicator) {
        if (Double.isNaN(indicator) || indicator <= 0) {
            return 0;
        }
        return Double.isInfinite(indicator) ? 1 : indicator / (1 + indicator);
    }

    /**
     * Alert-style scores of rows in time order: {@link #score} of the indicator where it exceeds the
     * indicators of the {@code holdOff} rows before, else that score capped at {@link #THRESHOLD}.
     *
     * @param indicators each row's largest indicator, {@code NaN} where none was calculated (not modified)
     * @param holdOff how many earlier rows a row must outdo to keep its score; 0 scores every row by {@link #score}
     */
    public static double[] onsets(double[] indicators, int holdOff) {
        return onsets(indicators, holdOff, 1);
    }

    /**
     * Alert-style scores as {@link #onsets(double[], int)}, where a row keeps its score only if its
     * indicator exceeds {@code escalation} times every indicator of the {@code holdOff} rows before:
     * with an escalation above 1 an anomaly in progress is reported again only when it grows by that
     * factor, not at every small new maximum.
     *
     * @param escalation factor, at least 1, by which a row must outdo the rows before it (1: {@link #onsets(double[], int)})
     */
    public static double[] onsets(double[] indicators, int holdOff, double escalation) {
        if (holdOff < 0) {
            throw new IllegalArgumentException("holdOff must not be negative, got " + holdOff);
        }
        if (!(escalation >= 1) || Double.isInfinite(escalation)) {
            throw new IllegalArgumentException("escalation must be a finite factor of at least 1, got " + escalation);
        }
        int n = indicators.length;
        double[] out = new double[n];
        int[] window = new int[n]; // rows of the last holdOff in window[head, tail), indicators falling from head to tail
        int head = 0;
        int tail = 0;
        for (int t = 0; t < n; t++) {
            double v = value(indicators, t);
            while (head < tail && window[head] < t - holdOff) {
                head++;
            }
            boolean escalates = head == tail || v > escalation * value(indicators, window[head]);
            double s = score(v);
            out[t] = escalates ? s : Math.min(s, THRESHOLD);
            if (holdOff > 0) {
                while (head < tail && value(indicators, window[tail - 1]) <= v) {
                    tail--;
                }
                window[tail++] = t;
            }
        }
        return out;
    }

    private static double value(double[] indicators, int row) {
        return Double.isNaN(indicators[row]) ? 0 : indicators[row];
    }
}
