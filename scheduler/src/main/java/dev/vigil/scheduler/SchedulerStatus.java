package dev.vigil.scheduler;

/**
 * A scheduler's status (Lookout's, reference §5.9): create and start pass through {@code PENDING} to {@code
 * RUNNING}; stop passes through {@code STOPPING} (the execution under way finishes) to {@code STOPPED}.
 */
public enum SchedulerStatus {
    /** Created or started; runs as soon as a daemon or {@code run-once} takes it up. */
    PENDING,
    /** Taken up: its windows run when they are due. */
    RUNNING,
    /** Asked to stop: the execution under way finishes, no other starts. */
    STOPPING,
    /** Stopped: no window runs; start resumes it (missed windows are caught up, capped). */
    STOPPED
}
