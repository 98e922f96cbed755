package dev.vigil.spi.settings;

import java.time.Duration;

/** Unit of a {@link TimeScale}. Constant names follow TIM's configuration spelling. */
public enum BaseUnit {
    Second(Duration.ofSeconds(1)),
    Minute(Duration.ofMinutes(1)),
    Hour(Duration.ofHours(1)),
    Day(Duration.ofDays(1));

    private final Duration length;

    BaseUnit(Duration length) {
        this.length = length;
    }

    /** The length of one unit. */
    public Duration length() {
        return length;
    }
}
