package dev.vigil.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Every row's normal behaviour split into contributions that add up to it: one per influencer (a
 * term reading several shares its value equally among them), one for the constant term, one per
 * kind of calendar term (Periodic, DayOfWeek, …) — and each contribution's typical value, its mean
 * over the in-sample rows of the row's model. The departures {@code contribution − typical} add up to
 * {@code normalBehavior − typicalNormalBehavior}: how far, and why, normal behaviour is away from its
 * usual level.
 *
 * @param contributors names: influencers, then {@code "intercept"}, then calendar kinds
 * @param modelIndex per row
 * @param normalBehavior per row (NaN where not calculated)
 * @param contributions {@code [contributor][row]}
 * @param typicalByModel {@code [model index][contributor]}, null for a model index without a model
 * @param typicalNormalBehaviorByModel per model index, the in-sample mean of its normal behaviour
 */
public record NormalBehaviorDecomposition(
        List<String> contributors,
        int[] modelIndex,
        double[] normalBehavior,
        double[][] contributions,
        double[][] typicalByModel,
        double[] typicalNormalBehaviorByModel) {

    /** Name of the constant term's contributor. */
    public static final String INTERCEPT = "intercept";

    public NormalBehaviorDecomposition {
        contributors = List.copyOf(requireNonNull(contributors, "contributors is null"));
        requireNonNull(modelIndex, "modelIndex is null");
        if (contributions.length != contributors.size()) {
            throw new IllegalArgumentException("one row of contributions per contributor");
        }
        if (typicalByModel.length != typicalNormalBehaviorByModel.length) {
            throw new IllegalArgumentException("typical values and typical normal behaviour for the same model indexes");
        }
    }

    /** Number of rows. */
    public int rows() {
        return modelIndex.length;
    }

    /** A contributor's typical value at a row: the in-sample mean for the row's model, NaN without one. */
    public double typical(int contributor, int row) {
        int m = modelIndex[row];
        return m >= 0 && m < typicalByModel.length && typicalByModel[m] != null ? typicalByModel[m][contributor] : Double.NaN;
    }

    /** The typical normal behaviour at a row: its model's in-sample mean, NaN without one. */
    public double typicalNormalBehavior(int row) {
        int m = modelIndex[row];
        return m >= 0 && m < typicalByModel.length && typicalByModel[m] != null ? typicalNormalBehaviorByModel[m] : Double.NaN;
    }
}
