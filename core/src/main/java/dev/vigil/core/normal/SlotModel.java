package dev.vigil.core.normal;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The regression serving one model index (one time of day with a daily cycle), with the algebra from
 * which nested models follow (docs/models.md#what-is-stored).
 *
 * @param index model index, 1-based
 * @param terms terms in selection order
 * @param intercept constant term
 * @param rInv R⁻¹ of the centred features, column-major, {@code terms.size()²} values
 * @param g {@code R⁻ᵀ Xcᵀ yc}
 * @param mx in-sample mean of each feature
 * @param rows rows the model was fitted on
 * @param residualSd in-sample residual standard deviation
 */
record SlotModel(int index, List<Term> terms, double intercept, double[] rInv, double[] g, double[] mx, int rows,
        double residualSd) {
    SlotModel {
        terms = List.copyOf(requireNonNull(terms, "terms is null"));
        int k = terms.size();
        if (rInv.length != k * k || g.length != k || mx.length != k) {
            throw new IllegalArgumentException("model " + index + ": R⁻¹, g and mx do not match " + k + " terms");
        }
    }
}
