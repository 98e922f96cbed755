package dev.vigil.rca;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.NormalBehaviorSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * TIM's post-processing tables (docs/models.md#importances): {@code properties} — how much each predictor
 * matters — and {@code features} — every term of every model.
 *
 * @param properties predictors, most important first: name, importance, relative importance and the
 *     offsets used ({@link NormalBehaviorSummary.PredictorImportance})
 * @param features terms by model, in selection order
 */
public record Importances(List<NormalBehaviorSummary.PredictorImportance> properties, List<FeatureImportance> features) {

    /**
     * One term.
     *
     * @param model model index
     * @param term position in the model, 1-based
     * @param feature readable label, e.g. {@code EMA_Pressure(t; w=8)}
     * @param importance percent of the model's explained variation
     * @param beta coefficient
     */
    public record FeatureImportance(int model, int term, String feature, double importance, double beta) {
        /** TIM's names of the columns of the {@code features} table, in the order of {@link #row()}. */
        public static final List<String> COLUMNS = List.of("model", "term", "feature", "importance", "beta");

        /** The values of the {@link #COLUMNS}, in their order. */
        public List<Object> row() {
            return List.of(model, term, feature, importance, beta);
        }
    }

    public Importances {
        properties = List.copyOf(requireNonNull(properties, "properties is null"));
        features = List.copyOf(requireNonNull(features, "features is null"));
    }

    /** The tables of a normal-behaviour model's summary. */
    public static Importances of(NormalBehaviorSummary summary) {
        List<NormalBehaviorSummary.PredictorImportance> properties = summary.predictors();
        List<FeatureImportance> features = new ArrayList<>();
        for (NormalBehaviorSummary.Model m : summary.models()) {
            for (int i = 0; i < m.terms().size(); i++) {
                NormalBehaviorSummary.Term t = m.terms().get(i);
                features.add(new FeatureImportance(m.index(), i + 1, t.label(), t.importance(), t.beta()));
            }
        }
        return new Importances(properties, features);
    }
}
