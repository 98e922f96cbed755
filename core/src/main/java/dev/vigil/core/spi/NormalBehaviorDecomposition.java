package dev.vigil.core.spi;

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
 * @param typicalNormalBehavior per row, the in-sample mean of its model's normal behaviour
 * @param contributions {@code [contributor][row]}
 * @param typical {@code [contributor][row]}
 */
public record NormalBehaviorDecomposition(
        List<String> contributors,
        int[] modelIndex,
        double[] normalBehavior,
        double[] typicalNormalBehavior,
        double[][] contributions,
        double[][] typical) {

    /** Name of the constant term's contributor. */
    public static final String INTERCEPT = "intercept";

    public NormalBehaviorDecomposition {
        contributors = List.copyOf(requireNonNull(contributors, "contributors is null"));
        requireNonNull(modelIndex, "modelIndex is null");
        if (contributions.length != contributors.size() || typical.length != contributors.size()) {
            throw new IllegalArgumentException("one row of contributions and of typical values per contributor");
        }
    }

    /** Number of rows. */
    public int rows() {
        return modelIndex.length;
    }
}
