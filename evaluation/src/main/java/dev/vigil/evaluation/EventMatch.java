package dev.vigil.evaluation;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * A labelled event that was caught, with the first detected event overlapping it.
 *
 * @param labelled the labelled event
 * @param detection the earliest detected event sharing a row with it
 * @param delay time from the labelled event's start to its first flagged row (zero when the
 *     detection began at or before the labelled start)
 */
public record EventMatch(Event labelled, Event detection, Duration delay) {
    public EventMatch {
        requireNonNull(labelled, "labelled is null");
        requireNonNull(detection, "detection is null");
        requireNonNull(delay, "delay is null");
        if (!labelled.overlaps(detection)) {
            throw new IllegalArgumentException(detection + " does not overlap " + labelled);
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay is negative: " + delay);
        }
    }
}
