package dev.vigil.spi.settings;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The sampling period to resample data to, TIM's {@code timeScale}: {@code value} × {@code baseUnit},
 * e.g. {@code {baseUnit: Minute, value: 15}}.
 *
 * @param baseUnit unit
 * @param value number of units, at least 1
 */
public record TimeScale(BaseUnit baseUnit, int value) {
    public TimeScale {
        requireNonNull(baseUnit, "baseUnit is null");
        Problems p = new Problems();
        p.atLeast("timeScale.value", value, 1);
        p.throwIfAny("timeScale");
    }

    /** The period as a duration. */
    public Duration duration() {
        return baseUnit.length().multipliedBy(value);
    }
}
