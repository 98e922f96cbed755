package dev.vigil.core.quality;

/** How a sensor's values move in time, in Lookout's words, when they move one way only (or not at all). */
public enum Monotonicity {
    /** The values (almost) only go up: a counter, an accumulated quantity. */
    INCREASING,
    /** The values (almost) only go down. */
    DECREASING,
    /** One value throughout. */
    STATIC
}
