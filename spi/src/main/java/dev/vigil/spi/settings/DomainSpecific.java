package dev.vigil.spi.settings;

import static java.util.Objects.requireNonNull;

import java.util.OptionalDouble;

/**
 * One entry of TIM's {@code domainSpecifics}: a detection perspective to use and how sensitive its
 * anomaly indicator is.
 *
 * @param perspective perspective name, e.g. {@code "Residual"}
 * @param sensitivity percent of in-sample rows whose indicator exceeds 1; empty = automatic
 *     between the bounds
 * @param minSensitivity lower bound of the automatic sensitivity, percent
 * @param maxSensitivity upper bound of the automatic sensitivity, percent
 */
public record DomainSpecific(String perspective, OptionalDouble sensitivity, double minSensitivity, double maxSensitivity) {
    public DomainSpecific {
        requireNonNull(perspective, "perspective is null");
        requireNonNull(sensitivity, "sensitivity is null");
        Problems p = new Problems();
        p.require(!perspective.isBlank(), "perspective must not be blank");
        sensitivity.ifPresent(s -> p.range("sensitivity", s, 0, 100));
        p.range("minSensitivity", minSensitivity, 0, 100);
        p.range("maxSensitivity", maxSensitivity, 0, 100);
        p.require(minSensitivity <= maxSensitivity, "minSensitivity (" + Problems.fmt(minSensitivity)
                + ") must not exceed maxSensitivity (" + Problems.fmt(maxSensitivity) + ")");
        p.throwIfAny("domainSpecifics entry for " + perspective);
    }

    /** A perspective with automatic sensitivity between 0 and 5 percent (TIM's default). */
    public static DomainSpecific auto(String perspective) {
        return new DomainSpecific(perspective, OptionalDouble.empty(), 0, 5);
    }

    /** A perspective with a fixed sensitivity, percent. */
    public static DomainSpecific fixed(String perspective, double sensitivity) {
        return new DomainSpecific(perspective, OptionalDouble.of(sensitivity), 0, 5);
    }
}
