package dev.vigil.core.quality;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The thresholds of the data-quality checks. Lookout does not publish its own; the {@linkplain #DEFAULT
 * defaults} are the rules Vigil proposes (docs/file-formats.md#data-quality-report), none fitted to a
 * data set.
 *
 * @param shortDateRange a sensor whose first and last value are closer than this has a short date range (14 days)
 * @param minLargeGap a gap between a sensor's values is large beyond this and beyond {@code largeGapSpacings}
 *     typical steps (1 day)
 * @param largeGapSpacings how many median steps of its table a large gap exceeds (100)
 * @param monotonicShare the share of a sensor's non-zero changes that go one way for it to count as
 *     increasing or decreasing (0.95)
 * @param categoricalMaxValues at most this many distinct values (and at least 2) make a sensor categorical (10)
 * @param categoricalMinValues ... when it has at least this many values (1,000)
 * @param modesBicImprovement two Gaussian components must lower BIC by more than this against one for
 *     multiple operating modes (10)
 * @param modesMinWeight ... each with at least this weight (0.05)
 * @param modesMinSeparation ... and their means this far apart in Ashman's D, {@code |μ₁ − μ₂| / √((σ₁² +
 *     σ₂²)/2)} (2; Ashman, Bird &amp; Zepf 1994: a mixture with D &gt; 2 has two clearly separated modes).
 *     A Vigil addition to the proposed rule: without it, BIC on many values prefers two components for
 *     any skewed, single-mode distribution.
 * @param modesSample the most values the mixtures are fitted to: a larger sensor is sampled, at random
 *     with a fixed seed, so that the test means the same at any length (20,000)
 */
public record QualityThresholds(Duration shortDateRange, Duration minLargeGap, double largeGapSpacings, double monotonicShare,
        int categoricalMaxValues, int categoricalMinValues, double modesBicImprovement, double modesMinWeight,
        double modesMinSeparation, int modesSample) {
    /** The proposed rules. */
    public static final QualityThresholds DEFAULT =
            new QualityThresholds(Duration.ofDays(14), Duration.ofDays(1), 100, 0.95, 10, 1000, 10, 0.05, 2, 20_000);

    public QualityThresholds {
        requireNonNull(shortDateRange, "shortDateRange is null");
        requireNonNull(minLargeGap, "minLargeGap is null");
        if (shortDateRange.isNegative() || minLargeGap.isNegative() || !(largeGapSpacings >= 0)) {
            throw new IllegalArgumentException("durations and largeGapSpacings must not be negative");
        }
        if (!(monotonicShare > 0.5 && monotonicShare <= 1)) {
            throw new IllegalArgumentException("monotonicShare must be in (0.5, 1]: " + monotonicShare);
        }
        if (categoricalMaxValues < 2 || categoricalMinValues < 0) {
            throw new IllegalArgumentException("categoricalMaxValues must be at least 2 and categoricalMinValues not negative");
        }
        if (!(modesBicImprovement >= 0) || !(modesMinWeight >= 0 && modesMinWeight < 0.5) || !(modesMinSeparation >= 0)
                || modesSample < 10) {
            throw new IllegalArgumentException("mode thresholds: BIC improvement ≥ 0, weight in [0, 0.5), separation ≥ 0, "
                    + "sample ≥ 10");
        }
    }
}
