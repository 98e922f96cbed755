package dev.vigil.spi;

import java.util.List;

/**
 * Expands influencers (or the calendar) into candidate {@link Feature features} for the
 * normal-behaviour regression: {@code ExponentialMovingAverage} turns each influencer into moving
 * averages over several windows, {@code Periodic} adds sine and cosine of the daily cycle, and so on.
 *
 * <p>Selection happens in two rounds. {@link Round#SINGLE} generators propose features from the
 * data; {@link Round#COMBINING} generators (products, hinges) then build on the best single features
 * of the first round, given as {@link FeatureContext#leaders()}.
 *
 * <p>A generator that cannot be estimated on the data (weekly features on four hours of data)
 * returns no candidates and logs an Info entry with the reason. Implementations are stateless and
 * thread-safe; they are discovered through {@code
 * META-INF/services/dev.vigil.spi.FeatureGenerator}.
 */
public interface FeatureGenerator extends Plugin {

    /** The round in which a generator proposes candidates. */
    enum Round {
        /** Features of influencers and the calendar. */
        SINGLE,
        /** Features built from the best single features of the first round. */
        COMBINING
    }

    /** The round this generator takes part in; {@link Round#SINGLE} unless overridden. */
    default Round round() {
        return Round.SINGLE;
    }

    /** Candidate features for the data in the context; empty (and a log entry) when none apply. */
    List<Feature> candidates(FeatureContext context);

    /**
     * Rebuilds a feature from its stored description, whose {@code type} is this generator's name.
     *
     * @throws dev.vigil.spi.VigilException {@link dev.vigil.spi.ErrorCode#BAD_MODEL} when the spec is
     *     not one this generator writes
     */
    Feature restore(FeatureSpec spec);
}
