package dev.vigil.system;

/**
 * One signal's part in a row's anomaly: Azure's {@code interpretation} entry ({@code variable,
 * contributionScore}), Lookout's diagnostics entry.
 *
 * @param signal the signal
 * @param share its share of the row's score, 0 to 1 (the shares of all signals sum to 1)
 * @param deviation the signed deviation behind it, in the model's units: above (positive) or below
 *     (negative) what the model expected
 */
public record Contribution(String signal, double share, double deviation) {
}
