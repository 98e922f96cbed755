package dev.vigil.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * TIM's term view of one model (docs/models.md#term-view): per row, each term's nominal value {@code term_i =
 * β_i·f_i(t)} (the constant last) and the nested models {@code yhat_i} that use only the first i terms,
 * refitted exactly from the stored R⁻¹ and g — how the model is built up term by term; {@code yhat_p}
 * is the normal behaviour.
 *
 * @param modelIndex the model
 * @param labels the terms' labels, in selection order, then {@code "intercept"}
 * @param rows the frame rows this model serves
 * @param terms {@code [term][i]} for the i-th of {@code rows}
 * @param nested {@code [k][i]}: the model with the first k+1 terms
 */
public record NormalBehaviorTerms(int modelIndex, List<String> labels, int[] rows, double[][] terms, double[][] nested) {
    public NormalBehaviorTerms {
        labels = List.copyOf(requireNonNull(labels, "labels is null"));
        requireNonNull(rows, "rows is null");
        if (terms.length != labels.size() || nested.length != labels.size() - 1) {
            throw new IllegalArgumentException("one term column per label and one nested model per non-constant term");
        }
    }
}
