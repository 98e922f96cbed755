package dev.vigil.evaluation.nab;

import static java.util.Objects.requireNonNull;

import dev.vigil.evaluation.ConfusionMatrix;

/**
 * The raw NAB score and row counts of one file, one category or the whole corpus, at one profile's
 * threshold: a row of NAB's {@code <detector>_<profile>_scores.csv}.
 *
 * @param name the file ({@code realTweets/Twitter_volume_AAPL.csv}), the category ({@code
 *     realTweets}) or {@code Totals}
 * @param files number of files summed
 * @param windows number of scored anomaly windows
 * @param rawScore Σ window values + Σ false-positive contributions (not normalised)
 * @param counts rows after the probation period by label (inside a window or not) and detection
 */
public record NabTally(String name, int files, int windows, double rawScore, ConfusionMatrix counts) {
    public NabTally {
        requireNonNull(name, "name is null");
        requireNonNull(counts, "counts is null");
        if (files < 0 || windows < 0 || Double.isNaN(rawScore)) {
            throw new IllegalArgumentException(name + ": files " + files + ", windows " + windows + ", raw score " + rawScore);
        }
    }

    /** This tally plus another, keeping this one's name. */
    NabTally plus(NabTally other) {
        return new NabTally(name, files + other.files, windows + other.windows, rawScore + other.rawScore,
                counts.plus(other.counts));
    }
}
