package dev.vigil.scheduler;

/** An execution's status (Lookout's {@code InferenceExecutionSummary.Status}). */
public enum ExecutionStatus {
    /** Recorded before the window is read; left so by a crash until the window is run again. */
    IN_PROGRESS,
    /** The results were written. */
    SUCCESS,
    /** No results: {@code FailedReason} says why. */
    FAILED
}
