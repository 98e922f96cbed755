package dev.vigil.core.detection;

/**
 * Receives the progress of a long job: its current stage and the fraction of the whole job done.
 * Called from the job's threads, possibly several at once; implementations must be quick and
 * thread-safe.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores progress. */
    ProgressListener NONE = (stage, fraction) -> { };

    /**
     * Progress so far.
     *
     * @param stage what the job is doing, e.g. {@code "Selecting terms"}
     * @param fraction of the whole job done, 0 to 1, never decreasing within a job
     */
    void progress(String stage, double fraction);
}
