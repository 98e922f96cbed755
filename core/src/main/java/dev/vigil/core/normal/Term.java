package dev.vigil.core.normal;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.Feature;

/**
 * One term of a fitted model: {@code beta × feature}.
 *
 * @param feature the feature
 * @param beta its coefficient
 * @param importance its share of the model's explained variation, percent
 */
record Term(Feature feature, double beta, double importance) {
    Term {
        requireNonNull(feature, "feature is null");
    }
}
