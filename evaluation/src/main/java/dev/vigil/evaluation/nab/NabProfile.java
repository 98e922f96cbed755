package dev.vigil.evaluation.nab;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An application profile of NAB: the weights of a caught window, a false alarm and a missed window
 * (NAB repository: config/profiles.json; the true-negative weight is unused by the score).
 *
 * @param name the profile's name in NAB's files, e.g. {@code reward_low_FP_rate}
 * @param truePositiveWeight A<sub>TP</sub>: the value of a window caught at its very first row
 * @param falsePositiveWeight A<sub>FP</sub>: the cost of a false alarm far from any window
 * @param falseNegativeWeight A<sub>FN</sub>: the cost of a missed window
 */
public record NabProfile(String name, double truePositiveWeight, double falsePositiveWeight, double falseNegativeWeight) {
    /** NAB's standard profile: A_TP 1, A_FP 0.11, A_FN 1. */
    public static final NabProfile STANDARD = new NabProfile("standard", 1.0, 0.11, 1.0);
    /** Rewards detectors with few false alarms: A_FP 0.22. */
    public static final NabProfile REWARD_LOW_FP_RATE = new NabProfile("reward_low_FP_rate", 1.0, 0.22, 1.0);
    /** Rewards detectors that miss few windows: A_FN 2. */
    public static final NabProfile REWARD_LOW_FN_RATE = new NabProfile("reward_low_FN_rate", 1.0, 0.11, 2.0);

    public NabProfile {
        requireNonNull(name, "name is null");
        if (!(truePositiveWeight > 0) || !(falsePositiveWeight >= 0) || !(falseNegativeWeight >= 0)
                || Double.isInfinite(truePositiveWeight + falsePositiveWeight + falseNegativeWeight)) {
            throw new IllegalArgumentException("profile " + name + ": weights must be finite, A_TP > 0, A_FP and A_FN >= 0; got "
                    + truePositiveWeight + ", " + falsePositiveWeight + ", " + falseNegativeWeight);
        }
    }

    /** The three profiles of NAB, in the order NAB reports them: standard, low FP, low FN. */
    public static List<NabProfile> all() {
        return List.of(STANDARD, REWARD_LOW_FP_RATE, REWARD_LOW_FN_RATE);
    }
}
