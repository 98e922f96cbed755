package dev.vigil.system;

/**
 * A system model that asks for its own fence for the automatic sensitivity ({@link
 * IndicatorCalibration.Settings#fence()}), used by {@link SystemDetector#build} when the settings leave
 * the fence to the model; a model that does not implement it gets Tukey's inner fence. The choice is a
 * model's default like any other, made on evidence (BENCHMARKS.md#system-driven-models): a model whose
 * scores set faults far apart from normal rows loses no fault to the far-out fence and flags fewer normal
 * rows; one whose scores barely separate them catches more with the inner fence, at the price of false alarms.
 */
public interface PreferredFence {
    /** The fence, in interquartile ranges of the log scores above their third quartile. */
    double preferredFence();
}
