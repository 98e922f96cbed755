package dev.vigil.spi.settings;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;

/**
 * TIM's {@code normalBehaviorModel}: how the model of what the KPI should be is built from its
 * influencers (docs/configuration.md#normalbehaviormodel).
 *
 * @param useNormalBehaviorModel {@code false}: normal behaviour is 0 and perspectives judge the raw KPI
 * @param normalization standardise inputs before selecting terms
 * @param maxModelComplexity most terms per model; empty = automatic
 * @param features feature generators to use, by name
 * @param dailyCycle one model per time of day; {@code AUTO} decides from the data
 * @param useKPIoffsets allow lagged KPI values as candidate features; {@code AUTO} decides
 * @param allowOffsets allow lagged influencer values
 * @param offsetLimit the most negative offset (in samples) a feature may read, −100000 to 0; 0 = only
 *     current values (no lagged influencer or KPI values); empty = automatic
 */
public record NormalBehaviorSettings(
        boolean useNormalBehaviorModel,
        boolean normalization,
        OptionalInt maxModelComplexity,
        List<String> features,
        AutoBoolean dailyCycle,
        AutoBoolean useKPIoffsets,
        boolean allowOffsets,
        OptionalInt offsetLimit) {

    /** TIM's default feature set. */
    public static final List<String> DEFAULT_FEATURES = List.of("Polynomial", "TimeOffsets", "Identity", "Intercept",
            "RestOfWeek", "PiecewiseLinear", "ExponentialMovingAverage", "Periodic");

    /** The defaults: model on, normalised, automatic complexity, daily cycle, KPI offsets and offset limit. */
    public static final NormalBehaviorSettings DEFAULT = new NormalBehaviorSettings(true, true, OptionalInt.empty(),
            DEFAULT_FEATURES, AutoBoolean.AUTO, AutoBoolean.AUTO, true, OptionalInt.empty());

    public NormalBehaviorSettings {
        requireNonNull(maxModelComplexity, "maxModelComplexity is null");
        features = List.copyOf(requireNonNull(features, "features is null"));
        requireNonNull(dailyCycle, "dailyCycle is null");
        requireNonNull(useKPIoffsets, "useKPIoffsets is null");
        requireNonNull(offsetLimit, "offsetLimit is null");
        Problems p = new Problems();
        maxModelComplexity.ifPresent(c -> p.range("maxModelComplexity", c, 1, 1000));
        offsetLimit.ifPresent(o -> p.range("offsetLimit", o, -100_000, 0));
        p.require(!(useKPIoffsets == AutoBoolean.TRUE && offsetLimit.equals(OptionalInt.of(0))), "useKPIoffsets is true, but "
                + "offsetLimit 0 allows only current values and a lagged KPI value reads at least one sample back: set offsetLimit "
                + "to -1 or below (down to -100000), or useKPIoffsets to false or \"auto\"");
        p.require(features.stream().distinct().count() == features.size(), "features lists a name twice: " + features);
        p.require(!useNormalBehaviorModel || !features.isEmpty(), "features must not be empty when the normal behaviour model is used");
        p.throwIfAny("normal behaviour settings");
    }

    /** A copy with another feature list. */
    public NormalBehaviorSettings withFeatures(List<String> newFeatures) {
        return new NormalBehaviorSettings(useNormalBehaviorModel, normalization, maxModelComplexity, newFeatures,
                dailyCycle, useKPIoffsets, allowOffsets, offsetLimit);
    }

    /** A copy with another complexity limit. */
    public NormalBehaviorSettings withMaxModelComplexity(OptionalInt complexity) {
        return new NormalBehaviorSettings(useNormalBehaviorModel, normalization, complexity, features,
                dailyCycle, useKPIoffsets, allowOffsets, offsetLimit);
    }

    /** A copy with another daily-cycle switch. */
    public NormalBehaviorSettings withDailyCycle(AutoBoolean value) {
        return new NormalBehaviorSettings(useNormalBehaviorModel, normalization, maxModelComplexity, features,
                value, useKPIoffsets, allowOffsets, offsetLimit);
    }

    /** A copy with another offset limit. */
    public NormalBehaviorSettings withOffsetLimit(OptionalInt limit) {
        return new NormalBehaviorSettings(useNormalBehaviorModel, normalization, maxModelComplexity, features,
                dailyCycle, useKPIoffsets, allowOffsets, limit);
    }

    /** A copy with another KPI-offsets switch. */
    public NormalBehaviorSettings withUseKPIoffsets(AutoBoolean value) {
        return new NormalBehaviorSettings(useNormalBehaviorModel, normalization, maxModelComplexity, features,
                dailyCycle, value, allowOffsets, offsetLimit);
    }
}
