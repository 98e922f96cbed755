package dev.vigil.spi.settings;

import java.time.Duration;
import java.util.Optional;

/** Unit of a {@link RowSelection.Count}: samples (rows) or a span of time. */
public enum RowUnit {
    Sample(null),
    Second(Duration.ofSeconds(1)),
    Minute(Duration.ofMinutes(1)),
    Hour(Duration.ofHours(1)),
    Day(Duration.ofDays(1));

    private final Duration length;

    RowUnit(Duration length) {
        this.length = length;
    }

    /** The length of one unit; empty for {@link #Sample}. */
    public Optional<Duration> length() {
        return Optional.ofNullable(length);
    }
}
