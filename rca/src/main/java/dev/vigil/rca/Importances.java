package dev.vigil.rca;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.spi.NormalBehaviorSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * TIM's post-processing tables (reference §6.2): {@code properties} — how much each predictor
 * matters — and {@code features} — every term of every model.
 *
 * @param properties predictors, most important first
 * @param features terms by model, in selection order
 */
public record Importances(List<Property> properties, List<FeatureImportance> features) {

    /**
     * One predictor.
     *
     * @param name the column
     * @param importance sum over models of the importance of the terms using it (shared equally among a term's predictors)
     * @param relImportance importance over the sum over predictors
     * @param dataFrom earliest offset of the predictor the model uses (−5 for {@code x(t-5)}, 0 now)
     * @param dataTo latest offset of the predictor the model uses
     */
    public record Property(String name, double importance, double relImportance, int dataFrom, int dataTo) {
    }

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
    }

    public Importances {
        properties = List.copyOf(requireNonNull(properties, "properties is null"));
        features = List.copyOf(requireNonNull(features, "features is null"));
    }

    /** The tables of a normal-behaviour model's summary. */
    public static Importances of(NormalBehaviorSummary summary) {
        List<Property> properties = summary.predictors().stream()
                .map(p -> new Property(p.name(), p.importance(), p.relImportance(), p.dataFrom(), p.dataTo())).toList();
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
