package dev.vigil.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a normal-behaviour model is made of, for people: its models (one per time of day with a daily
 * cycle) with their terms, and how much each predictor matters (TIM's {@code features} and {@code
 * properties} tables, docs/models.md#importances).
 *
 * @param models the models by index
 * @param predictors predictor importances, most important first
 */
public record NormalBehaviorSummary(List<Model> models, List<PredictorImportance> predictors) {
    public NormalBehaviorSummary {
        models = List.copyOf(requireNonNull(models, "models is null"));
        predictors = List.copyOf(requireNonNull(predictors, "predictors is null"));
    }

    /**
     * One model.
     *
     * @param index model index (1-based; with a daily cycle, index k is time of day (k−1)·Δ)
     * @param dayTime time of day the model serves ({@code HH:mm:ss}), or {@code null} without a daily cycle
     * @param terms the terms in the order they were selected
     * @param intercept the constant term
     * @param rows in-sample rows the model was fitted on
     * @param residualSd in-sample standard deviation of kpi − normal behaviour
     */
    public record Model(int index, String dayTime, List<Term> terms, double intercept, int rows, double residualSd) {
        public Model {
            terms = List.copyOf(requireNonNull(terms, "terms is null"));
        }
    }

    /**
     * One term: {@code beta × feature}.
     *
     * @param label the feature's label, e.g. {@code EMA_Pressure(t; w=8)}
     * @param beta coefficient, in the KPI's units per feature unit
     * @param importance share of the model's explained variation, percent (terms of a model sum to 100)
     * @param predictors the columns the feature reads
     */
    public record Term(String label, double beta, double importance, List<String> predictors) {
        public Term {
            requireNonNull(label, "label is null");
            predictors = List.copyOf(requireNonNull(predictors, "predictors is null"));
        }
    }

    /**
     * How much a predictor matters across all models.
     *
     * @param name the column
     * @param importance sum over models and terms of the term importance, shared equally among the
     *     predictors of a term
     * @param relImportance importance divided by the sum over predictors (sums to 1)
     * @param dataFrom the earliest offset of the predictor any term uses (TIM's {@code dataFrom}: −5 for
     *     {@code x(t-5)}; 0 is the value now), from the {@code offset} parameter of the features' parts
     *     (0 where a part has none)
     * @param dataTo the latest such offset (TIM's {@code dataTo}), at most 0
     */
    public record PredictorImportance(String name, double importance, double relImportance, int dataFrom, int dataTo) {
        /** TIM's names of the columns of the {@code properties} table, in the order of {@link #row()}. */
        public static final List<String> COLUMNS = List.of("name", "importance", "rel_importance", "dataFrom", "dataTo");

        public PredictorImportance {
            requireNonNull(name, "name is null");
            if (dataFrom > dataTo) {
                throw new IllegalArgumentException("dataFrom " + dataFrom + " is after dataTo " + dataTo + " for " + name);
            }
        }

        /** The values of the {@link #COLUMNS}, in their order. */
        public List<Object> row() {
            return List.of(name, importance, relImportance, dataFrom, dataTo);
        }
    }
}
