package dev.vigil.scheduler;

/**
 * Hears an execution's steps as they happen: {@code begin}, {@code recorded} (IN_PROGRESS committed), {@code read},
 * {@code scored}, {@code written} (results.jsonl moved in place), {@code committed} (the outcome committed). Called
 * on the scheduler's thread; must be quick.
 */
@FunctionalInterface
public interface ExecutionListener {
    /** Nobody listens. */
    ExecutionListener NONE = (step, window) -> { };

    /** One step of the execution of {@code window}. */
    void step(String step, Window window);
}
