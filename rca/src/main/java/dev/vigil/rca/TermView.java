package dev.vigil.rca;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.frame.TimeFrame;
import java.util.List;

/**
 * TIM's term view of one model: a table with {@code term_1 … term_n} (nominal values {@code β_i·f_i},
 * the constant last) and {@code yhat_1 … yhat_p} (the nested models with the first i terms;
 * {@code yhat_p} is the normal behaviour), and what each term is.
 *
 * @param modelIndex the model
 * @param labels label of {@code term_i} at position {@code i − 1}
 * @param table the rows the model serves (around a timestamp when asked)
 */
public record TermView(int modelIndex, List<String> labels, TimeFrame table) {
    public TermView {
        labels = List.copyOf(requireNonNull(labels, "labels is null"));
        requireNonNull(table, "table is null");
    }
}
