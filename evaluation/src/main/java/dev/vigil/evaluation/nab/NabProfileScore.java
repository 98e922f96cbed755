package dev.vigil.evaluation.nab;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The NAB score of a detector under one profile: the corpus-wide threshold, the raw score at that
 * threshold (total, per category, per file) and the normalised score
 * {@code 100 · (raw − null) / (perfect − null)} (NAB repository: nab/runner.py normalize).
 *
 * @param profile the profile
 * @param threshold the optimised threshold: a row is a detection iff its score ≥ threshold; 1.1
 *     (NAB's start value) when detecting nothing scores best
 * @param nullScore raw score of the null detector, which never alarms: −A<sub>FN</sub> · windows
 * @param perfectScore raw score of the perfect detector, which alarms at the first row of every
 *     window and nowhere else: A<sub>TP</sub> · windows
 * @param total the whole corpus ({@code Totals})
 * @param categories per category, in order of first appearance
 * @param files per file, in the order given
 */
public record NabProfileScore(NabProfile profile, double threshold, double nullScore, double perfectScore, NabTally total,
        List<NabTally> categories, List<NabTally> files) {
    public NabProfileScore {
        requireNonNull(profile, "profile is null");
        requireNonNull(total, "total is null");
        categories = List.copyOf(categories);
        files = List.copyOf(files);
        if (!(perfectScore > nullScore)) {
            throw new IllegalArgumentException("perfect score " + perfectScore + " must exceed null score " + nullScore);
        }
    }

    /** The normalised NAB score: 0 for the null detector, 100 for the perfect one (can be negative). */
    public double normalizedScore() {
        return normalize(total.rawScore());
    }

    /** A raw score on this profile's normalised scale. */
    public double normalize(double rawScore) {
        return 100 * (rawScore - nullScore) / (perfectScore - nullScore);
    }
}
