package dev.vigil.spi;

import static java.util.Objects.requireNonNull;

/**
 * How much each signal drove the score of some rows: for each row, one share per signal of {@link
 * SystemModel#signals()}, non-negative and summing to 1 (Lookout's diagnostics, Azure's
 * {@code contributionScore}); and the signed deviation behind each share, in the model's units (a
 * standardised residual, a standardised distance from the training median), whose sign says whether
 * the signal is above or below what the model expected.
 *
 * <p>A row the model cannot score (a missing signal, too little history) has {@code NaN} shares and
 * deviations.
 *
 * @param rows the rows, as asked
 * @param shares {@code [i][signal]} for row {@code rows[i]}
 * @param deviations {@code [i][signal]} for row {@code rows[i]}
 */
public record SignalContributions(int[] rows, double[][] shares, double[][] deviations) {
    public SignalContributions {
        requireNonNull(rows, "rows is null");
        requireNonNull(shares, "shares is null");
        requireNonNull(deviations, "deviations is null");
        if (shares.length != rows.length || deviations.length != rows.length) {
            throw new IllegalArgumentException("one line of shares and of deviations per row: " + rows.length + " rows, "
                    + shares.length + " and " + deviations.length + " lines");
        }
    }

    /** How many rows and signals, and the first row's shares: the arrays themselves print as addresses. */
    @Override
    public String toString() {
        return "SignalContributions[" + rows.length + " rows" + (rows.length == 0 ? "" : ", row " + rows[0] + " shares "
                + java.util.Arrays.toString(shares[0])) + "]";
    }
}
