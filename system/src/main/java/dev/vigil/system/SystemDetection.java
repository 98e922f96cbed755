package dev.vigil.system;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.SignalContributions;
import java.util.List;

/**
 * What a {@link SystemDetector} found in a frame: per row the raw score, TIM's anomaly indicator (above
 * 1 ⇔ anomalous), Azure's severity, and for the anomalous rows which signals drove them.
 *
 * @param signals the model's signals, in the order of the contribution arrays
 * @param time the rows' timestamps (epoch milliseconds)
 * @param score the model's raw score, {@code NaN} where it cannot be calculated
 * @param indicator the anomaly indicator, {@code NaN} where there is no score over the whole window
 * @param severity 0 on a normal row, else in (0, 1]
 * @param contributions the contributions of the anomalous rows, in row order
 */
public record SystemDetection(List<String> signals, long[] time, double[] score, double[] indicator, double[] severity,
        SignalContributions contributions) {

    public SystemDetection {
        signals = List.copyOf(signals);
        requireNonNull(time, "time is null");
        requireNonNull(score, "score is null");
        requireNonNull(indicator, "indicator is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(contributions, "contributions is null");
        if (score.length != time.length || indicator.length != time.length || severity.length != time.length) {
            throw new IllegalArgumentException("one score, indicator and severity per row");
        }
    }

    /** Number of rows. */
    public int rows() {
        return time.length;
    }

    /** TIM's {@code anomaly_code}: whether the row's indicator is above 1. */
    public boolean anomalous(int row) {
        return indicator[row] > 1;
    }

    /** Per row, whether it is anomalous. */
    public boolean[] flags() {
        boolean[] f = new boolean[time.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = indicator[i] > 1;
        }
        return f;
    }

    /**
     * The {@code k} signals contributing most to an anomalous row, largest share first (ties in signal
     * order): Azure's top-k {@code interpretation}.
     *
     * @throws IllegalArgumentException when the row is not anomalous (only anomalous rows carry contributions)
     */
    public List<Contribution> top(int row, int k) {
        int at = java.util.Arrays.binarySearch(contributions.rows(), row);
        if (at < 0) {
            throw new IllegalArgumentException("row " + row + " is not anomalous; ask the detector for the contributions of any row");
        }
        double[] share = contributions.shares()[at];
        double[] dev = contributions.deviations()[at];
        Integer[] order = new Integer[share.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (a, b) -> share[a] != share[b] ? Double.compare(share[b], share[a]) : Integer.compare(a, b));
        List<Contribution> out = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(k, order.length); i++) {
            int j = order[i];
            out.add(new Contribution(signals.get(j), share[j], dev[j]));
        }
        return out;
    }

    /** The anomalous rows, ascending (the rows of {@link #contributions()}). */
    public int[] anomalousRows() {
        return contributions.rows().clone();
    }
}
